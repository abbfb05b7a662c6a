/**
 * chat68 (seed 001): actions → the client requests the seed shows (byte for byte, apart from
 * the request id and the custom_msg_id the origin adds), driven to their outcome against the
 * simulator's protocol logic (test/sim/chat68-client.ts) without sockets.
 */
import * as SEED from "../sim/chat68-seed.ts";
import { describe, expect, it } from "vitest";
import { Chat68Client } from "../sim/chat68-client.ts";
import { parseExact } from "../sim/json.ts";
import { chat68 } from "../../src/platforms/chat68/index.ts";
import { customMsgId, localPath } from "../../src/platforms/chat68/encode.ts";
import type { Plan } from "../../src/platforms/contract.ts";
import { fake, UPSTREAM } from "./chat68-fake.ts";

type Obj = Record<string, unknown>;

/** The seed's frame, compact, with `id` replaced and fields set (new keys go where `after` says). */
function seedFrame(text: string, changes: { id: string; data?: Obj; top?: Obj; customMsgId?: string }): string {
  const frame = parseExact(text) as Obj;
  frame.id = changes.id;
  let out: Obj = frame;
  if (changes.top)
    out = { id: frame.id, type: frame.type, ...changes.top, ...Object.fromEntries(Object.entries(frame).filter(([k]) => k !== "id" && k !== "type")) };
  if (changes.customMsgId !== undefined) {
    const data = frame.data as Obj;
    const { id, type, ...rest } = data;
    out.data = { id, type, custom_msg_id: changes.customMsgId, ...rest };
  }
  if (changes.data) out.data = { ...(out.data as Obj), ...changes.data };
  return JSON.stringify(out);
}

/** The frames of a socket plan. */
function framesOf(plan: Plan): string[] {
  if (plan.kind !== "socket") throw new Error(`expected a socket plan, got ${plan.kind}`);
  return plan.frames.map(String);
}

function withHost(host: string) {
  const f = fake();
  f.store.set("apiUrl", host);
  return f;
}

const client = new Chat68Client();
const answer = (frame: string) => client.onFrame(frame).map((o) => o.text);
function side(method: string, route: string, body: string): { status: number; body: string } {
  const a = client.onSideRequest(method, route, body);
  if (a === null) throw new Error("no answer");
  return a;
}

