/**
 * Hostile frames at ingest: an oversized event never takes its batch down with it, a frame
 * over the frame limit and a frame nested thousands deep are reported as upstream.unknown
 * with a readable reason, and the socket stays up through all of it.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, connectRoomim, sim, until } from "./helpers.ts";

const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));

/** Every stored event of a connection (all pages). */
async function allEvents(id: string): Promise<any[]> {
  const out: any[] = [];
  let after: string | null = null;
  do {
    const page: any = await api(`/v1/connections/${id}/events?limit=1000${after ? `&after=${after}` : ""}`);
    expect(page.status).toBe(200);
    out.push(...page.body.events);
    after = page.body.next;
  } while (after);
  return out;
}

const texts = (events: any[]) => events.filter((e) => e.type === "message.created").map((e) => e.data.message.text);

async function expectStillConnected(id: string, connectionsBefore: number): Promise<void> {
  expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("connected");
  expect((await allEvents(id)).filter((e) => e.type === "connection.disconnected")).toEqual([]);
  expect((await sim("state")).connections).toBe(connectionsBefore);
}

describe("oversized and hostile frames", () => {
  it("an oversized message in a burst loses nothing: the others are stored, it is reported", async () => {
    const { id } = await connectRoomim("oversized");
    const before = (await sim("state")).connections;
    const first = Array.from({ length: 100 }, (_, i) => `before ${i} ${id}`);
    const last = Array.from({ length: 100 }, (_, i) => `after ${i} ${id}`);
    for (const text of first) await sim("push/message", { text });
    await sim("push/message", { text: `huge ${id} ${"x".repeat(5 * 1024 * 1024)}` });
    for (const text of last) await sim("push/message", { text });
    const events = await until(
      "200 messages and the report stored",
      async () => {
        const all = await allEvents(id);
        return texts(all).length >= 200 && all.some((e) => e.type === "upstream.unknown") ? all : null;
      },
      30_000,
    );
    expect(texts(events).filter((t) => !t.startsWith("huge"))).toEqual([...first, ...last]);
    const report = events.find((e) => e.type === "upstream.unknown")!;
    expect(report.data.reason).toMatch(/over the 1 MiB frame limit/);
    expect(report.truncated).toBe(true);
    expect(report.raw.truncated).toBe(true);
    expect(report.raw.bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(report.raw.head.length).toBeLessThanOrEqual(65_536);
    expect(JSON.stringify(report).length).toBeLessThan(200_000);
    await expectStillConnected(id, before);
  }, 60_000);

  it("a message under the frame limit whose event is over the stored-event limit is reported, raw cut", async () => {
    const { id } = await connectRoomim("bigevent");
    // A 600 KB text fits in a frame; its event carries it twice (data and raw): 1.2 MB.
    await sim("push/message", { text: `big ${id} ${"y".repeat(600_000)}` });
    await sim("push/message", { text: `small ${id}` });
    const events = await until(
      "both stored",
      async () => {
        const all = await allEvents(id);
        return texts(all).includes(`small ${id}`) && all.some((e) => e.truncated) ? all : null;
      },
      30_000,
    );
    const big = events.find((e) => e.truncated)!;
    expect(big.raw).toMatchObject({ truncated: true });
    expect(["message.created", "upstream.unknown"]).toContain(big.type);
    if (big.type === "upstream.unknown") expect(big.data.reason).toMatch(/over the 1 MiB limit of a stored event/);
  }, 60_000);

  it("a frame of a million keys (16 MB) is reported, not dropped", async () => {
    const { id } = await connectRoomim("millionkeys");
    const before = (await sim("state")).connections;
    const keys: string[] = [];
    for (let i = 0; i < 1_000_000; i++) keys.push(`"k${i}":${i}`);
    await sim("raw", `{${keys.join(",")}}`);
    await sim("push/message", { text: `after ${id}` });
    const events = await until(
      "the report and the next message",
      async () => {
        const all = await allEvents(id);
        return texts(all).includes(`after ${id}`) && all.some((e) => e.type === "upstream.unknown") ? all : null;
      },
      30_000,
    );
    expect(events.find((e) => e.type === "upstream.unknown").data.reason).toMatch(/frame of \d+ bytes is over the 1 MiB frame limit/);
    await expectStillConnected(id, before);
  }, 60_000);

  it("a frame nested 10,000 deep is an upstream.unknown with a readable reason, the socket untouched", async () => {
    const { id } = await connectRoomim("deepframe");
    const before = (await sim("state")).connections;
    await sim("raw", `{"msgType":1,"payload":${"[".repeat(10_000)}${"]".repeat(10_000)}}`);
    await sim("push/message", { text: `after ${id}` });
    const events = await until(
      "the report and the next message",
      async () => {
        const all = await allEvents(id);
        return texts(all).includes(`after ${id}`) && all.some((e) => e.type === "upstream.unknown") ? all : null;
      },
      15_000,
    );
    expect(events.find((e) => e.type === "upstream.unknown").data.reason).toMatch(/nested deeper than 128 levels/);
    await expectStillConnected(id, before);
  });

  it("a batch whose write fails is written event by event; an event that cannot be stored is reported", async () => {
    const { id } = await connectRoomim("writefail");
    await runInDurableObject(stubOf(id), (session: unknown) => {
      // Storage refusing any batch that holds the poisoned message, as SQLite refuses a row too big.
      const store = (session as any).store;
      const append = store.appendEvents.bind(store);
      store.appendEvents = (rows: any[], now: number) => {
        if (rows.some((r) => r.event.type === "message.created" && r.body.includes("poison"))) throw new Error("string or blob too big: SQLITE_TOOBIG");
        return append(rows, now);
      };
    });
    const sent = [`a ${id}`, `b ${id}`, `poison ${id}`, `c ${id}`, `d ${id}`];
    for (const text of sent) await sim("push/message", { text });
    const events = await until(
      "the four others and the report",
      async () => {
        const all = await allEvents(id);
        return texts(all).length >= 4 && all.some((e) => e.type === "upstream.unknown") ? all : null;
      },
      15_000,
    );
    expect(texts(events)).toEqual([`a ${id}`, `b ${id}`, `c ${id}`, `d ${id}`]);
    const report = events.find((e) => e.type === "upstream.unknown");
    expect(report.data).toMatchObject({ type: "message.created", reason: expect.stringMatching(/could not be stored: .*SQLITE_TOOBIG/) });
  }, 30_000);
});
