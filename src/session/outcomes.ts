/**
 * Delivery outcomes, written in groups. Every write to a Durable Object's storage is a commit
 * that outgoing requests wait behind; recording each delivery's result on its own made the
 * commits, not the webhooks, the bottleneck. Outcomes are kept here and written together
 * (at most `maxBatch`, at most `delayMs` later). A delivery whose outcome is not written yet
 * is still pending in storage: if the object dies first it is sent again, which at-least-once
 * delivery allows (receivers dedupe on webhook-id).
 */
import type { SessionStore } from "./store.ts";

export type Outcome =
  | { kind: "delivered"; eventId: string; attempts: number; status: number; at: number }
  | { kind: "failed"; eventId: string; attempts: number; status: number | null; error: string; nextAt: number | null };

export class OutcomeLedger {
  private readonly waiting = new Map<string, Outcome>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly store: SessionStore;
  private readonly maxBatch: number;
  private readonly delayMs: number;
  private readonly written: () => void;

  constructor(store: SessionStore, options: { maxBatch: number; delayMs: number; written: () => void }) {
    this.store = store;
    this.maxBatch = options.maxBatch;
    this.delayMs = options.delayMs;
    this.written = options.written;
  }

  has(eventId: string): boolean {
    return this.waiting.has(eventId);
  }

  get size(): number {
    return this.waiting.size;
  }

  record(outcome: Outcome): void {
    this.waiting.set(outcome.eventId, outcome);
    if (this.waiting.size >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes every outcome kept so far, in one transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.size === 0) return;
    const outcomes = [...this.waiting.values()];
    this.waiting.clear();
    this.store.transaction(() => {
      let delivered = 0;
      for (const o of outcomes) {
        if (o.kind === "delivered") {
          this.store.markDelivered(o.eventId, o.attempts, o.status, o.at);
          delivered++;
        } else this.store.markAttemptFailed(o.eventId, o.attempts, o.status, o.error, o.nextAt);
      }
      if (delivered) this.store.addToCounter("delivered", delivered);
    });
    this.written();
  }

  /** Forgets what is kept (the connection was deleted). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
  }
}