describe("chat68 message.create", () => {
  it("to a friend: the seed's sendMsg with a custom_msg_id, confirmed by its msgListPropertyUpdate", () => {
    client.reset();
    const f = fake();
    const plan = f.plan("message.create", { chat: { type: "private", id: "7237423" }, content: "这里改成你的消息" });
    const [frame] = framesOf(plan);
    const custom = customMsgId("k1");
    expect(custom).toMatch(/^[1-9]\d{10}$/);
    expect(frame).toBe(seedFrame(SEED.sendFriendText, { id: "k1", customMsgId: custom }));
    expect(plan).toMatchObject({ await: { key: "k1", confirm: `send:${custom}` } });
    const outcome = f.drive(plan, answer);
    expect(outcome).toEqual({ result: { message_id: "4688196816", timestamp: expect.any(Number) } });
    expect(client.sent.at(-1)).toMatchObject({ kind: "sendMsg", chat: "friend", chatId: "7237423", customMsgId: custom, msgId: "4688196816" });
  });

  it("to a group", () => {
    client.reset();
    const f = fake();
    const plan = f.plan("message.create", { chat: { type: "group", id: "389284" }, content: [{ type: "text", text: "这里改成你的消息" }] });
    expect(framesOf(plan)).toEqual([seedFrame(SEED.sendGroupText, { id: "k1", customMsgId: customMsgId("k1") })]);
    expect(f.drive(plan, answer)).toMatchObject({ result: { message_id: "4688196816" } });
  });

  it("multi-line text as the seed writes it (\\n escapes)", () => {
    const plan = fake().plan("message.create", { chat: { type: "group", id: "389284" }, content: "发送多行文本\n123\r\n1234" });
    expect(framesOf(plan)).toEqual([seedFrame(SEED.sendMultilineText, { id: "k1", customMsgId: customMsgId("k1") })]);
  });

  it("a 19-digit group id goes as a bare number with its exact digits", () => {
    const [frame] = framesOf(fake().plan("message.create", { chat: { type: "group", id: "1858689382414958593" }, content: "x" }));
    expect(frame).toContain('"data":{"id":1858689382414958593,"type":"group"');
  });

  it("a file on the client's machine: sendFile with the path (custom_msg_id at the top, as the origin says)", () => {
    client.reset();
    const f = fake();
    const plan = f.plan("message.create", { chat: { type: "group", id: "389284" }, content: [{ type: "video", url: "file:///C:/Users/rtuge/Desktop/b.mp4" }] });
    expect(framesOf(plan)).toEqual([seedFrame(SEED.sendFileRequest, { id: "k1", top: { custom_msg_id: customMsgId("k1") } })]);
    expect(f.drive(plan, answer)).toMatchObject({ result: { message_id: "4688196816" } });
    expect(client.sent.at(-1)).toMatchObject({ kind: "sendFile", file: "C:/Users/rtuge/Desktop/b.mp4" });
  });

  it.each([
    ["file:///C:/Users/a/b%20c.png", "C:/Users/a/b c.png"],
    ["file:///home/bot/a.png", "/home/bot/a.png"],
    ["C:\\Users\\a\\b.png", "C:\\Users\\a\\b.png"],
    ["D:/x.txt", "D:/x.txt"],
    ["/tmp/x.txt", "/tmp/x.txt"],
    ["https://img.example.com/a.png", undefined],
    ["//host/share", undefined],
    ["b.png", undefined],
  ])("local path of %s is %s", (url, path) => {
    expect(localPath(url)).toBe(path);
  });

  it("a send the client reports failed (readStatus 0) is a 422; an unknown friend fails the same way", () => {
    client.reset();
    client.scripts.always("sendResult", { code: 0 });
    const f = fake();
    expect(f.drive(f.plan("message.create", { chat: { type: "group", id: "389284" }, content: "x" }), answer)).toEqual({
      problem: {
        code: "upstream_rejected",
        detail: "the 68chat client reported the message as not sent (readStatus 0)",
        upstream: { code: 0, text: "message not sent" },
      },
    });
    client.reset();
    const g = fake();
    expect(g.drive(g.plan("message.create", { chat: { type: "private", id: "1" }, content: "x" }), answer)).toMatchObject({
      problem: { code: "upstream_rejected" },
    });
  });

  it("a send refused in its answer ends there (422), without waiting for a result", () => {
    client.reset();
    client.scripts.once("sendMsg", { code: 300 });
    const f = fake();
    expect(f.drive(f.plan("message.create", { chat: { type: "group", id: "389284" }, content: "x" }), answer)).toMatchObject({
      problem: { code: "upstream_rejected", upstream: { code: 300 } },
    });
  });

  it.each([
    [
      {
        content: [
          { type: "mention", user_id: "1" },
          { type: "text", text: "hi" },
        ],
      },
      [{ path: "content.0.type", message: "chat68 cannot send mention: send text, or one file, image, video or audio" }],
    ],
    [{ content: "hi", reply_to: "4626337038" }, [{ path: "reply_to", message: "chat68 cannot quote: the client's quoteInfo is not documented" }]],
    [
      { content: [{ type: "image", url: "https://img.example.com/a.png" }] },
      [{ path: "content.0.url", message: "chat68 sends files from the client's machine: give a file:// URL or an absolute path there" }],
    ],
    [
      {
        content: [
          { type: "text", text: "see" },
          { type: "file", url: "C:/a.txt" },
        ],
      },
      [{ path: "content.1", message: "chat68 sends a file as a message of its own, without text" }],
    ],
    [
      {
        content: [
          { type: "file", url: "C:/a.txt" },
          { type: "image", url: "C:/b.png" },
        ],
      },
      [{ path: "content.1", message: "chat68 sends one file per message" }],
    ],
    [{ content: [{ type: "text", text: "" }] }, [{ path: "content", message: "the message is empty" }]],
  ])("refuses %j with 400 naming the field", (params, errors) => {
    const p = fake().refused("message.create", { chat: { type: "group", id: "389284" }, ...params });
    expect(p).toMatchObject({ code: "invalid_request", errors });
  });
});

