/**
 * A session's durable state in its Durable Object's SQLite: configuration and status,
 * the event log, the delivery outbox, idempotency records and the adapter's memory.
 * Every method is synchronous; callers group writes with `transaction`.
 */
import type { RelayEvent } from "../events/types.ts";
import type { Memory, Remember } from "../platforms/contract.ts";
import type { ConnectionConfig, LinkStatus, Stats } from "./config.ts";
import { shelfOf } from "./memory.ts";
import { StatsLedger, WINDOWS, type StatsSeries, type StatsWindow } from "./stats.ts";

export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One webhook attempt for an event: its number in the current schedule, when, and how it ended. */
export type AttemptRow = {
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
};

/** Attempts kept per event (a schedule has at most 8; requeues start new ones): the newest stay. */
export const ATTEMPTS_KEPT = 50;

export type DeliveryRow = {
  event_id: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
};

/** A due delivery with what an attempt needs. */
export type DueDelivery = {
  event_id: string;
  attempts: number;
  body: string;
};

/** An event to store: its envelope, the body as delivered, whether it is delivered, its dedupe key. */
export type EventRow = {
  event: RelayEvent;
  body: string;
  deliver: boolean;
  dedupe?: string;
};

export type IdempotencyRecord = {
  fingerprint: string;
  response: string | null;
  created_at: number;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT NOT NULL, created_at INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  event_id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER, last_status INTEGER, last_error TEXT, delivered_at INTEGER);
DROP INDEX IF EXISTS deliveries_due;
CREATE INDEX IF NOT EXISTS deliveries_due_order ON deliveries (status, next_attempt_at, event_id);
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, response TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
  seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, attempt INTEGER NOT NULL, at INTEGER NOT NULL, status INTEGER, error TEXT);
CREATE INDEX IF NOT EXISTS attempts_event ON attempts (event_id, seq);
`;

/**
 * Columns added after the first release, each with the statement that fills it in rows that
 * predate it. A Durable Object created before keeps its data: the column is added once.
 */
const ADDED_COLUMNS: readonly { table: string; column: string; definition: string; backfill?: string }[] = [
  { table: "events", column: "dedupe", definition: "TEXT" },
  {
    table: "memo",
    column: "shelf",
    definition: "TEXT NOT NULL DEFAULT ''",
    backfill: "UPDATE memo SET shelf = substr(key, 1, instr(key, ':') - 1) WHERE instr(key, ':') > 0",
  },
  { table: "memo", column: "written_at", definition: "INTEGER NOT NULL DEFAULT 0", backfill: "UPDATE memo SET written_at = ?" },
];

const INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS events_dedupe ON events (dedupe) WHERE dedupe IS NOT NULL;
CREATE INDEX IF NOT EXISTS memo_shelf ON memo (shelf, written_at);
`;

/** Rows per multi-row INSERT (Durable Object SQL allows 100 bound parameters per statement). */
const ROWS_PER_INSERT = 20;
/** Keys per `IN (...)` list. */
const KEYS_PER_QUERY = 90;

export class SessionStore {
  private readonly sql: SqlStorage;
  private readonly storage: DurableObjectStorage;
  private readonly ledger: StatsLedger;

  constructor(storage: DurableObjectStorage) {
    this.storage = storage;
    this.sql = storage.sql;
    this.sql.exec(SCHEMA);
    this.migrate(Date.now());
    this.sql.exec(INDEXES);
    this.ledger = new StatsLedger(this.sql);
  }

  /** Adds the columns a store created by an older release lacks. */
  private migrate(now: number): void {
    for (const { table, column, definition, backfill } of ADDED_COLUMNS) {
      if (this.hasColumn(table, column)) continue;
      this.sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
      if (backfill) this.sql.exec(backfill, ...(backfill.includes("?") ? [now] : []));
    }
  }

  private hasColumn(table: string, column: string): boolean {
    return this.sql
      .exec<{ name: string }>(`PRAGMA table_info(${table})`)
      .toArray()
      .some((c) => c.name === column);
  }

  transaction<T>(fn: () => T): T {
    return this.storage.transactionSync(fn);
  }

  // --- configuration and status -------------------------------------------------------

