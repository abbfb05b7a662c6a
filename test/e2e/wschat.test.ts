/**
 * wschat end to end: `wrangler dev`, the wschat simulator (socket, REST API, offline store)
 * and the verifying sink. Messages queued while the relay was away arrive exactly once after
 * it comes back; a SIGKILL of the relay between fetching offline messages and dropping them
 * loses none and duplicates none; every action once through the public API, and each error
 * status wschat can produce.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { startSink, type Sink } from "../sim/sink.ts";
import { verifiedEvents, webhookOf } from "../harness/webhooks.ts";
import { startWschat, tokenOf, type WschatSim } from "../sim/wschat.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "wschat-e2e";
const PEER = "u-peer";
const OWNER = "u-owner";

let relay: Relay;
let server: WschatSim;
let sink: Sink;
let persistTo: string;

const act = (name: string, body: unknown) => relay.api(`/v1/connections/${ID}/actions/${name}`, { body });
const events = () => verifiedEvents(sink, ID);
const eventOf = (type: string, where?: (e: any) => boolean) => webhookOf(sink, ID, type, where);
const messages = () => events().filter((e) => e?.type === "message.created");
const online = () => server.connections.some((c) => c.user === ID && c.open);
const state = async () => (await relay.api(`/v1/connections/${ID}`)).body.status.state;

/** Stored message.created events, pulled from the relay. */
async function stored(): Promise<any[]> {
  return (await relay.api(`/v1/connections/${ID}/events?limit=100&type=message.created`)).body.events;
}

/**
 * Each message under exactly one event id: at the sink (verified webhooks, one per webhook-id;
 * a webhook redelivered after a kill carries the same id, as Standard Webhooks allows) and in
 * the relay's store.
 */
async function expectExactlyOnce(texts: string[]): Promise<void> {
  await until(`${texts.length} messages at the sink`, () => messages().length >= texts.length, 45_000);
  expect(
    messages()
      .map((e) => e.data.message.text)
      .sort(),
  ).toEqual([...texts].sort());
  expect((await stored()).map((e) => e.data.message.text).sort()).toEqual([...texts].sort());
}

/** Queues messages for the relay's account at the server (it must be offline). */
function queue(texts: string[]): void {
  expect(online()).toBe(false);
  for (const text of texts) server.message({ from: PEER, to: ID, content: text });
  expect(server.model.offline.get(ID)?.length).toBeGreaterThanOrEqual(texts.length);
}

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "imrelay-wschat-e2e-"));
  server = await startWschat();
  sink = await startSink();
  sink.secret(ID, SECRET);
  // A short watchdog so that a relay restarted after a kill redials within seconds.
  relay = await startRelay({ persistTo, vars: { ACTION_TIMEOUT_MS: "1500", POLL_INTERVAL_MS: "1000", WATCHDOG_MS: "2000" } });
  const put = await relay.api(`/v1/connections/${ID}`, {
    method: "PUT",
    body: { platform: "wschat", upstream: { url: server.url, accessToken: tokenOf(ID) }, webhook: { url: sink.hookUrl(ID), secret: SECRET } },
  });
  expect(put.status).toBe(201);
  await until("connected", async () => (await state()) === "connected");
});

