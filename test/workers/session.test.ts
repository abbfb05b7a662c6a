/**
 * The session Durable Object in workerd against the roomim simulator (real sockets) and the
 * verifying sink (real webhooks checked with the standardwebhooks library), through the
 * public HTTP API.
 */
import { env } from "cloudflare:workers";
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, connectRoomim, sim, sink, until, verified, webhookOf } from "./helpers.ts";

const ROOM = "1858415724765278210";
const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));
const send = (id: string, body: unknown, headers: Record<string, string> = {}) => api(`/v1/connections/${id}/actions/message.create`, { body, headers });

describe("session against the roomim simulator", () => {
  it("connects, says so with a verified webhook, and shows its state", async () => {
    const { id } = await connectRoomim("connects");
    const connected = await webhookOf(id, "connection.connected");
    expect(connected).toMatchObject({ connection: id, platform: "roomim", data: {} });
    expect(connected.id).toMatch(/^evt_[0-9A-Z]{26}$/);
    const conn = await sim("connections");
    const mine = conn.connections.find((c: any) => c.query.token === id);
    expect(mine).toMatchObject({ open: true });
    const got = await api(`/v1/connections/${id}`);
    expect(got.body).toMatchObject({ id, platform: "roomim", enabled: true, status: { state: "connected", attempt: 0, last_error: null } });
    expect(got.body.upstream.url).not.toContain("token="); // the query string (credentials) is never shown
    expect(got.body.webhook).not.toHaveProperty("secret");
  });

  it("keeps the socket past the upgrade's deadline", async () => {
    // The upgrade may take at most DIAL_TIMEOUT_MS (1 s here); that deadline must not outlive it.
    const { id } = await connectRoomim("steady");
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await api(`/v1/connections/${id}`)).body.status).toMatchObject({ state: "connected", attempt: 0 });
    expect((await verified(id)).map((d) => d.event.type)).toEqual(["connection.connected"]);
    expect((await send(id, { chat: { type: "group", id: ROOM }, content: "still up" })).status).toBe(200);
  });

  it("sends text with a 64-bit room written as a bare number and returns the exact message id", async () => {
    const { id } = await connectRoomim("send");
    const res = await send(id, { chat: { type: "group", id: ROOM }, content: `hello from ${id}` });
    expect(res.status).toBe(200);
    expect(res.body.message_id).toMatch(/^18\d{17}$/);
    expect(typeof res.body.timestamp).toBe("number");
    const frame = (await sim("received")).received.find((f: any) => f.text.includes(`hello from ${id}`));
    expect(frame.text).toContain(`"room":${ROOM},`);
    expect(frame.text).toMatch(
      /^\{"request":1,"msgType":1,"localId":"[^"]+","room":1858415724765278210,"msgText":"hello from [^"]+","payload":\{"extras":""\}\}$/,
    );
  });

  it("maps every pushed frame to its unified event", async () => {
    const { id } = await connectRoomim("pushes");
    const friendRoom = "1860868440666071042";
    const pushes: [string, Record<string, unknown>][] = [
      ["message", { text: `hi ${id}`, mentionedInfo: { type: 2, userIdList: ["1858679205636755457"], mentionedContent: "有人@你" } }],
      ["images", { text: "pics", imgs: [{ url: "https://img/1", thumbnail: "https://img/1/mini", width: 720, hight: 360 }] }],
      ["self", { text: "from my phone" }],
      ["read", { room: ROOM, msgId: "1858689625873399809" }],
      ["cleared", { room: ROOM }],
      ["friendRequest", { room: friendRoom }],
      ["revoked", { room: ROOM, msgId: "1858689625873399809" }],
    ];
    const sent: Record<string, any> = {};
    for (const [kind, params] of pushes) sent[kind] = JSON.parse((await sim(`push/${kind}`, params)).sent.replace(/:\s*(\d{16,})/g, ':"$1"'));
    const message = await webhookOf(id, "message.created", (e) => e.data.message.text === `hi ${id}`);
    expect(message.data.message.content).toEqual([
      { type: "mention", user_id: "1858679205636755457" },
      { type: "text", text: `hi ${id}` },
    ]);
    expect(message.data.message.chat).toEqual({ type: "group", id: "1858689382414958593" });
    const images = await webhookOf(id, "message.created", (e) => e.data.message.text === "pics");
    expect(images.data.message.content[1]).toEqual({ type: "image", url: "https://img/1", thumbnail: "https://img/1/mini", width: 720, height: 360 });
    const own = await webhookOf(id, "message.created", (e) => e.data.message.text === "from my phone");
    expect(own.data.message.self).toBe(true);
    expect(await webhookOf(id, "message.read")).toMatchObject({ data: { chat: { id: ROOM }, message: { id: "1858689625873399809" } } });
    expect(await webhookOf(id, "chat.cleared")).toMatchObject({ data: { chat: { id: ROOM } } });
    const request = await webhookOf(id, "friend.requested");
    expect(request.data.request).toMatchObject({ id: sent.friendRequest.payload.id, user: { id: sent.friendRequest.payload.fkMianUserId } });
    expect(await webhookOf(id, "message.deleted")).toMatchObject({ data: { message: { id: "1858689625873399809", chat: { id: ROOM } } } });
    // The friend request taught the session that this room is a private chat.
    await sim("push/message", { room: friendRoom, text: `dm ${id}` });
    const dm = await webhookOf(id, "message.created", (e) => e.data.message.text === `dm ${id}`);
    expect(dm.data.message.chat).toEqual({ type: "private", id: friendRoom });
  });

  it("reports a refusal as 422 with the upstream's code, and silence as 504", async () => {
    const { id } = await connectRoomim("refusals");
    const blockedRoom = "1858415724765278299";
    await sim("block", { room: blockedRoom, blocked: true });
    const refused = await send(id, { chat: { type: "private", id: blockedRoom }, content: "hi" });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body).toMatchObject({ code: "upstream_rejected", status: 422, upstream: { code: 2002 } });
    await sim("block", { room: blockedRoom, blocked: false });

    await sim("mode", { mode: "silent" });
    try {
      const silent = await send(id, { chat: { type: "group", id: ROOM }, content: "anyone?" });
      expect(silent.status).toBe(504);
      expect(silent.body.code).toBe("upstream_timeout");
    } finally {
      await sim("mode", { mode: "ack" });
    }
  });

  it("revokes a message", async () => {
    const { id } = await connectRoomim("revoke");
    const sent = await send(id, { chat: { type: "group", id: ROOM }, content: "oops" });
    const res = await api(`/v1/connections/${id}/actions/message.delete`, { body: { chat: { type: "group", id: ROOM }, message_id: sent.body.message_id } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    const frame = (await sim("received")).received.find((f: any) => f.text.includes(`"msgId":${sent.body.message_id}`));
    expect(frame.text).toMatch(/^\{"request":2,"msgType":1,/);
    const missing = await api(`/v1/connections/${id}/actions/message.delete`, {
      body: { chat: { type: "group", id: ROOM }, message_id: "1111111111111111111" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.upstream.code).toBe(2003);
  });

  it("acts once per Idempotency-Key and refuses the key with another body", async () => {
    const { id } = await connectRoomim("idem");
    const body = { chat: { type: "group", id: ROOM }, content: `once ${id}` };
    const first = await send(id, body, { "idempotency-key": "k-1" });
    const again = await send(id, body, { "idempotency-key": "k-1" });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const frames = (await sim("received")).received.filter((f: any) => f.text.includes(`once ${id}`));
    expect(frames).toHaveLength(1);
    const other = await send(id, { ...body, content: "different" }, { "idempotency-key": "k-1" });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("conflict");
  });

  it("validates actions: 400 naming the field, 404 unknown, 501 unsupported", async () => {
    const { id } = await connectRoomim("validate");
    const bad = await send(id, { chat: { type: "channel", id: ROOM }, content: [{ type: "file", url: "x" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toContain("chat.type");
    const file = await send(id, { chat: { type: "group", id: ROOM }, content: [{ type: "file", url: "https://f" }] });
    expect(file.status).toBe(400);
    expect(file.body.errors).toEqual([{ path: "content.0.type", message: expect.stringContaining("file") }]);
    expect((await api(`/v1/connections/${id}/actions/no.such`, { body: {} })).status).toBe(404);
    const kick = await api(`/v1/connections/${id}/actions/group.kick`, { body: { group_id: "1", user_id: "2" } });
    expect(kick.status).toBe(501);
    expect(kick.body.detail).toContain("roomim");
  });

  it("turns a malformed frame into upstream.unknown and keeps the socket", async () => {
    const { id } = await connectRoomim("garbage");
    await sim("raw", `{"not json ${id}`);
    const unknown = await webhookOf(id, "upstream.unknown", (e) => e.raw?.text?.includes(id));
    expect(unknown.data.reason).toBeTruthy();
    expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("connected");
    expect((await send(id, { chat: { type: "group", id: ROOM }, content: "still here" })).status).toBe(200);
  });

  it("reconnects with backoff after the upstream drops the socket", async () => {
    const { id } = await connectRoomim("drop");
    await webhookOf(id, "connection.connected");
    await sim("drop", { code: 1012, reason: "restart" });
    const down = await webhookOf(id, "connection.disconnected");
    expect(down.data).toMatchObject({ code: 1012 });
    expect(down.data.retry_in_ms).toBeGreaterThanOrEqual(0);
    await until("a second connection.connected", async () => (await verified(id)).filter((d) => d.event.type === "connection.connected").length >= 2, 10_000);
    expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("connected");
  });

  it("keeps growing the backoff for an upstream that drops connections young", async () => {
    const { id } = await connectRoomim("flap");
    const connectedCount = async () => (await verified(id)).filter((d) => d.event.type === "connection.connected").length;
    await until("first connected", async () => (await connectedCount()) === 1);
    for (let drop = 1; drop <= 2; drop++) {
      await sim("drop", { code: 1011, reason: `flap ${drop}` });
      const state = await until(`backoff after drop ${drop}`, async () => {
        const status = (await api(`/v1/connections/${id}`)).body.status;
        return status.last_error?.includes(`flap ${drop}`) ? status : null;
      });
      expect(state.attempt).toBe(drop); // not reset by the short-lived connection in between
      await until(`reconnected after drop ${drop}`, async () => (await connectedCount()) === drop + 1, 10_000);
    }
  });

  it("goes to failed when the upstream refuses the credentials, and 503s actions meanwhile", async () => {
    const { id } = await connectRoomim("refused");
    await sim("refuse", { status: 401 });
    try {
      expect((await api(`/v1/connections/${id}/reconnect`, { method: "POST" })).status).toBe(202);
      const failed = await webhookOf(id, "connection.failed");
      expect(failed.data.reason).toContain("401");
      const state = (await api(`/v1/connections/${id}`)).body.status;
      expect(state.state).toBe("failed");
      const res = await send(id, { chat: { type: "group", id: ROOM }, content: "x" });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBeTruthy();
    } finally {
      await sim("refuse", { status: null });
    }
    await api(`/v1/connections/${id}/reconnect`, { method: "POST" });
    await until("connected again", async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
  });

  it("retries a webhook that fails, honouring Retry-After", { timeout: 20_000 }, async () => {
    const { id } = await connectRoomim("retry-after");
    await webhookOf(id, "connection.connected");
    await sink("respond", { name: id, answers: [{ status: 503, retryAfter: 1 }] });
    await sim("push/message", { text: `late ${id}` });
    const event = await webhookOf(id, "message.created", (e) => e.data.message.text === `late ${id}`, 10_000);
    const attempts = (await sink(`deliveries?name=${id}`)).deliveries.filter((d: any) => d.id === event.id);
    expect(attempts.map((a: any) => a.status)).toEqual([503, 204]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(900);
    const listed = (await api(`/v1/connections/${id}/deliveries?status=delivered`)).body.deliveries.find((d: any) => d.event_id === event.id);
    expect(listed).toMatchObject({ status: "delivered", attempts: 2, last_status: 204 });
  });

  it("keeps a delivery that ran out of attempts as failed until it is retried", async () => {
    const { id } = await connectRoomim("exhaust");
    await webhookOf(id, "connection.connected");
    await sink("down", { name: id, status: 500 });
    await sim("push/message", { text: `doomed ${id}` });
    const pending = await until("a pending message delivery", async () =>
      (await api(`/v1/connections/${id}/deliveries?status=pending`)).body.deliveries.find((d: any) => d.type === "message.created" && d.attempts >= 1),
    );
    expect(pending.last_status).toBe(500);
    expect(pending.next_attempt_at - Date.now()).toBeGreaterThan(3_000); // the 5 s (±20 %) retry
    // Fast-forward to the last attempt.
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      state.storage.sql.exec("UPDATE deliveries SET attempts = 7, next_attempt_at = ? WHERE event_id = ?", Date.now(), pending.event_id);
    });
    await runDurableObjectAlarm(stubOf(id));
    const failed = await until("the delivery failed", async () =>
      (await api(`/v1/connections/${id}/deliveries?status=failed`)).body.deliveries.find((d: any) => d.event_id === pending.event_id),
    );
    expect(failed).toMatchObject({ attempts: 8, last_status: 500, next_attempt_at: null });
    expect((await api(`/v1/connections/${id}`)).body.stats.failed).toBe(1);

    await sink("down", { name: id, status: null });
    const retried = await api(`/v1/connections/${id}/deliveries/retry`, { body: {} });
    expect(retried.body).toEqual({ requeued: 1 });
    await webhookOf(id, "message.created", (e) => e.id === pending.event_id);
    const unknownId = await api(`/v1/connections/${id}/deliveries/retry`, { body: { event_ids: ["evt_01JD8Z6Q3C5X7R2M4N6P8T0V2W"] } });
    expect(unknownId.status).toBe(400);
    expect(unknownId.body.errors[0].path).toBe("event_ids.0");
  });

  it("disables the webhook on 410 Gone, keeps storing events, and resumes on a new URL", async () => {
    const { id, hook } = await connectRoomim("gone");
    await webhookOf(id, "connection.connected");
    await sink("down", { name: id, status: 410 });
    await sim("push/message", { text: `gone ${id}` });
    await until("the webhook disabled", async () => (await api(`/v1/connections/${id}`)).body.webhook.disabled === true);
    await sim("push/message", { text: `stored ${id}` });
    const pulled = await until("the stored event", async () =>
      (await api(`/v1/connections/${id}/events?type=message.*`)).body.events.find((e: any) => e.data.message.text === `stored ${id}`),
    );
    expect(pulled.type).toBe("message.created");
    await sink("down", { name: id, status: null });
    const patched = await api(`/v1/connections/${id}`, { method: "PATCH", body: { webhook: { url: `${hook}?v=2` } } });
    expect(patched.body.webhook.disabled).toBe(false);
    await webhookOf(id, "message.created", (e) => e.data.message.text === `stored ${id}`);
  });

  it("filters deliveries by webhook.events but stores every event", async () => {
    const { id } = await connectRoomim("filter", { webhook: { events: ["message.*"] } });
    await sim("push/cleared", { room: ROOM });
    await sim("push/message", { text: `wanted ${id}` });
    await webhookOf(id, "message.created", (e) => e.data.message.text === `wanted ${id}`);
    expect((await verified(id)).map((d) => d.event.type)).toEqual(["message.created"]);
    const all = (await api(`/v1/connections/${id}/events`)).body.events.map((e: any) => e.type);
    expect(all).toEqual(expect.arrayContaining(["connection.connected", "chat.cleared", "message.created"]));
  });

  it("pages through events in creation order", async () => {
    const { id } = await connectRoomim("paging");
    for (let i = 0; i < 5; i++) await sim("push/message", { text: `page ${i}` });
    await until("5 messages", async () => (await api(`/v1/connections/${id}/events?type=message.created`)).body.events.length === 5);
    const first = (await api(`/v1/connections/${id}/events?type=message.created&limit=2`)).body;
    expect(first.events.map((e: any) => e.data.message.text)).toEqual(["page 0", "page 1"]);
    const second = (await api(`/v1/connections/${id}/events?type=message.created&limit=2&after=${first.next}`)).body;
    expect(second.events.map((e: any) => e.data.message.text)).toEqual(["page 2", "page 3"]);
    const ids = (await api(`/v1/connections/${id}/events`)).body.events.map((e: any) => e.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it("purges settled events past retention but keeps failed and pending ones", async () => {
    const { id } = await connectRoomim("retention", { webhook: { events: ["message.*"] } });
    await sim("push/message", { text: `old delivered ${id}` });
    await webhookOf(id, "message.created", (e) => e.data.message.text === `old delivered ${id}`);
    await sink("down", { name: id, status: 500 });
    await sim("push/message", { text: `old pending ${id}` });
    await until("the pending one tried", async () =>
      (await api(`/v1/connections/${id}/deliveries?status=pending`)).body.deliveries.some((d: any) => d.attempts >= 1),
    );
    const eightDaysAgo = Date.now() - 8 * 86_400_000;
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      state.storage.sql.exec("UPDATE events SET created_at = ?", eightDaysAgo);
      state.storage.sql.exec("UPDATE kv SET value = '0' WHERE key = 'purged_at'");
      state.storage.sql.exec("UPDATE deliveries SET next_attempt_at = ? WHERE status = 'pending'", Date.now() + 3_600_000);
    });
    await until("an alarm run (once the running one has ended)", () => runDurableObjectAlarm(stubOf(id)));
    const texts = (await api(`/v1/connections/${id}/events`)).body.events.map((e: any) => e.data.message?.text ?? e.type);
    expect(texts).toEqual([`old pending ${id}`]); // connection.connected (no delivery) and the delivered one are gone
    await sink("down", { name: id, status: null });
  });

  it("comes back after a restart of its Durable Object through the watchdog alarm", async () => {
    const { id } = await connectRoomim("evict");
    await webhookOf(id, "connection.connected");
    await abortAllDurableObjects(); // in-memory state and the socket are gone; storage and the alarm stay
    expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("connecting");
    await runDurableObjectAlarm(stubOf(id));
    await until("connected after eviction", async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
    expect((await send(id, { chat: { type: "group", id: ROOM }, content: "back" })).status).toBe(200);
  });

  it("disables, deletes and forgets", async () => {
    const { id } = await connectRoomim("lifecycle");
    const off = await api(`/v1/connections/${id}`, { method: "PATCH", body: { enabled: false } });
    expect(off.body.status.state).toBe("disabled");
    const res = await send(id, { chat: { type: "group", id: ROOM }, content: "x" });
    expect(res.status).toBe(503);
    expect((await api(`/v1/connections`)).body.connections.map((c: any) => c.id)).toContain(id);
    expect((await api(`/v1/connections/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/v1/connections/${id}`)).status).toBe(404);
    expect((await api(`/v1/connections`)).body.connections.map((c: any) => c.id)).not.toContain(id);
  });
});
