/**
 * Delivery outcomes, written in groups (see batch.ts): recording each delivery's result on
 * its own made the commits, not the webhooks, the bottleneck. A delivery whose outcome is not
 * written yet is still pending in storage: if the object dies first it is sent again, which
 * at-least-once delivery allows (receivers dedupe on webhook-id).
 */
import type { DeliveryOutcome } from "../delivery/deliver.ts";
import { BatchWriter } from "./batch.ts";
import type { SessionStore } from "./store.ts";

export type Outcome =
  | { kind: "delivered"; eventId: string; attempts: number; status: number; at: number }
  | { kind: "failed"; eventId: string; attempts: number; status: number | null; error: string; nextAt: number | null };

export class OutcomeLedger {
  private readonly batch: BatchWriter<Outcome>;

  constructor(store: SessionStore, options: { maxBatch: number; delayMs: number; written: () => void }) {
    this.batch = new BatchWriter<Outcome>({
      maxBatch: options.maxBatch,
      delayMs: options.delayMs,
      key: (o) => o.eventId,
      write: (outcomes) => {
        store.transaction(() => {
          const delivered: [string, number, number, number][] = [];
          for (const o of outcomes) {
            if (o.kind === "delivered") delivered.push([o.eventId, o.attempts, o.status, o.at]);
            else store.markAttemptFailed(o.eventId, o.attempts, o.status, o.error, o.nextAt);
          }
          store.markDeliveredMany(delivered);
          if (delivered.length) store.addToCounter("delivered", delivered.length);
        });
        options.written();
      },
    });
  }

  /** Whether an outcome for this event waits to be written. */
  has(eventId: string): boolean {
    return this.batch.has(eventId);
  }

  get size(): number {
    return this.batch.size;
  }

  record(outcome: Outcome): void {
    this.batch.add(outcome);
  }

  /** Records how delivering an event ended (a gone receiver fails it for good). */
  recordDelivery(eventId: string, outcome: DeliveryOutcome, at: number): void {
    const { attempts, status } = outcome;
    if (outcome.kind === "delivered") this.record({ kind: "delivered", eventId, attempts, status: outcome.status, at });
    else this.record({ kind: "failed", eventId, attempts, status, error: outcome.error, nextAt: outcome.kind === "failed" ? outcome.retryAt : null });
  }

  /** Writes every outcome kept so far, in one transaction. */
  flush(): void {
    this.batch.flush();
  }

  /** Forgets what is kept (the connection was deleted). */
  discard(): void {
    this.batch.discard();
  }
}
