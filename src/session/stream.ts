/**
 * Live readers of a session's events (GET …/events/stream): a view of the store that never
 * changes delivery.
 *
 * A reader first catches up from the store, a page at a time as it reads (so a long backlog
 * is never held in memory), then turns live: the session publishes each batch of events right
 * after it is committed. Catching up ends in the same turn as the last page read, so no event
 * falls between the store and the live feed.
 *
 * Ingest never waits for a reader: publishing only enqueues bytes (each event encoded once,
 * whatever the number of readers). A reader that falls more than MAX_QUEUED batches behind is
 * ended; its client resumes with Last-Event-ID, from the store.
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
/** Batches queued for one reader before it counts as too slow and is ended. */
const MAX_QUEUED = 512;
const encoder = new TextEncoder();

interface Reader {
  type: string | null;
  controller: ReadableStreamDefaultController<Uint8Array>;
  timer: ReturnType<typeof setInterval>;
}

const OPENED = encoder.encode(": stream open\nretry: 2000\n\n");
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

export const sseFrame = (e: StoredEvent): string => `id: ${e.id}\nevent: ${e.type}\ndata: ${e.body}\n\n`;

export class EventFeed {
  private readonly live = new Set<Reader>();
  private readonly pager: EventPager;

  constructor(pager: EventPager) {
    this.pager = pager;
  }

  get readers(): number {
    return this.live.size;
  }

  /** A stream of SSE frames: the stored events after `after`, then every new one. */
  open(after: string | null, type: string | null, keepAliveMs: number): ReadableStream<Uint8Array> {
    const pattern = type === "*" ? null : type;
    let reader: Reader | null = null;
    let catchingUp = true;
    let cursor = after;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          controller.enqueue(OPENED);
          const timer = setInterval(() => this.send(reader!, KEEP_ALIVE), keepAliveMs);
          reader = { type: pattern, controller, timer };
        },
        pull: (controller) => {
          if (!catchingUp) return;
          const page = this.pager(cursor, PAGE, pattern);
          if (page.length) {
            cursor = page[page.length - 1]!.id;
            controller.enqueue(encoder.encode(page.map(sseFrame).join("")));
          }
          if (page.length < PAGE) {
            catchingUp = false;
            this.live.add(reader!);
          }
        },
        cancel: () => {
          clearInterval(reader!.timer);
          this.live.delete(reader!);
        },
      },
      new CountQueuingStrategy({ highWaterMark: 1 }),
    );
  }

  /** Called after a batch of events is committed to the store. */
  publish(events: readonly StoredEvent[]): void {
    if (this.live.size === 0 || events.length === 0) return;
    const encoded = new Map<StoredEvent, string>();
    const frame = (e: StoredEvent): string => {
      let text = encoded.get(e);
      if (text === undefined) encoded.set(e, (text = sseFrame(e)));
      return text;
    };
    let all: Uint8Array | null = null;
    for (const reader of this.live) {
      const mine = reader.type === null ? events : events.filter((e) => matchesPattern(e.type, reader.type!));
      if (mine.length === 0) continue;
      this.send(reader, mine === events ? (all ??= encoder.encode(events.map(frame).join(""))) : encoder.encode(mine.map(frame).join("")));
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

/** An event's id and type from its stored JSON body. */
export function storedEvent(body: string): StoredEvent {
  const { id, type } = JSON.parse(body) as { id: string; type: string };
  return { id, type, body };
}
