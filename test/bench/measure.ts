/**
 * Recording one benchmark run: when each sequence number was sent, when it first arrived,
 * and the figures derived from that (rate, latency percentiles, duplicates, missing).
 */

/** A high-resolution wall-clock time in ms, on the same clock as the sink's `at`. */
export const now = (): number => performance.timeOrigin + performance.now();

export interface RunFigures {
  sent: number;
  received: number;
  missing: number;
  /** Deliveries seen again: the same webhook-id twice, or the same sequence under two ids. */
  duplicates: number;
  /** Arrivals that could not be attributed (unverified, or no sequence in them). */
  rejected: number;
  /** received / (last arrival − first send), events per second. */
  eventsPerSecond: number;
  /** sent / (last send − first send): how fast the sender actually went. */
  sendRate: number;
  /** p99 and max latency of the messages sent in each second of the run (a tail shows as a spike). */
  bySecond: { p99: number; max: number }[];
  /** Send → first arrival, ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  durationMs: number;
}

export class Recorder {
  readonly total: number;
  readonly sentAt: Float64Array;
  readonly arrivedAt: Float64Array;
  private readonly ids = new Set<string>();
  private arrivals = 0;
  private duplicateCount = 0;
  private rejectedCount = 0;
  private lastArrival = 0;
  private waiter: (() => void) | null = null;

  constructor(total: number) {
    this.total = total;
    this.sentAt = new Float64Array(total).fill(Number.NaN);
    this.arrivedAt = new Float64Array(total).fill(Number.NaN);
  }

  sent(seq: number, at: number = now()): void {
    this.sentAt[seq] = at;
  }

  /** One arrival; `id` dedupes redeliveries of the same event (webhook-id), when there is one. */
  arrived(seq: number | null, at: number, id: string | null = null): void {
    if (id !== null) {
      if (this.ids.has(id)) {
        this.duplicateCount++;
        return;
      }
      this.ids.add(id);
    }
    if (seq === null || !(seq >= 0 && seq < this.total)) {
      this.rejectedCount++;
      return;
    }
    if (!Number.isNaN(this.arrivedAt[seq]!)) {
      this.duplicateCount++;
      return;
    }
    this.arrivedAt[seq] = at;
    this.arrivals++;
    if (at > this.lastArrival) this.lastArrival = at;
    if (this.arrivals === this.total) this.waiter?.();
  }

  reject(): void {
    this.rejectedCount++;
  }

  get count(): number {
    return this.arrivals;
  }

  /**
   * Resolves when every sequence arrived, or when nothing new arrived for `idleMs`, or at
   * `deadline` (absolute ms); the figures then show what is missing.
   */
  async settle(idleMs: number, deadline: number): Promise<void> {
    let seen = -1;
    let lastProgress = now();
    while (this.arrivals < this.total) {
      if (this.arrivals !== seen) {
        seen = this.arrivals;
        lastProgress = now();
      }
      const t = now();
      if (t - lastProgress > idleMs || t > deadline) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
  }

  figures(): RunFigures {
    const latencies: number[] = [];
    let firstSend = Infinity;
    let lastSend = -Infinity;
    let sent = 0;
    for (let i = 0; i < this.total; i++) {
      const s = this.sentAt[i]!;
      if (Number.isNaN(s)) continue;
      sent++;
      if (s < firstSend) firstSend = s;
      if (s > lastSend) lastSend = s;
      const a = this.arrivedAt[i]!;
      if (!Number.isNaN(a)) latencies.push(a - s);
    }
    const buckets: number[][] = [];
    for (let i = 0; i < this.total; i++) {
      const s = this.sentAt[i]!;
      const a = this.arrivedAt[i]!;
      if (Number.isNaN(s) || Number.isNaN(a)) continue;
      (buckets[Math.floor((s - firstSend) / 1000)] ??= []).push(a - s);
    }
    const bySecond = Array.from(buckets, (b) => {
      const sorted = (b ?? []).sort((x, y) => x - y);
      return { p99: round(percentile(sorted, 0.99)), max: round(sorted[sorted.length - 1] ?? Number.NaN) };
    });
    latencies.sort((a, b) => a - b);
    const span = this.lastArrival - firstSend;
    return {
      sent,
      received: this.arrivals,
      missing: sent - this.arrivals,
      duplicates: this.duplicateCount,
      rejected: this.rejectedCount,
      eventsPerSecond: span > 0 ? (this.arrivals / span) * 1000 : 0,
      sendRate: lastSend > firstSend ? ((sent - 1) / (lastSend - firstSend)) * 1000 : 0,
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      max: latencies.length ? latencies[latencies.length - 1]! : Number.NaN,
      durationMs: span,
      bySecond,
    };
  }
}

const round = (v: number): number => Math.round(v * 10) / 10;

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** The sequence number a benchmark message carries: its text contains `bench#<seq>#`. */
export const seqText = (seq: number): string => `bench#${seq}#`;

export function seqOf(text: string | undefined | null): number | null {
  if (!text) return null;
  const m = /bench#(\d+)#/.exec(text);
  return m ? Number(m[1]) : null;
}
