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
import { errorText } from "../lib/problem.ts";
import { BatchWriter } from "./batch.ts";
import { boundedEvent, unstorable } from "./bounds.ts";
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
      // Too large to store or deliver whole (or to serialise at all): cut, or reported instead.
      const bounded = boundedEvent(event);
      const deliver = matchesAny(event.type, source.events) || matchesAny(bounded.event.type, source.events);
      // `dedupe` is kept beside the event, not in it.
      const row: EventRow = { event: bounded.event, body: bounded.body, deliver };
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
    this.deps.stored(this.writeAll(rows, remember, now), now);
  }

  /**
   * One transaction for the batch. Should it fail, the batch is written event by event, so one
   * bad event never loses the others; an event that fails alone is replaced by an
   * upstream.unknown saying why.
   */
  private writeAll(rows: EventRow[], remember: Remember | null, now: number): EventRow[] {
    const { store } = this.deps;
    const write = (batch: EventRow[], memory: Remember | null) =>
      store.transaction(() => {
        const kept = batch.length ? store.appendEvents(batch, now) : [];
        if (memory) store.remember(memory, now, this.deps.bounds());
        return kept;
      });
    const whole = attempt(() => write(rows, remember));
    if ("value" in whole) return whole.value;
    console.error(`a batch of ${rows.length} events failed to write (${whole.error}); writing them one by one`);
    const stored: EventRow[] = [];
    if (remember) logFailure(attempt(() => write([], remember)));
    for (const row of rows) {
      const alone = attempt(() => write([row], null));
      if ("value" in alone) {
        stored.push(...alone.value);
        continue;
      }
      const { event, body } = unstorable(row.event, alone.error);
      const replaced = attempt(() => write([{ ...row, event, body }], null));
      if ("value" in replaced) stored.push(...replaced.value);
      else logFailure(replaced);
    }
    return stored;
  }
}

/** Runs work, catching what it throws. */
function attempt<T>(work: () => T): { value: T } | { error: string } {
  try {
    return { value: work() };
  } catch (err) {
    return { error: errorText(err) };
  }
}

function logFailure(outcome: { error: string } | object): void {
  if ("error" in outcome) console.error(`an event could not be stored: ${outcome.error}`);
}
