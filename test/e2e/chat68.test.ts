/**
 * chat68 end to end: `wrangler dev`, the client simulator (its socket with the greeting, the
 * id-matched answers and the delayed send results, and its side API) and the verifying sink.
 * Every action once through the public API, and each error status chat68 can produce.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { BIG_GROUP, FRIEND, GROUP, HOST, startChat68, type Chat68Sim } from "../sim/chat68.ts";
import { startSink, type Sink } from "../sim/sink.ts";
import { webhookOf } from "../harness/webhooks.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "chat68-e2e";

let relay: Relay;
let client: Chat68Sim;
let sink: Sink;
let persistTo: string;

const act = (name: string, body: unknown) => relay.api(`/v1/connections/${ID}/actions/${name}`, { body });
const eventOf = (type: string, where?: (e: any) => boolean) => webhookOf(sink, ID, type, where);

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "imrelay-chat68-e2e-"));
  client = await startChat68();
  sink = await startSink();
  sink.secret(ID, SECRET);
  relay = await startRelay({ persistTo, vars: { ACTION_TIMEOUT_MS: "1500", ALLOW_PRIVATE_NETWORKS: "true" } });
  const put = await relay.api(`/v1/connections/${ID}`, {
    method: "PUT",
    body: { platform: "chat68", upstream: { url: client.url, api: client.httpUrl }, webhook: { url: sink.hookUrl(ID), secret: SECRET } },
  });
  expect(put.status).toBe(201);
  await until("connected", async () => (await relay.api(`/v1/connections/${ID}`)).body.status.state === "connected");
});

afterAll(async () => {
  await relay?.stop();
  await client?.close();
  await sink?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("chat68 under wrangler dev", () => {
  it("receives every kind of push as a unified event", async () => {
    client.message({ content: "hi bot", msgId: 4626337038 });
    expect((await eventOf("message.created", (e) => e.data.message.text === "hi bot")).data.message).toMatchObject({
      id: "4626337038",
      chat: { type: "group", id: GROUP, name: "huimei" },
      sender: { id: HOST.uid, name: HOST.nickName },
    });
    client.message({ chat: "friend", chatId: FRIEND.uid, from: FRIEND, msgType: 7, content: "http://r.example/f.xml||ui.xml||11994" });
    expect((await eventOf("message.created", (e) => e.data.message.chat.id === FRIEND.uid)).data.message.content).toEqual([
      { type: "file", url: "http://r.example/f.xml", name: "ui.xml", size: 11994 },
    ]);
    client.recall({});
    expect((await eventOf("message.deleted")).data.message.chat).toEqual({ type: "private", id: FRIEND.uid });
    client.groupUpdate({ values: { name: "改名了" } });
    expect((await eventOf("group.updated")).data).toEqual({ group: { id: GROUP, name: "改名了" }, name: "改名了" });
    client.shutupAll({ on: false });
    expect((await eventOf("group.member.muted")).data).toEqual({ group: { id: GROUP }, duration_s: 0 });
  });

  it("performs every action through the public API", async () => {
    const ok = async (name: string, params: unknown) => {
      const res = await act(name, params);
      expect([name, res.status]).toEqual([name, 200]);
      return res.body;
    };
    const sent = await ok("message.create", { chat: { type: "group", id: GROUP }, content: "hello group" });
    expect(sent.message_id).toMatch(/^\d{10}$/);
    await ok("message.create", { chat: { type: "private", id: HOST.uid }, content: "hello friend" });
    await ok("message.create", { chat: { type: "group", id: BIG_GROUP }, content: [{ type: "image", url: "C:/Users/bot/cat.png" }] });
    await ok("message.delete", { chat: { type: "group", id: GROUP }, message_id: sent.message_id });
    expect((await ok("group.list", {})).groups.map((g: any) => g.id)).toEqual([GROUP, BIG_GROUP]);
    expect((await ok("group.get", { group_id: GROUP })).group.id).toBe(GROUP);
    expect((await ok("group.member.list", { group_id: GROUP })).members.length).toBe(2);
    expect((await ok("friend.list", {})).friends.length).toBe(1);
    expect((await ok("user.get", { user_id: HOST.uid })).user.id).toBe(HOST.uid);
    expect((await ok("self.get", {})).user.id).toBe("4008697");
    await ok("group.mute", { group_id: GROUP, duration_s: 600 });
    await ok("group.mute", { group_id: GROUP, user_id: HOST.uid, duration_s: 600 });
    await ok("group.update", { group_id: GROUP, notice: "新的群通知" });
    expect((await ok("chat68.friend_requests", {})).requests.length).toBe(1);
    expect(await ok("chat68.api_url", {})).toEqual({ api_url: "https://webbiz.qika.xyz" });
    await ok("chat68.restart", {});
    expect((await ok("upstream.raw", { frame: '{"id":"raw-e2e","type":"getApiUrl"}' })).data).toBe("https://webbiz.qika.xyz");
    expect(await ok("upstream.raw", { http: { path: "/getApiUrl" } })).toEqual({ data: "https://webbiz.qika.xyz" });
    expect(client.client.deleted.map((d) => d.msgId)).toContain(sent.message_id);
    expect(client.sent().map((s) => s.kind)).toEqual(["sendMsg", "sendMsg", "sendFile", "sendMsg", "sendMsg"]);
    expect(client.client.restarts).toBe(1);
  });

  it("answers each error status chat68 can produce", async () => {
    const send = () => act("message.create", { chat: { type: "group", id: GROUP }, content: "x" });
    const statuses: Record<string, number> = {};
    statuses.invalid_request = (await act("message.create", { chat: { type: "group", id: GROUP }, content: "x", reply_to: "1" })).status;
    statuses.not_found = (await act("no.such", {})).status;
    statuses.unsupported_action = (await act("group.admin.set", { group_id: GROUP, user_id: HOST.uid, admin: true })).status;
    client.script("sendResult", { code: 0 });
    statuses.upstream_rejected = (await send()).status;
    client.script("getGroups", { code: 500, errorDesc: "68 is not running" });
    statuses.upstream_error = (await act("group.list", {})).status;
    client.script("sendResult", { silent: true });
    statuses.upstream_timeout = (await send()).status;
    await relay.api(`/v1/connections/${ID}`, { method: "PATCH", body: { enabled: false } });
    const sentBefore = client.sent().length;
    const off = await send();
    statuses.not_connected = off.status;
    expect(off.headers.get("retry-after")).toBeTruthy();
    expect(client.sent().length).toBe(sentBefore);
    await relay.api(`/v1/connections/${ID}`, { method: "PATCH", body: { enabled: true } });
    await until("connected again", async () => (await relay.api(`/v1/connections/${ID}`)).body.status.state === "connected");
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
});
