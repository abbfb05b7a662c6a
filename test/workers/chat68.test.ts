/**
 * chat68 sessions in workerd against the client simulator: the greeting (no event), the
 * liveness heartbeat over the socket, every pushed frame to a verified webhook, and every
 * action through the public API — sends confirmed by their msgListPropertyUpdate — with the
 * client's errors, silence and garbage mapped to API.md's statuses.
 */
import { inject, describe, expect, it } from "vitest";
import { api, freshHook, SECRET, until, verified, webhookOf } from "./helpers.ts";

const CHAT68 = `http://127.0.0.1:${inject("chat68Port")}`;
const GROUP = "389284";
const BIG_GROUP = "1858689382414958593";
const PWGEN = "7237423";

async function chat68Sim(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${CHAT68}/control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Creates a chat68 connection against the simulator (its side API included) and waits for it to be connected. */
async function connectChat68(prefix: string, upstream: Record<string, unknown> = { api: CHAT68 }) {
  const { id, hook } = await freshHook(prefix);
  const put = await api(`/v1/connections/${id}`, {
    method: "PUT",
    body: { platform: "chat68", upstream: { url: `${CHAT68.replace("http", "ws")}/`, ...upstream }, webhook: { url: hook, secret: SECRET } },
  });
  if (put.status !== 201) throw new Error(`PUT ${id}: ${put.status} ${JSON.stringify(put.body)}`);
  await until(`${id} connected`, async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
  return id;
}

const act = (id: string, name: string, body: unknown) => api(`/v1/connections/${id}/actions/${name}`, { body });
const events = async (id: string, type: string) => (await api(`/v1/connections/${id}/events?type=${type}`)).body.events as any[];

describe("chat68 session", () => {
  it("is connected on open; the greeting and the heartbeat's answers are no events", { timeout: 20_000 }, async () => {
    const id = await connectChat68("c68-up");
    const before = (await chat68Sim("received")).received.length;
    // The workers project runs the heartbeat every 400 ms.
    await until(
      "heartbeats answered",
      async () => (await chat68Sim("received")).received.slice(before).filter((f: any) => f.parsed?.type === "getApiUrl").length >= 2,
    );
    const conn = (await api(`/v1/connections/${id}`)).body;
    expect(conn.status).toMatchObject({ state: "connected", attempt: 0 });
    expect(conn.upstream).toEqual({ url: `${CHAT68.replace("http", "ws")}/`, api: CHAT68 });
    expect(await events(id, "upstream.unknown")).toEqual([]);
    expect((await events(id, "*")).map((e) => e.type)).toEqual(["connection.connected"]);
  });

  it("a client that stops answering is dropped and redialled", { timeout: 30_000 }, async () => {
    const id = await connectChat68("c68-hung");
    await chat68Sim("script", { route: "getApiUrl", silent: true, always: true });
    try {
      const down = await webhookOf(id, "connection.disconnected", () => true, 10_000);
      expect(down.data.reason).toContain("heartbeat not acknowledged");
    } finally {
      await chat68Sim("script", { route: "getApiUrl", always: true, clear: true });
    }
    await until("reconnected", async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected", 10_000);
  });

  it("turns the client's pushes into unified events", { timeout: 20_000 }, async () => {
    const id = await connectChat68("c68-events");
    await chat68Sim("push/message", { content: `hello ${id}`, msgId: 4626337038 });
    const group = await webhookOf(id, "message.created", (e) => e.data.message.text === `hello ${id}`);
    expect(group.data.message).toEqual({
      id: "4626337038",
      chat: { type: "group", id: GROUP, name: "huimei" },
      sender: { id: PWGEN, name: "Pwgen" },
      content: [{ type: "text", text: `hello ${id}` }],
      text: `hello ${id}`,
    });
    await chat68Sim("push/message", { chat: "friend", msgType: 1, content: "http://r.example/a.jpg||http://r.example/a_s.jpg||20310||0", msgId: 4626337039 });
    const image = await webhookOf(id, "message.created", (e) => e.data.message.id === "4626337039");
    expect(image.data.message).toMatchObject({
      chat: { type: "private", id: PWGEN },
      content: [{ type: "image", url: "http://r.example/a.jpg", thumbnail: "http://r.example/a_s.jpg" }],
    });
    await chat68Sim("push/message", { chatId: BIG_GROUP, content: "big", msgId: "9223372036854775807" });
    const big = await webhookOf(id, "message.created", (e) => e.data.message.text === "big");
    expect(big.data.message).toMatchObject({ id: "9223372036854775807", chat: { type: "group", id: BIG_GROUP } });
    await chat68Sim("push/recall", { msgId: 4626337039 });
    expect((await webhookOf(id, "message.deleted")).data).toEqual({ message: { id: "4626337039", chat: { type: "private", id: PWGEN } } });
    await chat68Sim("push/groupUpdate", {});
    expect((await webhookOf(id, "group.updated", (e) => e.data.name !== undefined)).data).toEqual({ group: { id: GROUP, name: "新的群名" }, name: "新的群名" });
    await chat68Sim("push/shutupAll", { on: true });
    expect((await webhookOf(id, "group.member.muted")).data).toEqual({ group: { id: GROUP }, duration_s: -1 });
    await chat68Sim("push/readCancel", { on: false });
    expect((await webhookOf(id, "group.updated", (e) => e.data.burn_after_reading !== undefined)).data.group).toEqual({ id: GROUP });
    // The result of a send made from the desktop app: nothing waits for it, and it is no event.
    await chat68Sim(
      "raw",
      JSON.stringify({
        operator: "msgListPropertyUpdate",
        data: { id: 389284, type: "group", list: [{ customMsgId: "55555555555", updated: { MsgID: 4688999999, readStatus: 1 } }] },
      }),
    );
    // An answer to a request nobody made is kept.
    await chat68Sim("raw", '{"id":"nobody","type":"getGroups","data":[]}');
    expect((await webhookOf(id, "upstream.unknown")).data).toEqual({ reason: "a reply no action is waiting for", key: "nobody" });
    await chat68Sim("raw", "not json");
    expect((await webhookOf(id, "upstream.unknown", (e) => e.data.reason === "not JSON")).raw).toEqual({ text: "not json" });
    expect((await events(id, "upstream.unknown")).map((e) => e.data.key ?? e.data.reason)).toEqual(["nobody", "not JSON"]);
  });
});

describe("chat68 actions", () => {
  it("message.create: 200 with the MsgID its msgListPropertyUpdate confirms", async () => {
    const id = await connectChat68("c68-send");
    const res = await act(id, "message.create", { chat: { type: "group", id: GROUP }, content: `line one\nline two ${id}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message_id: expect.stringMatching(/^\d{10}$/), timestamp: expect.any(Number) });
    const sent = (await chat68Sim("sent")).sent.find((s: any) => s.msgId === res.body.message_id);
    expect(sent).toMatchObject({ kind: "sendMsg", chat: "group", chatId: GROUP, customMsgId: expect.stringMatching(/^[1-9]\d{10}$/) });
    expect(sent.list).toEqual([{ type: "text", values: { chatType: 0, content: `line one\\nline two ${id}` } }]);
    // Our own message comes back from the client as msgNew with isSelf.
    const echo = await webhookOf(id, "message.created", (e) => e.data.message.id === res.body.message_id);
    expect(echo.data.message.self).toBe(true);
  });

  it("message.create: a confirmation that overtakes the answer still counts", async () => {
    const id = await connectChat68("c68-early");
    await chat68Sim("script", { route: "sendMsg", delayMs: 150 });
    const res = await act(id, "message.create", { chat: { type: "private", id: PWGEN }, content: "quick" });
    expect(res.status).toBe(200);
    expect(res.body.message_id).toMatch(/^\d{10}$/);
  });

  it("a file from the client's machine: sendFile, confirmed the same way", async () => {
    const id = await connectChat68("c68-file");
    const res = await act(id, "message.create", { chat: { type: "group", id: GROUP }, content: [{ type: "file", url: "file:///C:/Users/bot/report.pdf" }] });
    expect(res.status).toBe(200);
    expect((await chat68Sim("sent")).sent.find((s: any) => s.msgId === res.body.message_id)).toMatchObject({
      kind: "sendFile",
      file: "C:/Users/bot/report.pdf",
    });
  });

  it("message.delete recalls on both sides through the side API, with the remembered customMsgId", async () => {
    const id = await connectChat68("c68-delete");
    const sent = await act(id, "message.create", { chat: { type: "group", id: GROUP }, content: "oops" });
    const res = await act(id, "message.delete", { chat: { type: "group", id: GROUP }, message_id: sent.body.message_id });
    expect([res.status, res.body]).toEqual([200, {}]);
    const deleted = (await chat68Sim("deleted")).deleted.find((d: any) => d.msgId === sent.body.message_id);
    const custom = (await chat68Sim("sent")).sent.find((s: any) => s.msgId === sent.body.message_id).customMsgId;
    expect(deleted).toEqual({ msgId: sent.body.message_id, customMsgId: custom, isRemoteDeletion: true });
    const again = await act(id, "message.delete", { chat: { type: "group", id: GROUP }, message_id: sent.body.message_id });
    expect([again.status, again.body.upstream]).toEqual([422, { code: 404, text: "消息不存在" }]);
  });

  it("queries and administration through the client's web API proxy", { timeout: 30_000 }, async () => {
    const id = await connectChat68("c68-admin");
    const groups = await act(id, "group.list", {});
    expect(groups.body.groups.map((g: any) => g.id)).toEqual([GROUP, BIG_GROUP]);
    expect((await act(id, "group.get", { group_id: GROUP })).body.group).toMatchObject({ id: GROUP, name: "huimei", owner_id: PWGEN });
    expect((await act(id, "group.member.list", { group_id: GROUP })).body.members.map((m: any) => m.id)).toEqual([PWGEN, "4008697"]);
    expect((await act(id, "friend.list", {})).body.friends).toEqual([{ id: "5858052", name: "12🌽34🌽收cu商" }]);
    expect((await act(id, "user.get", { user_id: PWGEN })).body.user).toMatchObject({ id: PWGEN, name: "Pwgen" });
    expect((await act(id, "self.get", {})).body.user).toMatchObject({ id: "4008697", name: "ID采集机器人🤖" });
    expect((await act(id, "chat68.friend_requests", {})).body.requests[0]).toMatchObject({ user: { id: "5138518" }, comment: "验证：我是八方发财4" });
    expect((await act(id, "chat68.api_url", {})).body).toEqual({ api_url: "https://webbiz.qika.xyz" });
    expect((await act(id, "group.mute", { group_id: GROUP, user_id: PWGEN, duration_s: 60 })).status).toBe(200);
    const sentBefore = (await chat68Sim("sent")).sent.length;
    expect((await act(id, "group.mute", { group_id: GROUP, duration_s: 60 })).status).toBe(200);
    expect((await act(id, "group.update", { group_id: GROUP, notice: "新的群通知" })).status).toBe(200);
    const told = (await chat68Sim("sent")).sent.slice(sentBefore).map((s: any) => s.list[0].values);
    expect(told).toEqual([
      { chatType: 50, content: "管理员开了全员禁言", bfShutup: true },
      { chatType: 8, content: "新的群通知", bfAll: true },
    ]);
    expect((await act(id, "chat68.restart", {})).status).toBe(200);
    const raw = await act(id, "upstream.raw", { frame: '{"id":"raw-1","type":"getGroups"}' });
    expect([raw.status, raw.body.id, raw.body.data.length]).toEqual([200, "raw-1", 2]);
    const unconfirmed = await act(id, "upstream.raw", { frame: { type: "getGroups" } });
    expect([unconfirmed.status, unconfirmed.body]).toEqual([202, { message_id: null }]);
    const http = await act(id, "upstream.raw", { http: { path: "/getApiUrl" } });
    expect([http.status, http.body]).toEqual([200, { data: "https://webbiz.qika.xyz" }]);
  });

  it("maps the client's refusals, failures, silence and garbage to 422, 502 and 504", { timeout: 30_000 }, async () => {
    const id = await connectChat68("c68-errors");
    const send = () => act(id, "message.create", { chat: { type: "group", id: GROUP }, content: "x" });
    await chat68Sim("script", { route: "sendResult", code: 0 });
    const failed = await send();
    expect([failed.status, failed.body.upstream]).toEqual([422, { code: 0, text: "message not sent" }]);
    await chat68Sim("script", { route: "sendMsg", code: 300 });
    expect((await send()).status).toBe(422);
    await chat68Sim("script", { route: "sendResult", silent: true });
    const silent = await send();
    expect([silent.status, silent.body.code]).toEqual([504, "upstream_timeout"]);
    await chat68Sim("script", { route: "GroupDetail", code: 403, errorDesc: "无权限" });
    const refused = await act(id, "group.get", { group_id: GROUP });
    expect([refused.status, refused.body.upstream]).toEqual([422, { code: 403, text: "无权限" }]);
    await chat68Sim("script", { route: "getGroups", code: 500, errorDesc: "68 is not running" });
    expect((await act(id, "group.list", {})).status).toBe(502);
    await chat68Sim("script", { route: "/deleteMsg", httpStatus: 500, body: "boom" });
    const broken = await act(id, "message.delete", { chat: { type: "group", id: GROUP }, message_id: "1" });
    expect([broken.status, broken.body.upstream]).toEqual([502, { code: 500, text: "boom" }]);
    await chat68Sim("script", { route: "getGroups", body: "{garbage" });
    expect((await act(id, "group.list", {})).status).toBe(504);
    await until("the garbage kept", async () => (await events(id, "upstream.unknown")).some((e) => e.raw.text === "{garbage"));
    const mention = await act(id, "message.create", { chat: { type: "group", id: GROUP }, content: [{ type: "mention", user_id: PWGEN }] });
    expect([mention.status, mention.body.errors[0].path]).toEqual([400, "content.0.type"]);
    expect((await act(id, "group.admin.set", { group_id: GROUP, user_id: PWGEN, admin: true })).status).toBe(501);
  });

  it("message.delete without the side API is a 400 naming upstream.api", async () => {
    const id = await connectChat68("c68-noapi", {});
    const res = await act(id, "message.delete", { chat: { type: "group", id: GROUP }, message_id: "1" });
    expect([res.status, res.body.errors]).toEqual([400, [{ path: "upstream.api", message: expect.stringContaining("upstream.api") }]]);
    expect((await verified(id)).length).toBeGreaterThanOrEqual(1);
  });
});