describe("chat68 message.delete: the side API's /deleteMsg, both sides", () => {
  const params = { chat: { type: "group", id: "389284" }, message_id: "4626337038" };

  it("sends the remembered customMsgId with the message id", () => {
    const f = fake();
    f.decode(SEED.groupText);
    const plan = f.plan("message.delete", params);
    expect(plan).toMatchObject({
      kind: "http",
      method: "POST",
      url: "http://127.0.0.1:5598/deleteMsg",
      body: '{"id":389284,"type":"group","customMsgId":"20298293316","msgId":4626337038,"isRemoteDeletion":true}',
    });
    expect(f.drive(plan, answer, () => ({ status: 200, body: '{"data":"success"}' }))).toEqual({ result: {} });
  });

  it("a message never seen goes without customMsgId; the client's refusal is a 422", () => {
    const f = fake();
    const plan = f.plan("message.delete", params);
    expect(plan).toMatchObject({ body: '{"id":389284,"type":"group","msgId":4626337038,"isRemoteDeletion":true}' });
    expect(f.drive(plan, answer, () => ({ status: 200, body: '{"errorCode":404,"errorDesc":"消息不存在"}' }))).toEqual({
      problem: { code: "upstream_rejected", detail: "the client refused /deleteMsg with error 404: 消息不存在", upstream: { code: 404, text: "消息不存在" } },
    });
  });

  it.each([
    [500, "Internal Server Error", "the client's side API answered /deleteMsg with HTTP 500"],
    [200, "<html>", "the client's side API answered /deleteMsg with something that is not JSON"],
    [200, "[1]", "the client's side API answered /deleteMsg in an unknown shape"],
  ])("HTTP %i %j is a 502", (status, body, detail) => {
    const f = fake();
    expect(f.drive(f.plan("message.delete", params), answer, () => ({ status, body }))).toEqual({
      problem: { code: "upstream_error", detail, upstream: { code: status, text: body } },
    });
  });

  it("carries the connection's headers (a tunnel's access token)", () => {
    const f = fake({ ...UPSTREAM, headers: { "cf-access-client-id": "id", "cf-access-client-secret": "s" } });
    expect(f.plan("message.delete", params)).toMatchObject({
      headers: { "cf-access-client-id": "id", "cf-access-client-secret": "s", "content-type": "application/json" },
    });
    expect(chat68.link.dial(f.ctx)).toEqual({ url: UPSTREAM.url, headers: { "cf-access-client-id": "id", "cf-access-client-secret": "s" } });
    expect(chat68.redact(f.ctx.config)).toEqual({
      url: UPSTREAM.url,
      api: UPSTREAM.api,
      headers: { "cf-access-client-id": "***", "cf-access-client-secret": "***" },
    });
  });

  it("without upstream.api it is a 400 naming it", () => {
    expect(fake({ url: UPSTREAM.url }).refused("message.delete", params)).toMatchObject({ code: "invalid_request", errors: [{ path: "upstream.api" }] });
  });
});

