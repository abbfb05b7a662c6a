/**
 * Per-minute counters of a session's traffic, kept in the same SQLite as the events and
 * written in the same transactions: events stored, deliveries settled (delivered or failed
 * for good) and a histogram of delivery latency (event stored → 2xx). A window of stats is
 * then a GROUP BY over at most 10,080 minute rows, whatever the traffic was.
 *
 * Latency bins: exact milliseconds below 64 ms, then 32 bins per doubling (each ~2.2 % wide);
 * a percentile is reported as its bin's midpoint, so it is within ~1.1 % (or 1 ms) of the exact value.
 */

export const MINUTE_MS = 60_000;

export const WINDOWS = {
  "1h": { spanMs: 3_600_000, bucketMs: MINUTE_MS },
  "24h": { spanMs: 86_400_000, bucketMs: 15 * MINUTE_MS },
  "7d": { spanMs: 7 * 86_400_000, bucketMs: 2 * 3_600_000 },
} as const;

export type StatsWindow = keyof typeof WINDOWS;

export type StatsBucket = {
  at: number;
  received: number;
  delivered: number;
  failed: number;
  latency_p50_ms: number | null;
  latency_p99_ms: number | null;
};

export type StatsSeries = { window: StatsWindow; bucket_ms: number; series: StatsBucket[] };

export const STATS_SCHEMA = `
CREATE TABLE IF NOT EXISTS stats_minutes (
  minute INTEGER PRIMARY KEY, received INTEGER NOT NULL DEFAULT 0, delivered INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS stats_latency (minute INTEGER NOT NULL, bin INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (minute, bin));
`;

const EXACT_BELOW = 64;
const BINS_PER_DOUBLING = 32;

export function latencyBin(ms: number): number {
  const v = Math.max(0, Math.round(ms));
  if (v < EXACT_BELOW) return v;
  return EXACT_BELOW + Math.floor(Math.log2(v / EXACT_BELOW) * BINS_PER_DOUBLING);
}

/** The value a bin stands for: itself below 64 ms, else the geometric middle of its range. */
export function binValue(bin: number): number {
  if (bin < EXACT_BELOW) return bin;
  return Math.round(EXACT_BELOW * 2 ** ((bin - EXACT_BELOW + 0.5) / BINS_PER_DOUBLING));
}

/** Nearest-rank percentile over a histogram of (bin, count), bins in any order. */
export function percentile(histogram: ReadonlyMap<number, number>, p: number): number | null {
  let total = 0;
  for (const n of histogram.values()) total += n;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bin of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bin)!;
    if (seen >= rank) return binValue(bin);
  }
  return null;
}

const minuteOf = (at: number): number => Math.floor(at / MINUTE_MS) * MINUTE_MS;

export class StatsLedger {
  private readonly sql: SqlStorage;

  /** Creates the tables; a store that had events before stats were kept gets counters from them. */
  constructor(sql: SqlStorage) {
    this.sql = sql;
    const existed = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stats_minutes'").toArray().length > 0;
    sql.exec(STATS_SCHEMA);
    if (!existed) this.backfill();
  }

  private add(column: "received" | "delivered" | "failed", n: number, at: number): void {
    if (n <= 0) return;
    this.sql.exec(
      `INSERT INTO stats_minutes (minute, ${column}) VALUES (?, ?) ON CONFLICT (minute) DO UPDATE SET ${column} = ${column} + excluded.${column}`,
      minuteOf(at),
      n,
    );
  }

  received(n: number, at: number): void {
    this.add("received", n, at);
  }

  failed(n: number, at: number): void {
    this.add("failed", n, at);
  }

  /** Deliveries settled with a 2xx: when, and their latency (event stored → 2xx). */
  delivered(samples: readonly { at: number; latencyMs: number }[]): void {
    const minutes = new Map<number, Map<number, number>>();
    for (const { at, latencyMs } of samples) {
      const bins = minutes.get(minuteOf(at)) ?? new Map<number, number>();
      const bin = latencyBin(latencyMs);
      bins.set(bin, (bins.get(bin) ?? 0) + 1);
      minutes.set(minuteOf(at), bins);
    }
    for (const [minute, bins] of minutes) {
      let n = 0;
      for (const [bin, count] of bins) {
        n += count;
        this.sql.exec(
          "INSERT INTO stats_latency (minute, bin, n) VALUES (?, ?, ?) ON CONFLICT (minute, bin) DO UPDATE SET n = n + excluded.n",
          minute,
          bin,
          count,
        );
      }
      this.add("delivered", n, minute);
    }
  }

  /** Fills the counters from the events and deliveries already stored. */
  private backfill(): void {
    this.sql.exec(`INSERT INTO stats_minutes (minute, received) SELECT (created_at / ${MINUTE_MS}) * ${MINUTE_MS} AS m, COUNT(*) FROM events GROUP BY m`);
    this.delivered(
      this.sql
        .exec<{ at: number; latencyMs: number }>(
          "SELECT d.delivered_at AS at, d.delivered_at - e.created_at AS latencyMs FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.status = 'delivered' AND d.delivered_at IS NOT NULL",
        )
        .toArray(),
    );
  }

  purge(before: number): void {
    this.sql.exec("DELETE FROM stats_minutes WHERE minute < ?", before);
    this.sql.exec("DELETE FROM stats_latency WHERE minute < ?", before);
  }

  wipe(): void {
    this.sql.exec("DELETE FROM stats_minutes; DELETE FROM stats_latency;");
  }

  /** Every bucket of the window ending with the one holding `now`, oldest first, zeros included. */
  series(window: StatsWindow, now: number): StatsSeries {
    const { spanMs, bucketMs } = WINDOWS[window];
    const count = spanMs / bucketMs;
    const last = Math.floor(now / bucketMs) * bucketMs;
    const first = last - (count - 1) * bucketMs;
    const series: StatsBucket[] = [];
    for (let i = 0; i < count; i++) {
      series.push({ at: first + i * bucketMs, received: 0, delivered: 0, failed: 0, latency_p50_ms: null, latency_p99_ms: null });
    }
    const slot = (at: number) => series[(at - first) / bucketMs]!;
    // Integer arithmetic in SQL (a bound JS number may arrive as a REAL); bucketMs is one of WINDOWS' constants.
    const bucketAt = `(minute / ${bucketMs}) * ${bucketMs}`;
    for (const row of this.sql.exec<{ at: number; received: number; delivered: number; failed: number }>(
      `SELECT ${bucketAt} AS at, SUM(received) AS received, SUM(delivered) AS delivered, SUM(failed) AS failed
       FROM stats_minutes WHERE minute >= ? AND minute <= ? GROUP BY at`,
      first,
      now,
    )) {
      Object.assign(slot(row.at), { received: row.received, delivered: row.delivered, failed: row.failed });
    }
    const histograms = new Map<number, Map<number, number>>();
    for (const row of this.sql.exec<{ at: number; bin: number; n: number }>(
      `SELECT ${bucketAt} AS at, bin, SUM(n) AS n FROM stats_latency WHERE minute >= ? AND minute <= ? GROUP BY at, bin`,
      first,
      now,
    )) {
      const h = histograms.get(row.at) ?? new Map<number, number>();
      h.set(row.bin, row.n);
      histograms.set(row.at, h);
    }
    for (const [at, h] of histograms) {
      Object.assign(slot(at), { latency_p50_ms: percentile(h, 0.5), latency_p99_ms: percentile(h, 0.99) });
    }
    return { window, bucket_ms: bucketMs, series };
  }
}
