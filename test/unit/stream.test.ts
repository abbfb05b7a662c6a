/**
 * The live event feed and the SSE reader, property-based: any interleaving of commits,
 * readers opening (anywhere in the log, with or without a type filter) and reading gives every
 * reader exactly the stored events after its start, in order, once each; and any split of an
 * SSE byte stream into chunks reads back as the same messages.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSse } from "../../src/client/sse.ts";
import { matchesPattern } from "../../src/events/filter.ts";
import { EventFeed, sseFrame, type StoredEvent } from "../../src/session/stream.ts";

const TYPES = ["message.created", "message.deleted", "friend.added", "connection.connected"];
const PATTERNS = [null, "message.*", "friend.added", "*"];
const tick = () => new Promise((r) => setTimeout(r, 0));
const decoder = new TextDecoder();

type Op = { kind: "commit"; types: number[] } | { kind: "open"; at: number; pattern: number } | { kind: "read"; reader: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("commit" as const), types: fc.array(fc.nat(TYPES.length - 1), { minLength: 1, maxLength: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("open" as const), at: fc.integer({ min: -1, max: 300 }), pattern: fc.nat(PATTERNS.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("read" as const), reader: fc.nat(7) }) },
);

/** A reader of one stream that never blocks the test: a read in flight is kept for the next try. */
class Follower {
  readonly ids: string[] = [];
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly after: string | null;
  readonly pattern: string | null;
  constructor(stream: ReadableStream<Uint8Array>, after: string | null, pattern: string | null) {
    this.reader = stream.getReader();
    this.after = after;
    this.pattern = pattern;
  }
  /** Takes one chunk if one comes within a turn of the event loop. */
  async tryRead(): Promise<boolean> {
    this.pending ??= this.reader.read();
    const result = await Promise.race([this.pending, tick().then(() => null)]);
    if (!result) return false;
    this.pending = null;
    if (result.value) for (const line of decoder.decode(result.value).split("\n")) if (line.startsWith("id: ")) this.ids.push(line.slice(4));
    return !result.done;
  }
  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}

describe("the event feed", () => {
  it("gives every reader the stored events after its start, in order, each once, whatever the interleaving", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const store: StoredEvent[] = [];
        const page = (after: string | null, limit: number, type: string | null) =>
          store.filter((e) => (after === null || e.id > after) && (type === null || matchesPattern(e.type, type))).slice(0, limit);
        const feed = new EventFeed(page);
        const followers: Follower[] = [];
        let n = 0;
        for (const o of ops) {
          if (o.kind === "commit") {
            const batch = o.types.map((t) => {
              const id = `evt_${String(++n).padStart(26, "0")}`;
              return { id, type: TYPES[t]!, body: JSON.stringify({ id, type: TYPES[t] }) };
            });
            store.push(...batch);
            feed.publish(batch);
          } else if (o.kind === "open") {
            const after = o.at < 0 ? null : (store[Math.min(o.at, store.length - 1)]?.id ?? null);
            const pattern = PATTERNS[o.pattern]!;
            followers.push(new Follower(feed.open(after, pattern, 60_000), after, pattern === "*" ? null : pattern));
          } else if (followers.length) {
            await followers[o.reader % followers.length]!.tryRead();
          }
          if (n % 7 === 0) await tick();
        }
        for (const f of followers) {
          const expected = page(f.after, Number.MAX_SAFE_INTEGER, f.pattern).map((e) => e.id);
          const deadline = Date.now() + 2_000;
          while (f.ids.length < expected.length && Date.now() < deadline) if (!(await f.tryRead())) await new Promise((r) => setTimeout(r, 10));
          expect(f.ids).toEqual(expected);
        }
        feed.closeAll();
        await Promise.all(followers.map((f) => f.close()));
      }),
      { numRuns: 60 },
    );
  });

  it("forgets a reader whose stream was cancelled", async () => {
    const feed = new EventFeed(() => []);
    const follower = new Follower(feed.open(null, null, 60_000), null, null);
    await follower.tryRead(); // the opening comment
    await follower.tryRead(); // caught up: live
    expect(feed.readers).toBe(1);
    await follower.close();
    expect(feed.readers).toBe(0);
  });
});

describe("the SSE reader", () => {
  const message = fc.record({
    id: fc.stringMatching(/^evt_[0-9A-Z]{26}$/),
    type: fc.stringMatching(/^[a-z]+(\.[a-z]+)*$/),
    data: fc.jsonValue(),
  });

  it("reads back the frames the feed writes, however the bytes are split, keep-alives between", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), async (messages, cuts) => {
        const text =
          ": stream open\nretry: 2000\n\n" +
          messages.map((m) => sseFrame({ id: m.id, type: m.type, body: JSON.stringify(m.data) }) + ": keep-alive\n\n").join("");
        const bytes = new TextEncoder().encode(text);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, bytes.length].slice(0, -1).map((start, i, all) => bytes.slice(start, all[i + 1] ?? bytes.length));
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        });
        const got = [];
        for await (const m of readSse(body)) got.push(m);
        expect(got).toEqual(messages.map((m) => ({ id: m.id, event: m.type, data: JSON.stringify(m.data) })));
      }),
      { numRuns: 200 },
    );
  });
});
