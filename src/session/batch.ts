/**
 * Writes in groups. Every write to a Durable Object's storage is a commit that outgoing
 * requests wait behind, so what arrives in bursts (received events, delivery outcomes) is
 * kept here and written together: at most `maxBatch` items per write, at most `delayMs`
 * after the first one waited. A later item with the same key replaces the earlier one.
 */
export interface BatchOptions<T> {
  maxBatch: number;
  delayMs: number;
  key(item: T): string;
  /** Writes the items (in the order they came), in one transaction. */
  write(items: T[]): void;
}

export class BatchWriter<T> {
  private readonly waiting = new Map<string, T>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly options: BatchOptions<T>;

  constructor(options: BatchOptions<T>) {
    this.options = options;
  }

  get size(): number {
    return this.waiting.size;
  }

  has(key: string): boolean {
    return this.waiting.has(key);
  }

  add(item: T): void {
    const key = this.options.key(item);
    this.waiting.delete(key);
    this.waiting.set(key, item);
    if (this.waiting.size >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.delayMs);
  }

  /** Writes everything kept so far. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.size === 0) return;
    const items = [...this.waiting.values()];
    this.waiting.clear();
    this.options.write(items);
  }

  /** Forgets everything kept (the connection was deleted). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
  }
}