describe("chat68 queries", () => {
  it("group.list: getGroups", () => {
    client.reset();
    const f = fake();
    const plan = f.plan("group.list", {});
    expect(framesOf(plan)).toEqual([seedFrame(SEED.getGroupsRequest2, { id: "k1" })]);
    expect(f.drive(plan, answer)).toEqual({
      result: {
        groups: [
          { id: "389284", name: "huimei", owner_id: "7237423", member_count: 2, notice: "asdd", muted: false },
          { id: "1858689382414958593", name: "大群", owner_id: "4008697", member_count: 1, notice: "", muted: false },
        ],
      },
    });
  });

  it("the first web API call asks the API host first; later ones go straight there", () => {
    client.reset();
    const f = fake();
    const plan = f.plan("self.get", {});
    expect(framesOf(plan)).toEqual(['{"id":"k1","type":"getApiUrl"}']);
    expect(f.drive(plan, answer)).toEqual({
      result: {
        user: {
          id: "4008697",
          name: "ID采集机器人🤖",
          avatar: "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
          signature: "专业定制各类聊天软件自动化机器人",
        },
      },
    });
    expect(f.sent[1]).toBe('{"id":"k2","type":"request","data":{"type":"UserInfo","url":"https://webbiz.qika.xyz/user/userInfo"}}');
    expect(f.store.get("apiUrl")).toBe("https://webbiz.qika.xyz");
    expect(framesOf(f.plan("self.get", {}))).toEqual(['{"id":"k3","type":"request","data":{"type":"UserInfo","url":"https://webbiz.qika.xyz/user/userInfo"}}']);
  });

  it.each([
    ["self.get", {}, SEED.userInfoRequest, "https://webbiz.angg1.com"],
    ["friend.list", {}, SEED.contactsListRequest, "https://webbiz.angg1.com"],
    ["user.get", { user_id: "7237423" }, SEED.contactsDetailRequest, "https://webbiz.angg1.com"],
    ["chat68.friend_requests", {}, SEED.contactsApplyListRequest, "https://webbiz.angg1.com"],
    ["group.get", { group_id: "389284" }, SEED.groupDetailRequest, "https://webbiz.angg1.com"],
    ["group.member.list", { group_id: "389284" }, SEED.groupMemberListRequest, "https://webbiz.kngg3.com"],
    ["group.mute", { group_id: "441298", user_id: "7128348", duration_s: 3600 }, SEED.memberShutupRequest, "https://webbiz.kngg3.com"],
  ])("%s %j: the seed's request", (action, params, seed, host) => {
    const f = withHost(host);
    expect(framesOf(f.plan(action, params))).toEqual([seedFrame(seed, { id: "k1" })]);
  });

  it.each([
    ["friend.list", {}, { friends: [{ id: "5858052", name: "12🌽34🌽收cu商" }] }],
    [
      "user.get",
      { user_id: "7237423" },
      { user: { id: "7237423", name: "Pwgen", avatar: "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg" } },
    ],
    [
      "chat68.friend_requests",
      {},
      {
        requests: [
          {
            user: { id: "5138518", name: "八方发财4", avatar: "http://r11.aiolet.xyz/common/pic/202509/07/a77c66e78a2c23d817e5ab00ca326baf.jpg" },
            comment: "验证：我是八方发财4",
            source: "IDENTIFY",
            time: 1759928661000,
          },
        ],
      },
    ],
    [
      "group.get",
      { group_id: "389284" },
      { group: { id: "389284", name: "huimei", owner_id: "7237423", member_count: 2, notice: "asdd", created_at: 1753495200000 } },
    ],
    [
      "group.member.list",
      { group_id: "389284" },
      {
        members: [
          { id: "7237423", name: "Pwgen", avatar: "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg" },
          { id: "4008697", name: "ID采集机器人🤖", avatar: "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg" },
        ],
      },
    ],
    ["chat68.api_url", {}, { api_url: "https://webbiz.qika.xyz" }],
    ["chat68.restart", {}, {}],
  ])("%s %j → %j", (action, params, result) => {
    client.reset();
    const f = withHost("https://webbiz.qika.xyz");
    expect(f.drive(f.plan(action, params), answer)).toEqual({ result });
  });

  it("a web API refusal (commonResult.errCode) is a 422; an unknown call's error answer too", () => {
    client.reset();
    const f = withHost("https://webbiz.qika.xyz");
    expect(f.drive(f.plan("group.get", { group_id: "1" }), answer)).toEqual({
      problem: {
        code: "upstream_rejected",
        detail: "the 68chat web API refused the request call with errCode 404: 群组不存在",
        upstream: { code: 404, text: "群组不存在" },
      },
    });
    client.scripts.once("request", { code: 300 });
    expect(f.drive(f.plan("friend.list", {}), answer)).toMatchObject({
      problem: { code: "upstream_rejected", upstream: { code: 300, text: "很抱歉，服务繁忙，请联系客服 #A0030" } },
    });
  });

  it("an answer in an unexpected shape is a 502", () => {
    const f = withHost("https://webbiz.qika.xyz");
    const wrong = (frame: string) => [JSON.stringify({ id: JSON.parse(frame).id, type: "request", data: { commonResult: { errCode: 200 } } })];
    expect(f.drive(f.plan("friend.list", {}), wrong)).toMatchObject({
      problem: { code: "upstream_error", detail: "the 68chat client answered ContactsList in an unexpected shape" },
    });
  });

  it("silence is a timeout; garbage is no answer at all (kept as upstream.unknown by the session)", () => {
    client.reset();
    client.scripts.once("getGroups", { silent: true });
    const f = fake();
    expect(f.drive(f.plan("group.list", {}), answer)).toMatchObject({ problem: { code: "upstream_timeout" } });
  });

  it("the chat68 extras have the seed's frames", () => {
    expect(framesOf(fake().plan("chat68.restart", {}))).toEqual([seedFrame(SEED.restartRequest, { id: "k1" })]);
    expect(framesOf(fake().plan("chat68.api_url", {}))).toEqual([seedFrame(SEED.getApiUrlRequest, { id: "k1" })]);
    expect(() => fake().plan("chat68.restart", { now: true })).toThrow();
  });
});

