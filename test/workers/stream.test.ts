/**
 * Live events (GET …/events/stream) and the webhook test event, inside workerd against the
 * roomim simulator: stored then new events in order, resuming after a drop without a gap or
 * a repeat, the type filter, keep-alive comments, and delivery left untouched.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/api/app.ts";
import { readSse, type SseMessage } from "../../src/client/sse.ts";
import { api, connectRoomim, sim, TOKEN, until, verified, webhookOf } from "./helpers.ts";

const ROOM = "1858689382414958593";

/** Opens a stream (keep-alive every 200 ms, so a reader that left is noticed soon). */
async function open(id: string, query = "", headers: Record<string, string> = {}, keepAliveMs = "200"): Promise<Response> {
  const request = new Request(`http://relay.test/v1/connections/${id}/events/stream${query}`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });
  return app.fetch(request, { ...env, STREAM_KEEPALIVE_MS: keepAliveMs });
}

/** Reads messages until `enough` says so, then closes the stream. */
async function take(res: Response, enough: (got: SseMessage[]) => boolean): Promise<SseMessage[]> {
  const got: SseMessage[] = [];
  for await (const message of readSse(res.body!)) {
    got.push(message);
    if (enough(got)) break;
  }
  return got;
}

/** How many live readers the session holds (a closed client must not stay among them). */
const readersOf = (id: string): Promise<number> =>
  (runInDurableObject as any)((env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id)), (session: any) => session.feed.readers as number);

const texts = (got: SseMessage[]) => got.filter((m) => m.event === "message.created").map((m) => JSON.parse(m.data).data.message.text as string);
const mine = (id: string) => (got: SseMessage[]) => got.filter((m) => m.event === "message.created" && JSON.parse(m.data).data.message.text.startsWith(id));

describe("the event stream", () => {
  it("sends the stored events, then new ones in order, and resumes after a drop with neither gap nor repeat", { timeout: 20_000 }, async () => {
    const { id } = await connectRoomim("stream");
    for (let i = 0; i < 3; i++) await sim("push/message", { room: ROOM, text: `${id} stored ${i}` });
    await until(
      "3 stored",
      async () => (await api(`/v1/connections/${id}/events?type=message.*`)).body.events.filter((e: any) => e.data.message.text.startsWith(id)).length === 3,
    );

    const first = await open(id);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reading = take(first, (got) => mine(id)(got).length === 6);
    for (let i = 0; i < 3; i++) await sim("push/message", { room: ROOM, text: `${id} live ${i}` });
    const got = await reading;
    expect(got[0]!.event).toBe("connection.connected");
    expect(texts(mine(id)(got))).toEqual([0, 1, 2].map((i) => `${id} stored ${i}`).concat([0, 1, 2].map((i) => `${id} live ${i}`)));
    const ids = got.map((m) => m.id!);
    expect([...ids].sort()).toEqual(ids);
    for (const m of got) expect(JSON.parse(m.data)).toMatchObject({ id: m.id, type: m.event, connection: id });

    // Dropped; events arrive meanwhile; the client comes back with Last-Event-ID.
    for (let i = 0; i < 4; i++) await sim("push/message", { room: ROOM, text: `${id} missed ${i}` });
    const resumed = await open(id, "", { "last-event-id": ids.at(-1)! });
    const again = await take(resumed, (g) => mine(id)(g).length === 4);
    expect(texts(again)).toEqual([0, 1, 2, 3].map((i) => `${id} missed ${i}`));
    expect(again.every((m) => m.id! > ids.at(-1)!)).toBe(true);
    await until("both readers gone from the session", async () => (await readersOf(id)) === 0);
  });

  it("filters by type and takes `after` over Last-Event-ID", async () => {
    const { id } = await connectRoomim("stream-type");
    await sim("push/message", { room: ROOM, text: `${id} one` });
    await sim("push/read", { room: ROOM, msgId: "1858689625873399809" });
    const all = (await api(`/v1/connections/${id}/events`)).body.events;
    await until("both stored", async () => (await api(`/v1/connections/${id}/events`)).body.events.length >= 3);
    const res = await open(id, `?type=message.*&after=${all[0].id}`, { "last-event-id": "evt_7ZZZZZZZZZZZZZZZZZZZZZZZZZ" });
    const got = await take(res, (g) => g.length === 1);
    expect(got.map((m) => m.event)).toEqual(["message.created"]);
  });

  it("answers problems before streaming: unknown connection, bad after, bad Last-Event-ID", async () => {
    expect((await open("ghost")).status).toBe(404);
    const { id } = await connectRoomim("stream-bad");
    const bad = await open(id, "?after=nope");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].path).toBe("after");
    const header = await open(id, "", { "last-event-id": "nope" });
    expect(((await header.json()) as any).errors[0].path).toBe("headers.last-event-id");
  });

  it("sends a keep-alive comment while idle, which also lets the session forget a reader that left", async () => {
    const { id } = await connectRoomim("stream-idle");
    const res = await open(id, "?type=group.*", {}, "100");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes(": keep-alive\n\n")) text += (await reader.read()).value ?? "";
    expect(text.startsWith(": stream open\n")).toBe(true);
    expect(await readersOf(id)).toBe(1);
    await reader.cancel();
    await until("the reader forgotten", async () => (await readersOf(id)) === 0);
  });
});

describe("POST /v1/connections/{id}/webhook/test", () => {
  it("stores a webhook.test event and delivers it signed, whatever webhook.events says", async () => {
    const { id } = await connectRoomim("hooktest", { webhook: { events: ["message.*"] } });
    const res = await api(`/v1/connections/${id}/webhook/test`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(res.body.event_id).toMatch(/^evt_/);
    const event = await webhookOf(id, "webhook.test");
    expect(event).toMatchObject({ id: res.body.event_id, type: "webhook.test", connection: id, platform: "roomim", data: {} });
    expect((await verified(id)).map((d) => d.event.type)).toEqual(["webhook.test"]);
    const listed = (await api(`/v1/connections/${id}/deliveries`)).body.deliveries;
    expect(listed).toEqual([expect.objectContaining({ event_id: res.body.event_id, type: "webhook.test" })]);
    expect((await api(`/v1/connections/ghost/webhook/test`, { method: "POST" })).status).toBe(404);
  });
});
