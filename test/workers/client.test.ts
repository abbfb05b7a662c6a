/**
 * imrelay/client inside workerd (as a Worker or a Durable Object would use it), talking to
 * the relay through its fetch handler: typed calls, problems as typed errors, the live
 * stream, and the receiver helper verifying a webhook the relay signed.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createClient, ImrelayError, isEvent, verifyWebhook, type Event } from "imrelay/client";
import { connectRoomim, SECRET, sim, sink, TOKEN, until } from "./helpers.ts";

const relayFetch = ((input: RequestInfo | URL, init?: RequestInit) => (exports as any).default.fetch(new Request(input, init))) as typeof fetch;
const client = createClient({ url: "http://relay.test", token: TOKEN, fetch: relayFetch });
const ROOM = "1858689382414958593";

describe("imrelay/client in workerd", () => {
  it("reads connections, acts, and throws problems as ImrelayError", { timeout: 20_000 }, async () => {
    const { id } = await connectRoomim("client");
    const conn = await client.connections.get(id);
    expect(conn.status.state).toBe("connected");
    expect((await client.connections.list()).connections.map((c) => c.id)).toContain(id);
    const sent = await client.actions.messageCreate(id, { chat: { type: "group", id: ROOM }, content: "from the client" }, { idempotencyKey: `k-${id}` });
    expect(sent.message_id).toMatch(/^\d+$/);
    const again = await client.actions.messageCreate(id, { chat: { type: "group", id: ROOM }, content: "from the client" }, { idempotencyKey: `k-${id}` });
    expect(again.message_id).toBe(sent.message_id);

    const error = await client.actions.messageCreate(id, { chat: { type: "group", id: "" }, content: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImrelayError);
    expect((error as ImrelayError).code).toBe("invalid_request");
    expect((error as ImrelayError).problem?.errors?.[0]?.path).toBe("chat.id");
    const unsupported = await client.actions.groupMute(id, { group_id: ROOM, duration_s: 60 }).catch((e: ImrelayError) => e);
    expect([unsupported.status, unsupported.code]).toEqual([501, "unsupported_action"]);
    const missing = await client.connections.get("ghost").catch((e: ImrelayError) => e);
    expect(missing.code).toBe("not_found");
  });

  it("follows the live stream, typed by event type", async () => {
    const { id } = await connectRoomim("client-stream");
    const controller = new AbortController();
    const seen: Event[] = [];
    const reading = (async () => {
      for await (const event of client.events.stream(id, { type: "message.*", signal: controller.signal })) {
        seen.push(event);
        if (isEvent(event, "message.created") && event.data.message.text === `${id} two`) break;
      }
    })();
    await sim("push/message", { room: ROOM, text: `${id} one` });
    await sim("push/message", { room: ROOM, text: `${id} two` });
    await reading;
    controller.abort();
    const texts = seen.flatMap((e) => (e.type === "message.created" ? [e.data.message.text] : [])).filter((t) => t.startsWith(id));
    expect(texts).toEqual([`${id} one`, `${id} two`]);
  });

  it("verifies a delivery with the receiver helper and rejects a tampered one", async () => {
    const { id } = await connectRoomim("client-receiver");
    const { event_id } = await client.connections.testWebhook(id);
    const delivery = await until("the raw delivery", async () => (await sink(`deliveries?name=${id}`)).deliveries.find((d: any) => d.id === event_id));
    const body = verifyWebhook(SECRET, delivery.body, delivery.headers);
    expect(body.type).toBe("webhook.test");
    expect(() => verifyWebhook(SECRET, delivery.body.replace("webhook.test", "webhook.tset"), delivery.headers)).toThrow();
  });
});
