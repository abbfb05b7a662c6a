/**
 * Live readers of a session's events (GET …/events/stream): a view of the store that never
 * changes delivery.
 *
 * A reader first catches up from the store, a page at a time as it reads (so a long backlog
 * is never held in memory), then turns live in the same turn as its last page read, so no
 * event falls between the store and the live feed; its cursor (the last id it was sent)
 * keeps an event from coming twice.
 *
 * Ingest never waits for readers: the session hands over each committed batch, which is only
 * remembered; every WINDOW_MS the events of the window go out, encoded once per type filter
 * whatever the number of readers, as one chunk per reader. A reader that falls more than
 * MAX_QUEUED chunks behind is ended; its client resumes with Last-Event-ID, from the store.
 *
 * Every reader gets a comment line when it opens and then every `keepAliveMs`: it keeps the
 * connection open through proxies, and it is how a reader whose client went away is noticed
 * while no event flows (a cancel crosses the RPC boundary only with the next write).
 */
import { matchesPattern } from "../events/filter.ts";

export interface StoredEvent {
  id: string;
  type: string;
  body: string;
}

/** Stored events after `after`, oldest first, of a type pattern (null: every type). */
export type EventPager = (after: string | null, limit: number, type: string | null) => StoredEvent[];

const PAGE = 100;
/** How long new events gather before they go out to the readers. */
const WINDOW_MS = 25;
/** Chunks queued for one reader before it counts as too slow and is ended. */
const MAX_QUEUED = 256;
const encoder = new TextEncoder();

interface Reader {
  type: string | null;
  /** The last event id this reader was sent. */
  cursor: string | null;
  controller: ReadableStreamDefaultController<Uint8Array>;
  timer: ReturnType<typeof setInterval>;
}

const OPENED = encoder.encode(": stream open\nretry: 2000\n\n");
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

export const sseFrame = (e: StoredEvent): string => `id: ${e.id}\nevent: ${e.type}\ndata: ${e.body}\n\n`;

export class EventFeed {
  private readonly live = new Set<Reader>();
  private readonly pager: EventPager;
  private window: StoredEvent[] = [];
  private windowTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(pager: EventPager) {
    this.pager = pager;
  }

  get readers(): number {
    return this.live.size;
  }

  /** A stream of SSE frames: the stored events after `after`, then every new one. */
  open(after: string | null, type: string | null, keepAliveMs: number): ReadableStream<Uint8Array> {
    const pattern = type === "*" ? null : type;
    let reader: Reader;
    let catchingUp = true;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          controller.enqueue(OPENED);
          const timer = setInterval(() => this.send(reader, KEEP_ALIVE), keepAliveMs);
          reader = { type: pattern, cursor: after, controller, timer };
        },
        pull: (controller) => {
          if (!catchingUp) return;
          const page = this.pager(reader.cursor, PAGE, pattern);
          if (page.length) {
            reader.cursor = page[page.length - 1]!.id;
            controller.enqueue(encoder.encode(page.map(sseFrame).join("")));
          }
          if (page.length < PAGE) {
            catchingUp = false;
            this.live.add(reader);
          }
        },
        cancel: () => this.forget(reader),
      },
      new CountQueuingStrategy({ highWaterMark: 1 }),
    );
  }

  /** Called after a batch of events is committed to the store. */
  publish(events: readonly StoredEvent[]): void {
    if (this.live.size === 0 || events.length === 0) return;
    this.window.push(...events);
    this.windowTimer ??= setTimeout(() => this.flush(), WINDOW_MS);
  }

  private flush(): void {
    const events = this.window;
    this.window = [];
    this.windowTimer = null;
    // Encoded once per (type filter, starting point): usually one for all readers.
    const encoded = new Map<string, Uint8Array | null>();
    for (const reader of this.live) {
      const start = reader.cursor === null ? 0 : firstAfter(events, reader.cursor);
      const key = `${reader.type ?? "*"} ${start}`;
      let bytes = encoded.get(key);
      if (bytes === undefined) {
        const mine = events.slice(start).filter((e) => reader.type === null || matchesPattern(e.type, reader.type));
        bytes = mine.length ? encoder.encode(mine.map(sseFrame).join("")) : null;
        encoded.set(key, bytes);
      }
      if (start < events.length) reader.cursor = events[events.length - 1]!.id;
      if (bytes) this.send(reader, bytes);
    }
  }

  /** Enqueues for one reader, ending it when it is too far behind or gone. */
  private send(reader: Reader, bytes: Uint8Array): void {
    if ((reader.controller.desiredSize ?? 0) < -MAX_QUEUED) return this.end(reader);
    try {
      reader.controller.enqueue(bytes);
    } catch {
      this.forget(reader); // cancelled meanwhile
    }
  }

  /** Ends every reader (the connection is deleted). */
  closeAll(): void {
    for (const reader of [...this.live]) this.end(reader);
  }

  private forget(reader: Reader): void {
    clearInterval(reader.timer);
    this.live.delete(reader);
  }

  private end(reader: Reader): void {
    this.forget(reader);
    try {
      reader.controller.close();
    } catch {
      // already closed or cancelled
    }
  }
}

/** The index of the first event with an id after `cursor` (events are in id order). */
function firstAfter(events: readonly StoredEvent[], cursor: string): number {
  if (events.length === 0 || events[0]!.id > cursor) return 0;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.id > cursor) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
