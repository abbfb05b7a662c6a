/**
 * The delivery pump: runs inside an alarm, drains due deliveries with bounded concurrency.
 *
 * Workers take the next due delivery from a queue refilled from SQLite; `nudge` (called when
 * new events are stored while the pump runs) refills the queue and wakes idle workers, so a
 * burst is delivered without waiting for the next alarm.
 */
import type { DueDelivery } from "./store.ts";

export class DeliveryPump {
  private readonly queue: DueDelivery[] = [];
  private readonly queued = new Set<string>();
  private readonly busy = new Set<string>();
  private workers = 0;
  private deadline = 0;
  private drained: (() => void) | null = null;
  private readonly due: (limit: number) => DueDelivery[];
  private readonly deliver: (delivery: DueDelivery) => Promise<void>;
  private readonly concurrency: number;
  private readonly paused: () => boolean;

  constructor(options: {
    due: (limit: number) => DueDelivery[];
    deliver: (delivery: DueDelivery) => Promise<void>;
    concurrency: number;
    paused: () => boolean;
  }) {
    this.due = options.due;
    this.deliver = options.deliver;
    this.concurrency = options.concurrency;
    this.paused = options.paused;
  }

  get running(): boolean {
    return this.drained !== null;
  }

  /** Delivers until nothing is due or the deadline passes. */
  run(budgetMs: number): Promise<void> {
    if (this.drained) return Promise.resolve();
    this.deadline = Date.now() + budgetMs;
    const done = new Promise<void>((resolve) => {
      this.drained = resolve;
    });
    this.spawn();
    if (this.workers === 0) this.finish();
    return done;
  }

  /** New deliveries are due: let a running pump pick them up now. */
  nudge(): void {
    if (this.drained) this.spawn();
  }

  private refill(): void {
    if (this.paused()) return;
    const want = this.concurrency * 16;
    if (this.queue.length >= want) return;
    for (const d of this.due(want + this.busy.size + this.queue.length)) {
      if (this.queued.has(d.event_id) || this.busy.has(d.event_id)) continue;
      this.queue.push(d);
      this.queued.add(d.event_id);
    }
  }

  private spawn(): void {
    this.refill();
    while (this.workers < this.concurrency && this.queue.length > 0) {
      this.workers++;
      void this.work();
    }
  }

  private async work(): Promise<void> {
    try {
      while (Date.now() < this.deadline && !this.paused()) {
        if (this.queue.length === 0) this.refill();
        const next = this.queue.shift();
        if (!next) break;
        this.queued.delete(next.event_id);
        this.busy.add(next.event_id);
        try {
          await this.deliver(next);
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
