/**
 * Ingest: events (and the adapter's memory) taken in and written before anything else happens
 * to them — delivery, listing, counting. Frames that arrive back to back are written together
 * (see batch.ts): once the burst pauses, at most INGEST_BATCH per write. The memory is applied
 * at once in RAM, so later frames of the same burst already see what earlier ones taught.
 */
import { matchesAny } from "../events/filter.ts";
import type { DraftEvent, RelayEvent } from "../events/types.ts";
import { eventId } from "../lib/ulid.ts";
import type { Memory, Remember } from "../platforms/contract.ts";
import { BatchWriter } from "./batch.ts";
import type { ShelvedMemory } from "./memory.ts";
import type { EventRow, SessionStore } from "./store.ts";

/** Frames arriving back to back are stored together, up to this many events per write. */
export const INGEST_BATCH = 256;
/**
 * How long the first frame of a write waits for others. Every commit costs workerd ~350 µs of
 * CPU here (test/bench/micro.ts) and holds every outgoing request until it is durable; at
 * 500 frames/s, one commit per frame kept that gate shut most of the time and deliveries fell
 * behind. A few milliseconds gather several frames per commit. Nothing is delivered, listed
 * or counted before its write, as before.
 */
export const INGEST_WINDOW_MS = 4;

type Item = { row: EventRow } | { remember: Remember };

export interface Source {
  connection: string;
  platform: string;
  /** The webhook's event patterns (null: every type). */
  events: string[] | null;
}

export interface InboxDeps {
  store: SessionStore;
  memory(): ShelvedMemory;
  bounds(): Memory;
  /** The events just written (dedupe dropped those stored before). */
  stored(rows: EventRow[], now: number): void;
}

export class Inbox {
  private readonly batch: BatchWriter<Item>;
  private readonly deps: InboxDeps;
  private remembers = 0;

  constructor(deps: InboxDeps) {
    this.deps = deps;
    this.batch = new BatchWriter<Item>({
      maxBatch: INGEST_BATCH,
      delayMs: INGEST_WINDOW_MS,
      key: (item) => ("row" in item ? item.row.event.id : `remember ${++this.remembers}`),
      write: (items) => this.write(items),
    });
  }

  /** Takes events in (written with the next batch); returns them as they will be stored. */
  take(source: Source, drafts: readonly DraftEvent[], remember?: Remember): RelayEvent[] {
    const now = Date.now();
    const taken: RelayEvent[] = [];
    for (const draft of drafts) {
      const event: RelayEvent = {
        id: eventId(now),
        type: draft.type,
        connection: source.connection,
        platform: source.platform,
        timestamp: draft.timestamp ?? now,
        data: draft.data,
        ...(draft.raw === undefined ? {} : { raw: draft.raw }),
      };
      // `dedupe` is kept beside the event, not in it.
      const row: EventRow = { event, body: JSON.stringify(event), deliver: matchesAny(event.type, source.events) };
      if (draft.dedupe !== undefined) row.dedupe = draft.dedupe;
      this.batch.add({ row });
      taken.push(event);
    }
    if (remember) {
      this.deps.memory().apply(remember, now);
      this.batch.add({ remember });
    }
    return taken;
  }

  /** Writes everything taken in so far. */
  flush(): void {
    this.batch.flush();
  }

  discard(): void {
    this.batch.discard();
  }

  private write(items: Item[]): void {
    const rows = items.flatMap((i) => ("row" in i ? [i.row] : []));
    const remember = items.reduce<Remember | null>((all, i) => ("remember" in i ? { ...all, ...i.remember } : all), null);
    const now = Date.now();
    const { store } = this.deps;
    const stored = store.transaction(() => {
      const kept = rows.length ? store.appendEvents(rows, now) : [];
      if (remember) store.remember(remember, now, this.deps.bounds());
      return kept;
    });
    this.deps.stored(stored, now);
  }
}