afterAll(async () => {
  await relay?.stop();
  await server?.close();
  await sink?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("wschat under wrangler dev", () => {
  it("receives messages, notifications and invitations, and answers an invitation by request_id", async () => {
    server.message({ from: PEER, to: ID, content: "hi bot" });
    expect((await eventOf("message.created", (e) => e.data.message.text === "hi bot")).data.message.chat).toEqual({ type: "private", id: PEER });
    await fetch(`${server.httpUrl}/notification?to=${ID}`, { method: "POST", body: JSON.stringify({ notificationType: "order.paid", content: { order: 7 } }) });
    expect((await eventOf("notification.received")).data).toEqual({ kind: "order.paid", content: { order: 7 } });
    server.addGroup({ id: "g-e2e", name: "读书会", managerId: OWNER, usersId: [OWNER] });
    server.invite({ from: OWNER, group: "g-e2e", to: ID });
    const invited = await eventOf("group.invited");
    expect(invited.data.request).toMatchObject({ group: { id: "g-e2e", name: "读书会" }, inviter: { id: OWNER } });
    expect((await act("request.approve", { request_id: invited.data.request.id })).status).toBe(200);
    expect(server.model.groups.get("g-e2e")!.usersId).toContain(ID);
    expect(events().filter((e) => e.type === "group.invited")).toHaveLength(1);
  });

  it("performs every action through the public API", async () => {
    const ok = async (name: string, params: unknown, status = 200) => {
      const res = await act(name, params);
      expect([name, res.status]).toEqual([name, status]);
      return res.body;
    };
    const received = server.received.length;
    expect(await ok("message.create", { chat: { type: "private", id: PEER }, content: "hello" }, 202)).toEqual({ message_id: null });
    await ok("message.create", { chat: { type: "group", id: "g-e2e" }, content: "hello group" }, 202);
    await ok("upstream.raw", { frame: '{"type":"unicast","receiverId":"u-peer","content":"raw"}' }, 202);
    await until("three frames at the server", () => server.received.length >= received + 3);
    expect(server.received.slice(received).map((f) => f.parsed)).toEqual([
      { type: "unicast", receiverId: PEER, content: "hello" },
      { type: "multicast", groupId: "g-e2e", content: "hello group" },
      { type: "unicast", receiverId: PEER, content: "raw" },
    ]);
    const group = (await ok("group.create", { name: "bots" })).group_id;
    await ok("group.update", { group_id: group, name: "bots and friends" });
    expect((await ok("group.get", { group_id: group })).group).toMatchObject({ name: "bots and friends", owner_id: ID });
    await ok("group.invite", { group_id: group, user_id: PEER });
    const invitation = [...server.model.invitations.values()].find((i) => i.groupId === group)!;
    server.model.answerInvitation(PEER, invitation.id, true);
    expect((await ok("group.member.list", { group_id: group })).members).toEqual([
      { id: ID, role: "owner" },
      { id: PEER, role: "member" },
    ]);
    expect((await ok("group.list", {})).groups.map((g: any) => g.id).sort()).toEqual(["g-e2e", group].sort());
    await ok("group.kick", { group_id: group, user_id: PEER });
    await ok("wschat.notify", { type: "multicast", to: "g-e2e", from: OWNER, notificationType: "meeting", content: "at 8" });
    expect((await eventOf("notification.received", (e) => e.data.kind === "meeting")).data.content).toBe("at 8");
    await ok("upstream.raw", { http: { method: "GET", path: "/api/request" } });
    await ok("group.leave", { group_id: group }); // the owner leaves: dissolved
    expect(server.model.groups.has(group)).toBe(false);
    server.addGroup({ id: "g-decline", name: "x", managerId: OWNER, usersId: [OWNER] });
    server.invite({ from: OWNER, group: "g-decline", to: ID });
    const second = await eventOf("group.invited", (e) => e.data.request.group.id === "g-decline");
    await ok("request.reject", { request_id: second.data.request.id });
    expect(server.model.invitations.size).toBe(0);
    for (const r of server.requests.filter((r) => r.user === ID)) expect(r.query.access_token).toBe(tokenOf(ID));
  });

  it("answers each error status wschat can produce", async () => {
    const rename = () => act("group.update", { group_id: "g-e2e", name: "mine" });
    const statuses: Record<string, number> = {};
    statuses.invalid_request = (await act("wschat.notify", { type: "broadcast", notificationType: "x" })).status;
    statuses.not_found = (await act("no.such", {})).status;
    statuses.unsupported_action = (await act("message.delete", { chat: { type: "group", id: "g-e2e" }, message_id: "m" })).status;
    const refused = await rename();
    statuses.upstream_rejected = refused.status;
    expect(refused.body.upstream).toMatchObject({ code: 403 });
    server.script("PUT /api/group/{id}", { httpStatus: 500 });
    statuses.upstream_error = (await rename()).status;
    server.script("PUT /api/group/{id}", { delayMs: 2_500 });
    statuses.upstream_timeout = (await rename()).status;
    await relay.api(`/v1/connections/${ID}`, { method: "PATCH", body: { enabled: false } });
    const off = await act("message.create", { chat: { type: "private", id: PEER }, content: "x" });
    statuses.not_connected = off.status;
    expect(off.headers.get("retry-after")).toBeTruthy();
    await relay.api(`/v1/connections/${ID}`, { method: "PATCH", body: { enabled: true } });
    await until("connected again", async () => (await state()) === "connected");
    expect(statuses).toEqual({
      invalid_request: 400,
      not_found: 404,
      unsupported_action: 501,
      upstream_rejected: 422,
      upstream_error: 502,
      upstream_timeout: 504,
      not_connected: 503,
    });
  });

  it("delivers messages queued while the relay was away exactly once after it comes back", { timeout: 120_000 }, async () => {
    const before = messages().map((e) => e.data.message.text);
    await relay.stop();
    await until("offline at the server", () => !online());
    const texts = Array.from({ length: 8 }, (_, i) => `while away ${i}`);
    queue(texts);
    await relay.start();
    await until("reconnected", async () => (await state()) === "connected", 60_000);
    await expectExactlyOnce([...before, ...texts]);
    await until("dropped at the server", () => (server.model.offline.get(ID) ?? []).length === 0);
    // In the order the server received them.
    const order = (await stored()).map((e) => e.data.message.text).filter((t: string) => t.startsWith("while away"));
    expect(order).toEqual(texts);
  });

  it("loses none and duplicates none when the relay is killed between fetching and dropping", { timeout: 180_000 }, async () => {
    const before = messages().map((e) => e.data.message.text);

    // 1. Killed with the drop unseen by the server: the restarted relay fetches the same messages again.
    await relay.stop();
    await until("offline at the server", () => !online());
    const first = Array.from({ length: 5 }, (_, i) => `refetched ${i}`);
    queue(first);
    server.holdDrops(true);
    await relay.start();
    await server.waitForHeldDrop(1, 60_000); // fetched and stored; the drop waits at the server
    await relay.stop("SIGKILL");
    // (A relay slower than its action timeout may have tried again: every parked drop is abandoned.)
    expect(server.releaseDrops(false)).toBeGreaterThanOrEqual(1);
    expect(server.model.offline.get(ID)).toHaveLength(5);
    server.holdDrops(false);
    await relay.start();
    await until("reconnected", async () => (await state()) === "connected", 60_000);
    await until("dropped at the server", () => (server.model.offline.get(ID) ?? []).length === 0, 30_000);
    await expectExactlyOnce([...before, ...first]);

    // 2. Killed after the server dropped but before the relay read the answer: nothing is refetched.
    await relay.stop();
    await until("offline at the server", () => !online());
    const second = Array.from({ length: 5 }, (_, i) => `dropped unseen ${i}`);
    queue(second);
    server.holdDrops(true);
    await relay.start();
    await server.waitForHeldDrop(1, 60_000);
    await relay.stop("SIGKILL");
    expect(server.releaseDrops(true)).toBeGreaterThanOrEqual(1); // the server drops them now; the relay never hears back
    expect(server.model.offline.get(ID)).toEqual([]);
    server.holdDrops(false);
    await relay.start();
    await until("reconnected", async () => (await state()) === "connected", 60_000);
    await expectExactlyOnce([...before, ...first, ...second]);
  });
});