describe("chat68 group administration", () => {
  it("whole-group mute: GroupUpdate op 11, then the notice the app posts (chatType 50)", () => {
    client.reset();
    const f = withHost("https://webbiz.kngg3.com");
    const plan = f.plan("group.mute", { group_id: "389284", duration_s: 600 });
    expect(framesOf(plan)).toEqual([seedFrame(SEED.groupShutupRequest, { id: "k1" })]);
    client.apiUrl = "https://webbiz.kngg3.com";
    expect(f.drive(plan, answer)).toEqual({ result: {} });
    expect(f.sent[1]).toBe(seedFrame(SEED.sendShutupMessage, { id: "k2", customMsgId: customMsgId("k2") }));
    expect(client.groups.get("389284")?.shutup).toBe(true);
  });

  it("lifting it: shutup false and the app's 'off' text", () => {
    client.reset();
    const f = withHost("https://webbiz.qika.xyz");
    expect(f.drive(f.plan("group.mute", { group_id: "389284", duration_s: 0 }), answer)).toEqual({ result: {} });
    expect(JSON.parse(f.sent[0] as string).data.data).toEqual({ op: 11, groupParam: { shutup: false, groupId: 389284 } });
    expect(JSON.parse(f.sent[1] as string).data.list).toEqual([{ type: "text", values: { chatType: 50, content: "管理员关闭了全员禁言", bfShutup: false } }]);
  });

  it("a member: GroupMemberShutup with the seconds", () => {
    client.reset();
    const f = withHost("https://webbiz.qika.xyz");
    expect(f.drive(f.plan("group.mute", { group_id: "389284", user_id: "7237423", duration_s: 60 }), answer)).toEqual({ result: {} });
  });

  it("group.update notice: GroupUpdate op 12, then the notice posted to the group (chatType 8, bfAll)", () => {
    client.reset();
    client.apiUrl = "https://webbiz.kngg3.com";
    const f = withHost("https://webbiz.kngg3.com");
    const plan = f.plan("group.update", { group_id: "389284", notice: "新的群通知" });
    expect(framesOf(plan)).toEqual([seedFrame(SEED.groupNoticeRequest, { id: "k1" })]);
    expect(f.drive(plan, answer)).toEqual({ result: {} });
    expect(f.sent[1]).toBe(seedFrame(SEED.sendNoticeMessage, { id: "k2", customMsgId: customMsgId("k2") }));
    expect(client.groups.get("389284")?.notice).toBe("新的群通知");
  });

  it("a failed notice post fails the action (422)", () => {
    client.reset();
    client.scripts.always("sendResult", { code: 0 });
    const f = withHost("https://webbiz.qika.xyz");
    expect(f.drive(f.plan("group.update", { group_id: "389284", notice: "n" }), answer)).toMatchObject({ problem: { code: "upstream_rejected" } });
  });

  it("group.update name and nothing at all are 400s", () => {
    expect(fake().refused("group.update", { group_id: "389284", name: "x" })).toMatchObject({ code: "invalid_request", errors: [{ path: "name" }] });
    expect(fake().refused("group.update", { group_id: "389284" })).toMatchObject({ code: "invalid_request", errors: [{ path: "notice" }] });
  });

  it("what the origin does not document is not offered (501 from the registry)", () => {
    for (const name of [
      "group.admin.set",
      "group.kick",
      "group.invite",
      "group.leave",
      "group.create",
      "message.update",
      "request.approve",
      "request.reject",
    ]) {
      expect(chat68.actions[name]).toBeUndefined();
    }
  });
});

describe("chat68 link", () => {
  it("is ready on open; greets nothing; learns the API host and checks liveness with getApiUrl on the socket", () => {
    const f = fake({ url: "wss://abc.trycloudflare.com/?k=1" });
    expect(chat68.link.readiness).toBe("open");
    expect(chat68.link.dial(f.ctx)).toEqual({ url: "wss://abc.trycloudflare.com/?k=1" });
    expect(chat68.redact(f.ctx.config)).toEqual({ url: "wss://abc.trycloudflare.com/" });
    expect(chat68.link.hello?.(f.ctx)).toEqual(['{"id":"heartbeat-k1","type":"getApiUrl"}']);
    expect(chat68.link.heartbeat).toMatchObject({ intervalMs: 30_000, timeoutMs: 10_000 });
    expect(chat68.link.heartbeat?.frame(f.ctx)).toBe('{"id":"heartbeat-k2","type":"getApiUrl"}');
    const answer = client.onFrame('{"id":"heartbeat-k2","type":"getApiUrl"}')[0]?.text as string;
    expect(f.decode(answer)).toEqual({ events: [], signals: [{ kind: "heartbeat_ack" }], remember: { apiUrl: "https://webbiz.qika.xyz" } });
    expect(chat68.memory).toEqual({ msg: { capacity: 5000, ttlMs: 604_800_000 } });
  });
});

