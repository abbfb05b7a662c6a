/**
 * The delivery pump: runs inside an alarm and drains due deliveries with bounded concurrency.
 *
 * Workers take the next delivery from an in-memory queue. New events are handed to a running
 * pump directly (`offer`), with no query; the queue is refilled from SQLite only when it runs
 * dry (retries that came due, work left by a previous run). An idle worker lingers briefly for
 * new offers before it exits, so steady traffic does not pay an alarm per burst.
 */
import type { DueDelivery } from "./store.ts";

export interface PumpOptions {
  /** Due deliveries from storage, oldest first. */
  due(limit: number): DueDelivery[];
  deliver(delivery: DueDelivery): Promise<void>;
  concurrency: number;
  /** Nothing is delivered while this holds (webhook disabled, connection gone). */
  paused(): boolean;
  /** Deliveries whose outcome is decided but not yet written: not to be taken again. */
  settling: { has(eventId: string): boolean; readonly size: number };
  /** How long an idle worker waits for new offers before it exits. */
  lingerMs: number;
}

export class DeliveryPump {
  private readonly queue: DueDelivery[] = [];
  private readonly queued = new Set<string>();
  private readonly busy = new Set<string>();
  private workers = 0;
  private deadline = 0;
  private drained: (() => void) | null = null;
  /** Resolvers of idle workers waiting for an offer. */
  private readonly idle = new Set<() => void>();
  private readonly options: PumpOptions;

  constructor(options: PumpOptions) {
    this.options = options;
  }

  get running(): boolean {
    return this.drained !== null;
  }

  /** Delivers until nothing is due (after lingering) or the budget is spent. */
  run(budgetMs: number): Promise<void> {
    if (this.drained) return Promise.resolve();
    this.deadline = Date.now() + budgetMs;
    const done = new Promise<void>((resolve) => {
      this.drained = resolve;
    });
    this.refill();
    this.spawn();
    if (this.workers === 0) this.finish();
    return done;
  }

  /** New deliveries due now, handed over by ingest while the pump runs. */
  offer(deliveries: readonly DueDelivery[]): void {
    if (!this.drained) return;
    for (const d of deliveries) this.enqueue(d);
    for (const wake of [...this.idle].slice(0, this.queue.length)) {
      this.idle.delete(wake);
      wake();
    }
    this.spawn();
  }

  private enqueue(d: DueDelivery): void {
    if (this.queued.has(d.event_id) || this.busy.has(d.event_id) || this.options.settling.has(d.event_id)) return;
    this.queue.push(d);
    this.queued.add(d.event_id);
  }

  private refill(): void {
    if (this.options.paused()) return;
    // Still pending in storage: those being delivered and those whose outcome is not yet written.
    const want = this.options.concurrency * 32;
    for (const d of this.options.due(want + this.busy.size + this.options.settling.size)) this.enqueue(d);
  }

  /** More workers while there is more queued than idle workers (being woken) can take. */
  private spawn(): void {
    while (this.workers < this.options.concurrency && this.queue.length > this.idle.size) {
      this.workers++;
      void this.work();
    }
  }

  /** Waits for an offer or the linger time, whichever comes first. */
  private async linger(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wake: () => void = () => {};
    try {
      await new Promise<void>((resolve) => {
        wake = resolve;
        this.idle.add(wake);
        timer = setTimeout(resolve, this.options.lingerMs);
      });
    } finally {
      clearTimeout(timer);
      this.idle.delete(wake);
    }
  }

  private async work(): Promise<void> {
    try {
      let lingered = false;
      while (Date.now() < this.deadline && !this.options.paused()) {
        if (this.queue.length === 0) this.refill();
        const next = this.queue.shift();
        if (!next) {
          if (lingered) break;
          await this.linger();
          lingered = true;
          continue;
        }
        lingered = false;
        this.queued.delete(next.event_id);
        this.busy.add(next.event_id);
        try {
          await this.options.deliver(next);
        } finally {
          this.busy.delete(next.event_id);
        }
      }
    } finally {
      this.workers--;
      if (this.workers === 0) this.finish();
    }
  }

  private finish(): void {
    const resolve = this.drained;
    this.drained = null;
    this.queue.length = 0;
    this.queued.clear();
    resolve?.();
  }
}