  private getKv<T>(key: string): T | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = ?", key).toArray()[0];
    return row ? (JSON.parse(row.value) as T) : null;
  }

  private setKv(key: string, value: unknown): void {
    this.sql.exec("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, JSON.stringify(value));
  }

  config(): ConnectionConfig | null {
    return this.getKv<ConnectionConfig>("config");
  }

  saveConfig(config: ConnectionConfig): void {
    this.setKv("config", config);
  }

  status(): LinkStatus | null {
    return this.getKv<LinkStatus>("status");
  }

  saveStatus(status: LinkStatus): void {
    this.setKv("status", status);
  }

  counter(name: "received" | "delivered" | "purged_at"): number {
    return this.getKv<number>(name) ?? 0;
  }

  addToCounter(name: "received" | "delivered", n: number): void {
    this.sql.exec("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + ?", name, String(n), n);
  }

  setCounter(name: "purged_at", value: number): void {
    this.setKv(name, value);
  }

  stats(): Stats {
    const counts = { pending: 0, failed: 0 };
    for (const row of this.sql.exec<{ status: string; n: number }>(
      "SELECT status, COUNT(*) AS n FROM deliveries WHERE status IN ('pending', 'failed') GROUP BY status",
    )) {
      counts[row.status as "pending" | "failed"] = row.n;
    }
    return { received: this.counter("received"), delivered: this.counter("delivered"), ...counts };
  }

  /** Traffic per bucket over a window ending now (GET …/stats). */
  series(window: StatsWindow, now: number): StatsSeries {
    return this.ledger.series(window, now);
  }

  /** Forgets everything: the connection is deleted. */
  wipe(): void {
    this.sql.exec("DELETE FROM kv; DELETE FROM events; DELETE FROM deliveries; DELETE FROM idempotency; DELETE FROM memo; DELETE FROM attempts;");
    this.ledger.wipe();
  }

  // --- events and the outbox ----------------------------------------------------------

  /**
   * Appends events; those with `deliver` get a pending delivery due now. An event whose
   * dedupe key is stored already (or repeats one earlier in `rows`) is skipped. Returns the
   * events stored.
   */
  appendEvents(rows: readonly EventRow[], now: number): EventRow[] {
    const events = this.withoutDuplicates(rows);
    // Multi-row statements: a burst of frames costs a few statements, not two per frame.
    for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
      const chunk = events.slice(i, i + ROWS_PER_INSERT);
      this.sql.exec(
        `INSERT INTO events (id, type, created_at, body, dedupe) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
        ...chunk.flatMap(({ event, body, dedupe }) => [event.id, event.type, now, body, dedupe ?? null]),
      );
      const delivered = chunk.filter((e) => e.deliver);
      if (delivered.length) {
        this.sql.exec(
          `INSERT INTO deliveries (event_id, type, status, attempts, next_attempt_at) VALUES ${delivered.map(() => "(?, ?, 'pending', 0, ?)").join(", ")}`,
          ...delivered.flatMap(({ event }) => [event.id, event.type, now]),
        );
      }
    }
    if (events.length) this.addToCounter("received", events.length);
    this.ledger.received(events.length, now);
    return events;
  }

  private withoutDuplicates(rows: readonly EventRow[]): EventRow[] {
    const keys = [...new Set(rows.flatMap((r) => (r.dedupe === undefined ? [] : [r.dedupe])))];
    if (keys.length === 0) return [...rows];
    const seen = new Set<string>();
    for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
      const chunk = keys.slice(i, i + KEYS_PER_QUERY);
      for (const row of this.sql.exec<{ dedupe: string }>(`SELECT dedupe FROM events WHERE dedupe IN (${chunk.map(() => "?").join(", ")})`, ...chunk)) {
        seen.add(row.dedupe);
      }
    }
    return rows.filter((r) => {
      if (r.dedupe === undefined) return true;
      if (seen.has(r.dedupe)) return false;
      seen.add(r.dedupe);
      return true;
    });
  }

  /** Stored events in id order, each with its JSON text exactly as stored (never parsed again). */
  listEvents(after: string | null, limit: number, type: { exact?: string; prefix?: string }): { id: string; type: string; body: string }[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (after) {
      where.push("id > ?");
      args.push(after);
    }
    if (type.exact) {
      where.push("type = ?");
      args.push(type.exact);
    } else if (type.prefix) {
      where.push("substr(type, 1, ?) = ?");
      args.push(type.prefix.length, type.prefix);
    }
    const sql = `SELECT id, type, body FROM events ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id LIMIT ?`;
    return this.sql
      .exec<{ id: string; type: string; body: string }>(sql, ...args, limit)
      .toArray()
      .map((r) => ({ id: r.id, type: r.type, body: r.body }));
  }

  eventExists(id: string): boolean {
    return this.sql.exec("SELECT 1 FROM events WHERE id = ?", id).toArray().length > 0;
  }

  /** Due pending deliveries, oldest first, with their bodies. */
  dueDeliveries(now: number, limit: number): DueDelivery[] {
    return this.sql
      .exec<DueDelivery>(
        `SELECT d.event_id AS event_id, d.attempts AS attempts, e.body AS body FROM deliveries d JOIN events e ON e.id = d.event_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.event_id LIMIT ?`,
        now,
        limit,
      )
      .toArray();
  }

  nextDueAt(): number | null {
    const row = this.sql.exec<{ at: number | null }>("SELECT MIN(next_attempt_at) AS at FROM deliveries WHERE status = 'pending'").toArray()[0];
    return row?.at ?? null;
  }

  markDelivered(eventId: string, attempts: number, status: number, now: number): void {
    this.markDeliveredMany([[eventId, attempts, status, now]]);
  }

  /**
   * Records many deliveries as delivered in one statement: [event id, attempts, status, at]
   * rows as one JSON parameter. One UPDATE per delivery was, after the inserts, the largest
   * share of SQLite time per event at full speed.
   */
  markDeliveredMany(rows: readonly (readonly [eventId: string, attempts: number, status: number, at: number])[]): void {
    if (rows.length === 0) return;
    this.countDelivered(rows);
    this.sql.exec(
      "INSERT INTO attempts (event_id, attempt, at, status, error) SELECT j.value->>0, j.value->>1, j.value->>3, j.value->>2, NULL FROM json_each(?) AS j",
      JSON.stringify(rows),
    );
    this.trimAttempts(rows.map((r) => r[0]));
    this.sql.exec(
      `UPDATE deliveries SET status = 'delivered', attempts = j.value->>1, last_status = j.value->>2, last_error = NULL, next_attempt_at = NULL, delivered_at = j.value->>3
       FROM json_each(?) AS j WHERE deliveries.event_id = j.value->>0`,
      JSON.stringify(rows),
    );
  }

  /** Counts deliveries answered 2xx in the stats, with their latency from the event being stored (one query for all). */
  private countDelivered(rows: readonly (readonly [eventId: string, attempts: number, status: number, at: number])[]): void {
    this.ledger.delivered(
      this.sql
        .exec<{ at: number; latencyMs: number }>(
          "SELECT j.value->>3 AS at, j.value->>3 - e.created_at AS latencyMs FROM json_each(?) AS j JOIN events e ON e.id = j.value->>0",
          JSON.stringify(rows),
        )
        .toArray(),
    );
  }

  /** Records a failed attempt: retried at `nextAt`, or `failed` for good when nextAt is null. */
  markAttemptFailed(eventId: string, attempts: number, status: number | null, error: string, nextAt: number | null, now = Date.now()): void {
    if (nextAt === null) this.ledger.failed(1, now);
    this.sql.exec("INSERT INTO attempts (event_id, attempt, at, status, error) VALUES (?, ?, ?, ?, ?)", eventId, attempts, now, status, error);
    this.trimAttempts([eventId]);
    this.sql.exec(
      "UPDATE deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE event_id = ?",
      nextAt === null ? "failed" : "pending",
      attempts,
      status,
      error,
      nextAt,
      eventId,
    );
  }

  /** Keeps the newest ATTEMPTS_KEPT attempts of each of these events. */
  private trimAttempts(eventIds: readonly string[]): void {
    this.sql.exec(
      `DELETE FROM attempts WHERE seq IN (
         SELECT a.seq FROM json_each(?) AS j JOIN attempts a ON a.event_id = j.value
         WHERE a.seq <= (SELECT b.seq FROM attempts b WHERE b.event_id = j.value ORDER BY b.seq DESC LIMIT 1 OFFSET ?))`,
      JSON.stringify(eventIds),
      ATTEMPTS_KEPT,
    );
  }

  /** One event's delivery, or null when the event has none. */
  delivery(eventId: string): DeliveryRow | null {
    const row = this.sql
      .exec<DeliveryRow>(
        "SELECT event_id, type, status, attempts, next_attempt_at, last_status, last_error, delivered_at FROM deliveries WHERE event_id = ?",
        eventId,
      )
      .toArray()[0];
    return row ? { ...row } : null;
  }

  /** Every attempt kept for an event, oldest first. */
  attempts(eventId: string): AttemptRow[] {
    return this.sql
      .exec<AttemptRow>("SELECT attempt, at, status, error FROM attempts WHERE event_id = ? ORDER BY seq", eventId)
      .toArray()
      .map((r) => ({ ...r }));
  }

  listDeliveries(status: DeliveryStatus | null, after: string | null, limit: number): DeliveryRow[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (status) {
      where.push("status = ?");
      args.push(status);
    }
    if (after) {
      where.push("event_id > ?");
      args.push(after);
    }
    const sql = `SELECT event_id, type, status, attempts, next_attempt_at, last_status, last_error, delivered_at FROM deliveries ${
      where.length ? `WHERE ${where.join(" AND ")}` : ""
    } ORDER BY event_id LIMIT ?`;
    return this.sql
      .exec<DeliveryRow>(sql, ...args, limit)
      .toArray()
      .map((r) => ({ ...r }));
  }

  /** Puts deliveries back in the queue, due now, with a fresh attempt count. */
  requeue(eventIds: readonly string[] | null, now: number): number {
    if (eventIds === null) {
      return this.sql
        .exec("UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE status = 'failed' RETURNING event_id", now)
        .toArray().length;
    }
    let n = 0;
    for (const id of eventIds) {
      const type = this.sql.exec<{ type: string }>("SELECT type FROM events WHERE id = ?", id).toArray()[0]?.type;
      if (!type) continue;
      this.sql.exec(
        `INSERT INTO deliveries (event_id, type, status, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, ?)
         ON CONFLICT (event_id) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at`,
        id,
        type,
        now,
      );
      n++;
    }
    return n;
  }

  /** Drops events older than `before` whose delivery is settled, and idempotency records older than `idemBefore`. */
  purge(before: number, idemBefore: number): void {
    this.sql.exec(`DELETE FROM events WHERE created_at < ? AND id NOT IN (SELECT event_id FROM deliveries WHERE status IN ('pending', 'failed'))`, before);
    this.sql.exec("DELETE FROM deliveries WHERE status = 'delivered' AND event_id NOT IN (SELECT id FROM events)");
    this.sql.exec("DELETE FROM attempts WHERE event_id NOT IN (SELECT id FROM events)");
    this.sql.exec("DELETE FROM idempotency WHERE created_at < ?", idemBefore);
    this.ledger.purge(Math.min(before, Date.now() - WINDOWS["7d"].spanMs - WINDOWS["7d"].bucketMs));
  }

  // --- idempotency ----------------------------------------------------------------------

  idempotency(key: string): IdempotencyRecord | null {
    return this.sql.exec<IdempotencyRecord>("SELECT fingerprint, response, created_at FROM idempotency WHERE key = ?", key).toArray()[0] ?? null;
  }

  beginIdempotent(key: string, fingerprint: string, now: number): void {
    this.sql.exec(
      "INSERT INTO idempotency (key, fingerprint, response, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, response = NULL, created_at = excluded.created_at",
      key,
      fingerprint,
      now,
    );
  }

  finishIdempotent(key: string, response: string | null): void {
    if (response === null) this.sql.exec("DELETE FROM idempotency WHERE key = ?", key);
    else this.sql.exec("UPDATE idempotency SET response = ? WHERE key = ?", response, key);
  }

  // --- the adapter's memory -------------------------------------------------------------

  /** Every remembered entry as `[key, value, written_at]`, oldest written first. */
  memo(): [string, unknown, number][] {
    return this.sql
      .exec<{ key: string; value: string; written_at: number }>("SELECT key, value, written_at FROM memo ORDER BY written_at, rowid")
      .toArray()
      .map((r) => [r.key, JSON.parse(r.value) as unknown, r.written_at]);
  }

  forgetMemo(): void {
    this.sql.exec("DELETE FROM memo");
  }

  /**
   * Writes a `remember` (null forgets a key) and keeps each shelf written to within its
   * bounds: at most `capacity` entries (the oldest written go) and none older than `ttlMs`.
   */
  remember(entries: Remember, now: number, bounds: Memory = {}): void {
    const touched = new Set<string>();
    for (const [key, value] of Object.entries(entries)) {
      // Deleted and inserted again, so that a rewritten key counts as the newest of its shelf.
      this.sql.exec("DELETE FROM memo WHERE key = ?", key);
      if (value === null || value === undefined) continue;
      const shelf = shelfOf(key);
      this.sql.exec("INSERT INTO memo (key, value, shelf, written_at) VALUES (?, ?, ?, ?)", key, JSON.stringify(value), shelf, now);
      touched.add(shelf);
    }
    for (const shelf of touched) {
      const bound = shelf !== "" && Object.hasOwn(bounds, shelf) ? bounds[shelf] : undefined;
      if (bound) this.bound(shelf, bound, now);
    }
  }

  /** Forgets what every shelf holds beyond its bounds (the hourly purge). */
  forgetExpired(bounds: Memory, now: number): void {
    for (const [shelf, bound] of Object.entries(bounds)) this.bound(shelf, bound, now);
  }

  private bound(shelf: string, bound: { capacity?: number; ttlMs?: number }, now: number): void {
    if (bound.ttlMs !== undefined) this.sql.exec("DELETE FROM memo WHERE shelf = ? AND written_at <= ?", shelf, now - bound.ttlMs);
    if (bound.capacity !== undefined) {
      this.sql.exec(
        "DELETE FROM memo WHERE shelf = ? AND rowid NOT IN (SELECT rowid FROM memo WHERE shelf = ? ORDER BY written_at DESC, rowid DESC LIMIT ?)",
        shelf,
        shelf,
        bound.capacity,
      );
    }
  }
}