describe("chat68 upstream.raw", () => {
  it("a frame with an id waits for its answer", () => {
    client.reset();
    const f = fake();
    const plan = f.plan("upstream.raw", { frame: '{"id":"mine-1","type":"getGroups"}' });
    expect(plan).toMatchObject({ kind: "socket", frames: ['{"id":"mine-1","type":"getGroups"}'], await: "mine-1" });
    expect(f.drive(plan, answer)).toMatchObject({ result: { id: "mine-1", type: "getGroups", data: expect.any(Array) } });
  });

  it("a frame without an id is sent unconfirmed (202)", () => {
    const plan = fake().plan("upstream.raw", { frame: { type: "restart68" } });
    expect(plan).toMatchObject({ kind: "socket", frames: ['{"type":"restart68"}'], await: null });
  });

  it("http goes to the side API", () => {
    const f = fake();
    const plan = f.plan("upstream.raw", { http: { path: "/getApiUrl" } });
    expect(plan).toMatchObject({ kind: "http", method: "POST", url: "http://127.0.0.1:5598/getApiUrl" });
    expect(f.drive(plan, answer, (req) => side(req.method, "/getApiUrl", String(req.body ?? "")))).toEqual({ result: { data: "https://webbiz.qika.xyz" } });
    expect(f.drive(f.plan("upstream.raw", { http: { path: "/getGroups" } }), answer, () => side("POST", "/getGroups", ""))).toMatchObject({
      result: { data: expect.any(Array) },
    });
  });
});

describe("chat68 friend request poll (side API)", () => {
  /** Runs a link step chain against the simulator's side API. */
  function chain(
    f: ReturnType<typeof fake>,
    first: ReturnType<NonNullable<typeof chat68.link.poll>["step"]>,
    answerWith = (route: string, body: string) => side("POST", route, body),
  ) {
    const results = [];
    for (let step = first; step;) {
      const route = new URL(step.request.url).pathname;
      const a = answerWith(route, String(step.request.body ?? ""));
      const result = step.then({ status: a.status, headers: {}, body: new TextEncoder().encode(a.body), text: () => a.body }, f.ctx);
      for (const [k, v] of Object.entries(result.remember ?? {})) f.store.set(k, v);
      results.push(result);
      step = result.next ?? null;
    }
    return results;
  }

  it("learns the API host, then turns each pending request into friend.requested, deduped by user and time", () => {
    client.reset();
    const f = fake();
    const poll = chat68.link.poll!;
    expect(poll.intervalMs).toBe(60_000);
    const first = poll.step(f.ctx);
    expect(first?.request).toMatchObject({ method: "POST", url: "http://127.0.0.1:5598/getApiUrl" });
    const [learned, listed] = chain(f, first);
    expect(learned).toMatchObject({ events: [], remember: { apiUrl: "https://webbiz.qika.xyz" } });
    expect(listed?.events).toEqual([
      {
        type: "friend.requested",
        data: {
          request: {
            id: "5138518",
            user: { id: "5138518", name: "八方发财4", avatar: "http://r11.aiolet.xyz/common/pic/202509/07/a77c66e78a2c23d817e5ab00ca326baf.jpg" },
            comment: "验证：我是八方发财4",
            source: "IDENTIFY",
          },
        },
        raw: expect.objectContaining({ msg: "验证：我是八方发财4" }),
        dedupe: "friend-request:5138518:1759928661000",
        timestamp: 1759928661000,
      },
    ]);
    // The host is known now: the next poll asks straight away.
    expect(poll.step(f.ctx)?.request).toMatchObject({
      url: "http://127.0.0.1:5598/request",
      body: '{"type":"ContactsApplyList","url":"https://webbiz.qika.xyz/contacts/contactsApplyList"}',
    });
  });

  it("a failing side API is kept as upstream.unknown, once per reason", () => {
    client.reset();
    const f = withHost("https://webbiz.qika.xyz");
    const [result] = chain(f, chat68.link.poll!.step(f.ctx), () => ({ status: 502, body: "bad gateway" }));
    expect(result?.events).toEqual([
      {
        type: "upstream.unknown",
        data: { reason: "friend request poll failed: the client's side API answered /request with HTTP 502" },
        raw: null,
        dedupe: "friend-request-poll:friend request poll failed: the client's side API answered /request with HTTP 502",
      },
    ]);
  });

  it("without upstream.api there is nothing to poll", () => {
    expect(chat68.link.poll!.step(fake({ url: UPSTREAM.url }).ctx)).toBeNull();
  });
});
