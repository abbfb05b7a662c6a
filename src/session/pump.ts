/**
 * The delivery pump: runs inside an alarm and drains due deliveries with bounded concurrency.
 *
 * Workers take the next delivery from an in-memory queue. New events are handed to a running
 * pump directly (`offer`), with no query; the queue is refilled from SQLite only when it runs
 * dry (retries that came due, work left by a previous run). An idle worker lingers briefly for
 * new offers before it exits, so steady traffic does not pay an alarm per burst.
 *
 * With batching on, a worker takes up to `max_events` queued deliveries at once; when fewer
 * are queued it first waits up to `max_wait_ms` for more (new offers wake it early once a
 * full batch is queued).
 */
import type { DueDelivery } from "./store.ts";

export interface PumpOptions {
  /** Due deliveries from storage, oldest first. */
  due(limit: number): DueDelivery[];
  /** Delivers one delivery, or (batching) several in one request. */
  deliver(deliveries: readonly DueDelivery[]): Promise<void>;
  /** The webhook's batching, or null for one delivery per request. */
  batch(): { max_events: number; max_wait_ms: number } | null;
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
  /** Offers overflowed: due deliveries wait in storage, so new ones are not taken ahead of them. */
  private behind = false;
  /** Resolvers of idle workers waiting for an offer. */
  private readonly idle = new Set<() => void>();
  /** Resolvers of workers gathering a batch, woken once a full batch is queued. */
  private readonly gathering = new Set<() => void>();
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

  /**
   * New deliveries due now, handed over by ingest while the pump runs. At most `held` wait in
   * memory with their bodies; the rest stay in storage (already written) and are read back
   * when the queue runs dry, so a burst of 10,000 frames does not hold 10,000 bodies in the
   * isolate's heap.
   */
  offer(deliveries: readonly DueDelivery[]): void {
    // Behind: older deliveries wait in storage; these are read back after them, in order.
    if (!this.drained || this.behind) return;
    const room = this.held - this.queue.length;
    if (deliveries.length > room) this.behind = true;
    for (let i = 0; i < deliveries.length && i < room; i++) this.enqueue(deliveries[i]!);
    if (this.gathering.size > 0 && this.queue.length >= this.batchSize) {
      for (const wake of this.gathering) wake();
      this.gathering.clear();
    }
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

  /** Deliveries per request: 1, or the webhook's max_events. */
  private get batchSize(): number {
    return this.options.batch()?.max_events ?? 1;
  }

  /** How many due deliveries are held in memory at most. */
  private get held(): number {
    return this.options.concurrency * Math.max(64, this.batchSize * 2);
  }

  private refill(): void {
    if (this.options.paused()) return;
    // Still pending in storage: those being delivered and those whose outcome is not yet written.
    const limit = this.held + this.busy.size + this.options.settling.size;
    const due = this.options.due(limit);
    // Everything pending is in memory once storage had no more than was asked for.
    this.behind = due.length >= limit;
    for (const d of due) this.enqueue(d);
  }

  /** Workers take work only before the deadline and while not paused. */
  private get accepting(): boolean {
    return Date.now() < this.deadline && !this.options.paused();
  }

  /**
   * More workers while there is more queued than idle workers (being woken) can take. Never
   * once the budget is spent or while paused: a worker started then quits at once without
   * taking anything, so the queue never shrinks and this loop would never end (a delivery
   * still in flight keeps the pump running past its deadline).
   */
  private spawn(): void {
    if (!this.accepting) return;
    while (this.workers < this.options.concurrency && this.queue.length > this.idle.size) {
      this.workers++;
      void this.work();
    }
  }

  /** Waits until a full batch is queued or `ms` passed, whichever comes first. */
  private gather(ms: number): Promise<void> {
    return wakeOrTimeout(this.gathering, ms);
  }

  /** Waits for an offer or the linger time, whichever comes first. */
  private linger(): Promise<void> {
    return wakeOrTimeout(this.idle, this.options.lingerMs);
  }

  private async work(): Promise<void> {
    try {
      let lingered = false;
      while (this.accepting) {
        if (this.queue.length === 0) this.refill();
        if (this.queue.length === 0) {
          if (lingered) break;
          await this.linger();
          lingered = true;
          continue;
        }
        lingered = false;
        const batch = this.options.batch();
        if (batch && batch.max_wait_ms > 0 && this.queue.length < batch.max_events) {
          await this.gather(batch.max_wait_ms);
          if (this.queue.length === 0) continue; // another worker took them
        }
        const taken = this.queue.splice(0, batch?.max_events ?? 1);
        for (const d of taken) {
          this.queued.delete(d.event_id);
          this.busy.add(d.event_id);
        }
        try {
          await this.options.deliver(taken);
        } finally {
          for (const d of taken) this.busy.delete(d.event_id);
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

/** Waits until the resolver put in `waiters` is called (and removed) or `ms` passed. */
async function wakeOrTimeout(waiters: Set<() => void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: () => void = () => {};
  try {
    await new Promise<void>((resolve) => {
      wake = resolve;
      waiters.add(wake);
      timer = setTimeout(resolve, ms);
    });
  } finally {
    clearTimeout(timer);
    waiters.delete(wake);
  }
}
