/**
 * oicq (seed 000): every packet of the seed, with realistic values in place of its zeros
 * (msgID and eventID are base64 strings laid out the way the daemon packs them), decoded to
 * unified events; every action's HTTP request and the parsing of the daemon's answers.
 */
import { describe, expect, it } from "vitest";
import oicq, { oicq as named } from "../../src/platforms/oicq/index.ts";
import { MESSAGE_MEMORY, OicqConfig, apiBase, endpoint } from "../../src/platforms/oicq/frames.ts";
import type { ActionOutcome, Context, Decoded, HttpAnswer, Plan } from "../../src/platforms/contract.ts";
import { ACTION_PARAMS, isUnifiedAction } from "../../src/events/actions.ts";
import { parseLossless } from "../../src/lib/json.ts";
import { ShelvedMemory } from "../../src/session/memory.ts";
import { ProblemError, type Problem } from "../../src/lib/problem.ts";

const API = "http://127.0.0.1:8888";

// msgID: time, seq, rand (u32 LE each); eventID: QQ number and seq (u64 LE each).
const MSG_A = "APFTZbUPAAAAaaeb";
const MSG_B = "PPFTZVgAAAAVzVsH";
const MSG_C = "GO1TZaAPAACxaN46";
const MSG_D = "ZPFTZbYPAAALNQAA";
const EVT_FRIEND = "vqwfhQAAAAB78VNlAAAAAA==";
const EVT_INVITE = "h6NpJwAAAADI8VNlAAAAAA==";
const EVT_JOIN = "heJZxwAAAAAs8lNlAAAAAA==";

/** A connection's context whose memory (bounded by oicq's shelves, as the session keeps it) takes each decode's `remember`. */
function fake(upstream: unknown = { url: "ws://127.0.0.1:8888/ws" }) {
  const now = 1700000500000;
  const store = new ShelvedMemory(oicq.memory);
  const ctx: Context<OicqConfig> = {
    connection: "qq-1",
    config: OicqConfig.parse(upstream),
    now,
    recall: (key) => store.recall(key, now),
    newKey: () => "unused",
  };
  const decode = (frame: string | Uint8Array): Decoded => {
    const out = oicq.decode(frame, ctx);
    store.apply(out.remember ?? {}, now);
    return out;
  };
  const plan = (action: string, params: unknown): Plan => {
    const a = oicq.actions[action];
    if (!a) throw new Error(`oicq has no ${action}`);
    const schema = a.params ?? (isUnifiedAction(action) ? ACTION_PARAMS[action] : undefined);
    return a.plan(schema ? schema.parse(params) : params, ctx);
  };
  const http = (action: string, params: unknown) => {
    const p = plan(action, params);
    if (p.kind !== "http") throw new Error("expected an HTTP plan");
    if (p.body !== undefined && typeof p.body !== "string") throw new Error("expected a text body");
    // The answer is parsed in this connection's context, as the session does.
    return { ...p, parse: (answer: HttpAnswer) => p.parse(answer, ctx) as ActionOutcome } as Extract<Plan, { kind: "http" }> & {
      body?: string;
      parse(answer: HttpAnswer): ActionOutcome;
    };
  };
  /** The request as method, URL, headers and the body's text. */
  const request = (action: string, params: unknown) => {
    const { method, url, headers, body } = http(action, params);
    return { method, url, ...(headers && { headers }), ...(body !== undefined && { body }) };
  };
  const refused = (action: string, params: unknown): Problem => {
    try {
      plan(action, params);
    } catch (err) {
      if (err instanceof ProblemError) return err.problem;
      throw err;
    }
    throw new Error("expected a ProblemError");
  };
  return { ctx, store, decode, plan, http, request, refused };
}

function answer(status: number, body: string | object): HttpAnswer {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const bytes = new TextEncoder().encode(text);
  return { status, headers: { "content-type": "application/json" }, body: bytes, text: () => text };
}

const JSON_POST = { "content-type": "application/json" };

/** A packet as the daemon sends it. */
const packet = (type: string, data: Record<string, unknown>): string => JSON.stringify({ type, data });

describe("oicq platform", () => {
  it("is exported by name and by default, with its seed, events and actions", () => {
    expect(named).toBe(oicq);
    expect(oicq.name).toBe("oicq");
    expect(oicq.seed).toBe("000");
    expect(oicq.link.readiness).toBe("open");
    expect(oicq.link.hello).toBeUndefined();
    expect(oicq.link.heartbeat).toBeUndefined();
    expect([...oicq.events].sort()).toEqual(
      [
        "friend.added",
        "friend.removed",
        "friend.requested",
        "group.admin.changed",
        "group.invited",
        "group.joined",
        "group.left",
        "group.member.joined",
        "group.member.left",
        "group.member.muted",
        "group.member.requested",
        "message.created",
        "message.deleted",
        "self.offline",
        "self.online",
      ].sort(),
    );
    expect(Object.keys(oicq.actions).sort()).toEqual(
      [
        "friend.list",
        "group.admin.set",
        "group.invite",
        "group.kick",
        "group.leave",
        "group.list",
        "group.member.list",
        "group.mute",
        "group.update",
        "message.create",
        "message.delete",
        "request.approve",
        "request.reject",
        "self.get",
        "upstream.raw",
        "user.get",
      ].sort(),
    );
    for (const absent of ["message.update", "group.get", "group.create"]) expect(oicq.actions[absent]).toBeUndefined();
  });

  it("validates the upstream config", () => {
    expect(oicq.upstream.parse({ url: "ws://127.0.0.1:8888" })).toEqual({ url: "ws://127.0.0.1:8888" });
    expect(oicq.upstream.parse({ url: "wss://qq.example.com/events", api: "https://qq.example.com/api" })).toEqual({
      url: "wss://qq.example.com/events",
      api: "https://qq.example.com/api",
    });
    const badUrl = oicq.upstream.safeParse({ url: "http://127.0.0.1:8888" });
    expect(badUrl.success).toBe(false);
    expect(badUrl.error?.issues[0]?.path).toEqual(["url"]);
    const badApi = oicq.upstream.safeParse({ url: "ws://h:1", api: "ws://h:1" });
    expect(badApi.success).toBe(false);
    expect(badApi.error?.issues[0]?.path).toEqual(["api"]);
    expect(oicq.upstream.safeParse({}).success).toBe(false);
  });

  it("derives the API from the socket's host and port, keeping a configured base's prefix and query", () => {
    expect(apiBase(OicqConfig.parse({ url: "ws://127.0.0.1:8888/any/path?x=1" }))).toBe("http://127.0.0.1:8888");
    expect(apiBase(OicqConfig.parse({ url: "wss://qq.example.com/ws" }))).toBe("https://qq.example.com");
    const proxied = OicqConfig.parse({ url: "wss://qq.example.com/ws", api: "https://qq.example.com/oicq/?key=k" });
    expect(endpoint(proxied, "/user/getFriendList")).toBe("https://qq.example.com/oicq/user/getFriendList?key=k");
    expect(endpoint(proxied, "/group/getMemberList", { group: "5" })).toBe("https://qq.example.com/oicq/group/getMemberList?key=k&group=5");
  });

  it("redacts both URLs to their path, and dials the socket", () => {
    const t = fake({ url: "wss://user:pw@qq.example.com/ws?token=secret", api: "https://qq.example.com/api?token=secret" });
    expect(oicq.redact(t.ctx.config)).toEqual({ url: "wss://qq.example.com/ws", api: "https://qq.example.com/api" });
    expect(oicq.redact(fake().ctx.config)).toEqual({ url: "ws://127.0.0.1:8888/ws", api: API });
    expect(oicq.link.dial(t.ctx)).toEqual({ url: "wss://user:pw@qq.example.com/ws?token=secret" });
  });

  it("probes the friend list every 10 s with a 5 s timeout", () => {
    expect(oicq.link.probe?.intervalMs).toBe(10_000);
    expect(oicq.link.probe?.timeoutMs).toBe(5_000);
    expect(oicq.link.probe?.request(fake().ctx)).toEqual({ method: "GET", url: `${API}/user/getFriendList` });
  });
});

describe("oicq decode: 消息包结构 (msg)", () => {
  const friendText = packet("msg", {
    type: "private",
    time: 1700000000,
    known: true,
    channel: 2233445566,
    channel_name: "小明",
    sender: 2233445566,
    sender_nick: "小明",
    ref_channel: 0,
    ref_channel_name: "",
    msgID: MSG_A,
    msgContent: [{ type: "text", text: "在吗" }],
    msgString: "在吗",
  });

  it("a friend's private message → message.created, time in ms, sender and summary remembered", () => {
    const t = fake();
    expect(t.decode(friendText)).toEqual({
      events: [
        {
          type: "message.created",
          timestamp: 1700000000000,
          data: {
            message: {
              id: MSG_A,
              chat: { type: "private", id: "2233445566", name: "小明" },
              sender: { id: "2233445566", name: "小明" },
              content: [{ type: "text", text: "在吗" }],
              text: "在吗",
            },
          },
          raw: parseLossless(friendText),
        },
      ],
      // A friend needs no group to be reached: any remembered for them is forgotten.
      remember: { [`msg:${MSG_A}`]: { to: "2233445566", summary: "在吗" }, "via:2233445566": null },
    });
  });

  it("a stranger's private message keeps the group they come through as via_group", () => {
    const text = packet("msg", {
      type: "private",
      time: 1700000060,
      known: false,
      channel: 3344556677,
      channel_name: "路人甲",
      sender: 3344556677,
      sender_nick: "路人甲",
      ref_channel: 661234567,
      ref_channel_name: "摄影交流群",
      msgID: MSG_B,
      msgContent: [{ type: "text", text: "你好，加个好友？" }],
      msgString: "你好，加个好友？",
    });
    expect(fake().decode(text).events).toEqual([
      {
        type: "message.created",
        timestamp: 1700000060000,
        data: {
          message: {
            id: MSG_B,
            chat: { type: "private", id: "3344556677", name: "路人甲" },
            sender: { id: "3344556677", name: "路人甲" },
            content: [{ type: "text", text: "你好，加个好友？" }],
            text: "你好，加个好友？",
            via_group: { id: "661234567", name: "摄影交流群" },
          },
        },
        raw: parseLossless(text),
      },
    ]);
    // A stranger whose source group is unknown (ref_channel 0): no via_group.
    const unknownSource = text.replace('"ref_channel":661234567,"ref_channel_name":"摄影交流群"', '"ref_channel":0,"ref_channel_name":""');
    expect((fake().decode(unknownSource).events[0]?.data as any).message.via_group).toBeUndefined();
  });

  it("a private message whose sender is not the peer was sent by this account elsewhere: self", () => {
    const text = packet("msg", {
      type: "private",
      time: 1700000100,
      known: true,
      channel: 2233445566,
      channel_name: "小明",
      sender: 1145141919,
      sender_nick: "机器人",
      ref_channel: 0,
      ref_channel_name: "",
      msgID: MSG_D,
      msgContent: [{ type: "text", text: "在的" }],
      msgString: "在的",
    });
    expect((fake().decode(text).events[0]?.data as any).message).toEqual({
      id: MSG_D,
      chat: { type: "private", id: "2233445566", name: "小明" },
      sender: { id: "1145141919", name: "机器人" },
      content: [{ type: "text", text: "在的" }],
      text: "在的",
      self: true,
    });
  });

  it("a group message with a quote, mentions, an image, a sticker image, an emoji, a forward, xml and json", () => {
    const text = packet("msg", {
      type: "group",
      time: 1700000200,
      known: true,
      channel: 661234567,
      channel_name: "摄影交流群",
      sender: 2233445566,
      sender_nick: "小明",
      ref_channel: 0,
      ref_channel_name: "",
      msgID: MSG_C,
      msgContent: [
        { type: "mention", target: 0, displayText: "@全体成员" },
        { type: "mention", target: 3344556677, displayText: "@路人甲" },
        { type: "text", text: " 看这张" },
        { type: "image", asEmoji: false, url: "https://gchat.qpic.cn/gchatpic_new/0/0-0-ABC/0" },
        { type: "image", asEmoji: true, url: "https://gchat.qpic.cn/gchatpic_new/0/0-0-DEF/0" },
        { type: "emoji", id: 178, replaceText: "/斜眼笑" },
        { type: "forwarded", id: "mP1nAxdr5qjEKyDgGiF+8r4YOeTMYe1y" },
        { type: "xml", data: "<?xml version='1.0'?><msg/>" },
        { type: "json", data: '{"app":"com.tencent.miniapp"}' },
      ],
      msgString: "@全体成员 @路人甲  看这张[图片][动画表情]/斜眼笑[聊天记录][XML卡片消息][JSON卡片消息]",
      reply: { to: 3344556677, time: 1700000060, summary: "你好，加个好友？", id: MSG_B },
    });
    const t = fake();
    expect(t.decode(text)).toEqual({
      events: [
        {
          type: "message.created",
          timestamp: 1700000200000,
          data: {
            message: {
              id: MSG_C,
              chat: { type: "group", id: "661234567", name: "摄影交流群" },
              sender: { id: "2233445566", name: "小明" },
              content: [
                { type: "mention", user_id: "all", name: "全体成员" },
                { type: "mention", user_id: "3344556677", name: "路人甲" },
                { type: "text", text: " 看这张" },
                { type: "image", url: "https://gchat.qpic.cn/gchatpic_new/0/0-0-ABC/0" },
                { type: "image", url: "https://gchat.qpic.cn/gchatpic_new/0/0-0-DEF/0", emoji: true },
                { type: "emoji", id: "178", text: "/斜眼笑" },
                { type: "unknown", raw: { type: "forwarded", id: "mP1nAxdr5qjEKyDgGiF+8r4YOeTMYe1y" } },
                { type: "unknown", raw: { type: "xml", data: "<?xml version='1.0'?><msg/>" } },
                { type: "unknown", raw: { type: "json", data: '{"app":"com.tencent.miniapp"}' } },
              ],
              text: "@全体成员 @路人甲  看这张[图片][动画表情]/斜眼笑[聊天记录][XML卡片消息][JSON卡片消息]",
              reply_to: { id: MSG_B, text: "你好，加个好友？" },
            },
          },
          raw: parseLossless(text),
        },
      ],
      remember: {
        [`msg:${MSG_C}`]: { to: "2233445566", summary: "@全体成员 @路人甲  看这张[图片][动画表情]/斜眼笑[聊天记录][XML卡片消息][JSON卡片消息]" },
      },
    });
  });

  it("without msgString the text is the content's plain text", () => {
    const text = packet("msg", {
      type: "group",
      time: 1700000200,
      known: true,
      channel: 661234567,
      channel_name: "",
      sender: 2233445566,
      sender_nick: "",
      ref_channel: 0,
      ref_channel_name: "",
      msgID: MSG_C,
      msgContent: [
        { type: "mention", target: 3344556677, displayText: "@路人甲" },
        { type: "text", text: " 早" },
        { type: "emoji", id: 14, replaceText: "/微笑" },
      ],
    });
    const out = fake().decode(text);
    expect((out.events[0]?.data as any).message).toEqual({
      id: MSG_C,
      chat: { type: "group", id: "661234567" },
      sender: { id: "2233445566" },
      content: [
        { type: "mention", user_id: "3344556677", name: "路人甲" },
        { type: "text", text: " 早" },
        { type: "emoji", id: "14", text: "/微笑" },
      ],
      text: "@路人甲 早/微笑",
    });
    expect(out.remember?.[`msg:${MSG_C}`]).toEqual({ to: "2233445566", summary: "@路人甲 早/微笑" });
  });

  it("a group message with known false comes from an anonymous sender", () => {
    const text = packet("msg", {
      type: "group",
      time: 1700000300,
      known: false,
      channel: 661234567,
      channel_name: "摄影交流群",
      sender: 80000000,
      sender_nick: "匿名 · 狡猾的狐狸",
      ref_channel: 0,
      ref_channel_name: "",
      msgID: MSG_D,
      msgContent: [{ type: "text", text: "猜猜我是谁" }],
      msgString: "猜猜我是谁",
    });
    expect((fake().decode(text).events[0]?.data as any).message.sender).toEqual({ id: "80000000", name: "匿名 · 狡猾的狐狸", anonymous: true });
  });

  it("a 64-bit bare number id survives with all its digits", () => {
    const text = `{"type":"msg","data":{"type":"group","time":1700000200,"known":true,"channel":18446744073709551557,"channel_name":"g","sender":9007199254740993,"sender_nick":"n","ref_channel":0,"ref_channel_name":"","msgID":"${MSG_C}","msgContent":[{"type":"mention","target":9007199254740995,"displayText":"@x"}],"msgString":"@x"}}`;
    const out = fake().decode(text);
    const message = (out.events[0]?.data as any).message;
    expect(message.chat.id).toBe("18446744073709551557");
    expect(message.sender.id).toBe("9007199254740993");
    expect(message.content).toEqual([{ type: "mention", user_id: "9007199254740995", name: "x" }]);
    expect((out.events[0]?.raw as any).data.channel).toBe("18446744073709551557");
    expect(out.remember?.[`msg:${MSG_C}`]).toEqual({ to: "9007199254740993", summary: "@x" });
  });

  it("remembers only the last MESSAGE_MEMORY messages (the msg shelf), forgetting the oldest", () => {
    const t = fake();
    const msg = (n: number) =>
      packet("msg", {
        type: "group",
        time: 1700000000 + n,
        known: true,
        channel: 661234567,
        sender: 2233445566,
        msgID: `m${n}`,
        msgContent: [{ type: "text", text: `#${n}` }],
        msgString: `#${n}`,
      });
    for (let n = 0; n < MESSAGE_MEMORY; n++) t.decode(msg(n));
    expect(t.ctx.recall("msg:m0")).toEqual({ to: "2233445566", summary: "#0" });
    const out = t.decode(msg(MESSAGE_MEMORY));
    expect(out.remember).toEqual({ [`msg:m${MESSAGE_MEMORY}`]: { to: "2233445566", summary: `#${MESSAGE_MEMORY}` } });
    expect(t.ctx.recall("msg:m0")).toBeUndefined();
    expect(t.ctx.recall("msg:m1")).toEqual({ to: "2233445566", summary: "#1" });
    expect(t.store.size).toBe(MESSAGE_MEMORY);
  });
});

describe("oicq decode: 撤回消息包结构 (revoke)", () => {
  const revoke = (type: string, channel: number, known: boolean, revoker = 2233445566) =>
    packet("revoke", { type, time: 1700000400, revoker, channel, known, msgID: MSG_A });

  it("a friend's private recall (channel 0): the chat is the revoker", () => {
    const text = revoke("private", 0, true);
    expect(fake().decode(text)).toEqual({
      events: [
        {
          type: "message.deleted",
          timestamp: 1700000400000,
          data: { message: { id: MSG_A, chat: { type: "private", id: "2233445566" } }, operator: { id: "2233445566" } },
          raw: parseLossless(text),
        },
      ],
    });
  });

  it("a stranger's private recall keeps the source group; -1 (unknown group) keeps none", () => {
    expect(fake().decode(revoke("private", 661234567, false, 3344556677)).events[0]?.data).toEqual({
      message: { id: MSG_A, chat: { type: "private", id: "3344556677" }, via_group: { id: "661234567" } },
      operator: { id: "3344556677" },
    });
    expect(fake().decode(revoke("private", -1, false, 3344556677)).events[0]?.data).toEqual({
      message: { id: MSG_A, chat: { type: "private", id: "3344556677" } },
      operator: { id: "3344556677" },
    });
  });

  it("a group recall: the chat is the group, the operator the revoker", () => {
    const text = revoke("group", 661234567, true, 1234567);
    expect(fake().decode(text)).toEqual({
      events: [
        {
          type: "message.deleted",
          timestamp: 1700000400000,
          data: { message: { id: MSG_A, chat: { type: "group", id: "661234567" } }, operator: { id: "1234567" } },
          raw: parseLossless(text),
        },
      ],
    });
  });

  it("a group recall pushed without its envelope is still a recall", () => {
    const text = JSON.stringify({ type: "group", time: 1700000400, channel: 661234567, revoker: 1234567, known: true, msgID: MSG_A });
    expect(fake().decode(text).events).toEqual([
      {
        type: "message.deleted",
        timestamp: 1700000400000,
        data: { message: { id: MSG_A, chat: { type: "group", id: "661234567" } }, operator: { id: "1234567" } },
        raw: parseLossless(text),
      },
    ]);
  });
});

describe("oicq decode: 用户事件包结构 (user)", () => {
  it("上线、下线 → self.online / self.offline", () => {
    for (const [kind, type] of [
      ["online", "self.online"],
      ["offline", "self.offline"],
    ] as const) {
      const text = packet("user", { type: kind });
      expect(fake().decode(text)).toEqual({ events: [{ type, data: {}, raw: parseLossless(text) }] });
    }
  });

  it("新好友请求 → friend.requested, the request's context remembered under its eventID", () => {
    const text = packet("user", { type: "newFriendRequest", who: 2233445566, nick: "小明", source: "QQ号查找", comment: "我是小明", eventID: EVT_FRIEND });
    const t = fake();
    expect(t.decode(text)).toEqual({
      events: [
        {
          type: "friend.requested",
          data: { request: { id: EVT_FRIEND, user: { id: "2233445566", name: "小明" }, comment: "我是小明", source: "QQ号查找" } },
          raw: parseLossless(text),
        },
      ],
      remember: { [`request:${EVT_FRIEND}`]: { kind: "friend", who: "2233445566", eventID: EVT_FRIEND } },
    });
    expect(t.ctx.recall(`request:${EVT_FRIEND}`)).toEqual({ kind: "friend", who: "2233445566", eventID: EVT_FRIEND });
  });

  it("a friend request through a group (a number source), and one without an eventID", () => {
    const viaGroup = packet("user", { type: "newFriendRequest", who: 2233445566, nick: "小明", source: 661234567, comment: "", eventID: EVT_FRIEND });
    expect(fake().decode(viaGroup).events[0]?.data).toEqual({ request: { id: EVT_FRIEND, user: { id: "2233445566", name: "小明" }, source: "661234567" } });
    const unknownSource = packet("user", { type: "newFriendRequest", who: 2233445566, nick: "", source: 0, comment: "hi", eventID: EVT_FRIEND });
    expect(fake().decode(unknownSource).events[0]?.data).toEqual({ request: { id: EVT_FRIEND, user: { id: "2233445566" }, comment: "hi" } });
    const noEvent = packet("user", { type: "newFriendRequest", who: 2233445566, nick: "小明", source: "", comment: "" });
    expect(fake().decode(noEvent)).toEqual({
      events: [
        { type: "friend.requested", data: { request: { id: "friend:2233445566", user: { id: "2233445566", name: "小明" } } }, raw: parseLossless(noEvent) },
      ],
      remember: { "request:friend:2233445566": { kind: "friend", who: "2233445566" } },
    });
  });

  it("入群邀请 → group.invited", () => {
    const text = packet("user", { type: "groupInvite", group: 661234567, groupName: "摄影交流群", inviter: 2233445566, eventID: EVT_INVITE });
    expect(fake().decode(text)).toEqual({
      events: [
        {
          type: "group.invited",
          data: { request: { id: EVT_INVITE, group: { id: "661234567", name: "摄影交流群" }, inviter: { id: "2233445566" } } },
          raw: parseLossless(text),
        },
      ],
      remember: { [`request:${EVT_INVITE}`]: { kind: "invite", who: "2233445566", group: "661234567", eventID: EVT_INVITE } },
    });
    const noEvent = packet("user", { type: "groupInvite", group: 661234567, groupName: "", inviter: 2233445566, eventID: "" });
    expect(fake().decode(noEvent).remember).toEqual({ "request:invite:661234567:2233445566": { kind: "invite", who: "2233445566", group: "661234567" } });
  });

  it("好友变动 → friend.added / friend.removed", () => {
    const added = packet("user", { type: "friendAdded", who: 2233445566, nick: "小明" });
    expect(fake().decode(added)).toEqual({ events: [{ type: "friend.added", data: { user: { id: "2233445566", name: "小明" } }, raw: parseLossless(added) }] });
    const removed = packet("user", { type: "friendRemoved", who: 2233445566, nick: "小明" });
    expect(fake().decode(removed)).toEqual({
      events: [{ type: "friend.removed", data: { user: { id: "2233445566", name: "小明" } }, raw: parseLossless(removed) }],
    });
  });

  it("群变动 → group.joined / group.left (operator 0: left by itself, else kicked by the operator)", () => {
    const joined = packet("user", { type: "groupJoined", name: "摄影交流群", which: 661234567 });
    expect(fake().decode(joined)).toEqual({
      events: [{ type: "group.joined", data: { group: { id: "661234567", name: "摄影交流群" } }, raw: parseLossless(joined) }],
    });
    const left = packet("user", { type: "groupLeft", which: 661234567, name: "摄影交流群", operator: 0 });
    expect(fake().decode(left)).toEqual({
      events: [{ type: "group.left", data: { group: { id: "661234567", name: "摄影交流群" } }, raw: parseLossless(left) }],
    });
    const kicked = packet("user", { type: "groupLeft", which: 661234567, name: "摄影交流群", operator: 1234567 });
    expect(fake().decode(kicked).events[0]?.data).toEqual({ group: { id: "661234567", name: "摄影交流群" }, operator: { id: "1234567" } });
  });
});

describe("oicq decode: 群事件包结构 (group)", () => {
  it("申请入群 → group.member.requested; the seed's own example is not JSON", () => {
    const seed = `{
    "type": "group",
    "data": {
        "type": "joinRequest",
        "who": 0,
        "group": 0,
        "comment": "",
        "inviter": 0,
        "eventID", ""
    }
}`;
    expect(fake().decode(seed)).toEqual({ events: [{ type: "upstream.unknown", data: { reason: "not JSON" }, raw: { text: seed } }] });

    const text = packet("group", {
      type: "joinRequest",
      who: 3344556677,
      nick: "路人甲",
      group: 661234567,
      comment: "喜欢摄影",
      inviter: 2233445566,
      eventID: EVT_JOIN,
    });
    expect(fake().decode(text)).toEqual({
      events: [
        {
          type: "group.member.requested",
          data: {
            request: {
              id: EVT_JOIN,
              group: { id: "661234567" },
              user: { id: "3344556677", name: "路人甲" },
              comment: "喜欢摄影",
              inviter: { id: "2233445566" },
            },
          },
          raw: parseLossless(text),
        },
      ],
      remember: { [`request:${EVT_JOIN}`]: { kind: "join", who: "3344556677", group: "661234567", eventID: EVT_JOIN } },
    });
    const plain = packet("group", { type: "joinRequest", who: 3344556677, group: 661234567, comment: "", inviter: 0, eventID: "" });
    expect(fake().decode(plain)).toEqual({
      events: [
        {
          type: "group.member.requested",
          data: { request: { id: "join:661234567:3344556677", group: { id: "661234567" }, user: { id: "3344556677" } } },
          raw: parseLossless(plain),
        },
      ],
      remember: { "request:join:661234567:3344556677": { kind: "join", who: "3344556677", group: "661234567" } },
    });
  });

  it("群禁言 → group.member.muted (who 0: the whole group; duration 0: lifted)", () => {
    const member = packet("group", { type: "mute", who: 3344556677, group: 661234567, operator: 1234567, duration: 600 });
    expect(fake().decode(member)).toEqual({
      events: [
        {
          type: "group.member.muted",
          data: { group: { id: "661234567" }, user: { id: "3344556677" }, operator: { id: "1234567" }, duration_s: 600 },
          raw: parseLossless(member),
        },
      ],
    });
    const whole = packet("group", { type: "mute", who: 0, group: 661234567, operator: 1234567, duration: 4294967295 });
    expect(fake().decode(whole).events[0]?.data).toEqual({ group: { id: "661234567" }, operator: { id: "1234567" }, duration_s: 4294967295 });
    const lifted = packet("group", { type: "mute", who: 3344556677, group: 661234567, operator: 1234567, duration: 0 });
    expect(fake().decode(lifted).events[0]?.data).toEqual({
      group: { id: "661234567" },
      user: { id: "3344556677" },
      operator: { id: "1234567" },
      duration_s: 0,
    });
  });

  it("群管理变更 → group.admin.changed", () => {
    const text = packet("group", { type: "admin", who: 3344556677, group: 661234567, status: true });
    expect(fake().decode(text)).toEqual({
      events: [{ type: "group.admin.changed", data: { group: { id: "661234567" }, user: { id: "3344556677" }, admin: true }, raw: parseLossless(text) }],
    });
    const revoked = packet("group", { type: "admin", who: 3344556677, group: 661234567, status: false });
    expect(fake().decode(revoked).events[0]?.data).toEqual({ group: { id: "661234567" }, user: { id: "3344556677" }, admin: false });
  });

  it("群员变动 → group.member.joined / group.member.left (operator 0: left by themselves)", () => {
    const joined = packet("group", { type: "memberJoined", who: 3344556677, nick: "路人甲", group: 661234567, group_name: "摄影交流群" });
    expect(fake().decode(joined)).toEqual({
      events: [
        {
          type: "group.member.joined",
          data: { group: { id: "661234567", name: "摄影交流群" }, user: { id: "3344556677", name: "路人甲" } },
          raw: parseLossless(joined),
        },
      ],
    });
    // 群员减少时无 nick.
    const left = packet("group", { type: "memberLeft", who: 3344556677, group: 661234567, group_name: "摄影交流群", operator: 0 });
    expect(fake().decode(left)).toEqual({
      events: [{ type: "group.member.left", data: { group: { id: "661234567", name: "摄影交流群" }, user: { id: "3344556677" } }, raw: parseLossless(left) }],
    });
    const kicked = packet("group", { type: "memberLeft", who: 3344556677, group: 661234567, group_name: "摄影交流群", operator: 1234567 });
    expect(fake().decode(kicked).events[0]?.data).toEqual({
      group: { id: "661234567", name: "摄影交流群" },
      user: { id: "3344556677" },
      operator: { id: "1234567" },
    });
  });
});

describe("oicq decode: what it does not map", () => {
  const unknown = (reason: string, raw: unknown, timestamp?: number) => ({
    events: [{ type: "upstream.unknown", data: { reason }, raw, ...(timestamp !== undefined && { timestamp }) }],
  });

  it("unknown packet and event types", () => {
    expect(fake().decode(`{"type":"sys","data":{"type":"x"}}`)).toEqual(unknown('unknown packet type "sys"', { type: "sys", data: { type: "x" } }));
    expect(fake().decode(`{"type":"user","data":{"type":"groupTransfer"}}`)).toEqual(
      unknown('unknown user event "groupTransfer"', { type: "user", data: { type: "groupTransfer" } }),
    );
    expect(fake().decode(`{"type":"group","data":{"type":"transfer"}}`)).toEqual(
      unknown('unknown group event "transfer"', { type: "group", data: { type: "transfer" } }),
    );
    expect(fake().decode(`{"type":"msg"}`)).toEqual(unknown('packet without a data object (type "msg")', { type: "msg" }));
  });

  it("the seed's placeholder zeros: a message or recall without its ids", () => {
    const msg = `{"type":"msg","data":{"type":"private","time":0,"known":false,"channel":0,"sender":0,"msgID":0,"msgContent":[]}}`;
    expect(fake().decode(msg)).toEqual(unknown("message without a type (private|group), msgID, channel or sender", parseLossless(msg)));
    const rv = `{"type":"revoke","data":{"type":"private","time":1700000400,"revoker":0,"channel":0,"known":true,"msgID":0}}`;
    expect(fake().decode(rv)).toEqual(unknown("recall without a type (private|group), msgID or revoker", parseLossless(rv), 1700000400000));
  });

  it("text that is not JSON, JSON that is not an object, and binary frames", () => {
    expect(fake().decode("hello {")).toEqual(unknown("not JSON", { text: "hello {" }));
    expect(fake().decode("[1,2]")).toEqual(unknown("JSON frame is not an object", [1, 2]));
    expect(fake().decode("null")).toEqual(unknown("JSON frame is not an object", null));
    expect(fake().decode(new Uint8Array([0, 1, 255]))).toEqual(unknown("binary frame", { base64: "AAH/" }));
  });

  it("never throws, whatever the packet", () => {
    const frames = [
      "",
      "{}",
      `{"type":null,"data":null}`,
      `{"type":"msg","data":{"type":"group","channel":1,"sender":2,"msgID":"x","msgContent":"nope","reply":7}}`,
      `{"type":"msg","data":{"type":"group","channel":1,"sender":2,"msgID":"x","msgContent":[null,1,{"type":"image"},{"type":"mention","target":{}},{"type":"emoji"}]}}`,
      `{"type":"revoke","data":{"type":"group","revoker":1,"msgID":"x","channel":"abc"}}`,
      `{"type":"user","data":{"type":"newFriendRequest","who":{}}}`,
      `{"type":"user","data":{"type":"groupInvite","group":1}}`,
      `{"type":"user","data":{"type":"groupLeft"}}`,
      `{"type":"group","data":{"type":"mute","group":1,"duration":"long"}}`,
      `{"type":"group","data":{"type":"admin","who":1,"group":2}}`,
      `{"type":"group","data":{"type":"memberLeft","who":-5,"group":2}}`,
    ];
    for (const frame of frames) {
      const out = fake().decode(frame);
      expect(out.events).toHaveLength(1);
    }
    const odd = fake().decode(frames[4] ?? "");
    expect((odd.events[0]?.data as any).message.content).toEqual([
      { type: "unknown", raw: null },
      { type: "unknown", raw: 1 },
      { type: "unknown", raw: { type: "image" } },
      { type: "unknown", raw: { type: "mention", target: {} } },
      { type: "unknown", raw: { type: "emoji" } },
    ]);
  });
});

describe("oicq encode: message.create", () => {
  it("a private message: POST /sendMsg/private with the QQ number bare", () => {
    expect(fake().request("message.create", { chat: { type: "private", id: "2233445566" }, content: "你好" })).toEqual({
      method: "POST",
      url: `${API}/sendMsg/private`,
      headers: JSON_POST,
      body: `{"dest":2233445566,"msgContent":[{"type":"text","text":"你好"}]}`,
    });
  });

  it("a group message: POST /sendMsg/group; 64-bit-ish ids keep their digits", () => {
    expect(fake().request("message.create", { chat: { type: "group", id: "18446744073709551557" }, content: "hi" })).toEqual({
      method: "POST",
      url: `${API}/sendMsg/group`,
      headers: JSON_POST,
      body: `{"dest":18446744073709551557,"msgContent":[{"type":"text","text":"hi"}]}`,
    });
  });

  it("a reply to a stranger needs nothing but the event: the group is remembered, an explicit via_group overrides", () => {
    const t = fake();
    const fromStranger = (known: boolean, ref: number) =>
      packet("msg", {
        type: "private",
        time: 1700000060,
        known,
        channel: 3344556677,
        sender: 3344556677,
        ref_channel: ref,
        ref_channel_name: "",
        msgID: MSG_B,
        msgContent: [{ type: "text", text: "hi" }],
        msgString: "hi",
      });
    const reply = (extra: Record<string, unknown> = {}) =>
      t.request("message.create", { chat: { type: "private", id: "3344556677" }, content: "你好", ...extra }).body;
    expect(reply()).toBe(`{"dest":3344556677,"msgContent":[{"type":"text","text":"你好"}]}`);
    t.decode(fromStranger(false, 661234567));
    expect(reply()).toBe(`{"dest":3344556677,"from":661234567,"msgContent":[{"type":"text","text":"你好"}]}`);
    expect(reply({ via_group: "5566778899" })).toBe(`{"dest":3344556677,"from":5566778899,"msgContent":[{"type":"text","text":"你好"}]}`);
    // Another chat is not affected; once they write as a friend, no group is needed.
    expect(t.request("message.create", { chat: { type: "private", id: "2233445566" }, content: "x" }).body).not.toContain("from");
    t.decode(fromStranger(true, 0));
    expect(reply()).toBe(`{"dest":3344556677,"msgContent":[{"type":"text","text":"你好"}]}`);
  });

  it("a stranger reached through a group: via_group → from", () => {
    expect(fake().request("message.create", { chat: { type: "private", id: "3344556677" }, via_group: "661234567", content: "你好" }).body).toBe(
      `{"dest":3344556677,"from":661234567,"msgContent":[{"type":"text","text":"你好"}]}`,
    );
    const t = fake();
    expect(t.refused("message.create", { chat: { type: "group", id: "661234567" }, via_group: "1", content: "x" }).errors).toEqual([
      { path: "via_group", message: "only a private message goes through a group" },
    ]);
    expect(t.refused("message.create", { chat: { type: "private", id: "abc" }, content: "x" }).errors).toEqual([
      { path: "chat.id", message: "must be a QQ number" },
    ]);
  });

  it("elements: text, mentions (all → 0), images by URL or base64 data: URL, emoji, the daemon's own forwarded/xml/json", () => {
    const content = [
      { type: "mention", user_id: "all" },
      { type: "mention", user_id: "3344556677", name: "路人甲" },
      { type: "text", text: " 看" },
      { type: "image", url: "https://example.com/a.png", width: 10 },
      { type: "image", url: "data:image/png;base64,iVBORw0KGgo=" },
      { type: "emoji", id: "178", text: "/斜眼笑" },
      { type: "unknown", raw: { type: "forwarded", id: "mP1nAxdr5qjEKyDgGiF+8r4YOeTMYe1y" } },
      { type: "unknown", raw: { type: "xml", data: "<msg/>" } },
      { type: "unknown", raw: { type: "json", data: "{}" } },
    ];
    const { body } = fake().request("message.create", { chat: { type: "group", id: "661234567" }, content });
    expect(body).toBe(
      JSON.stringify({
        dest: 661234567,
        msgContent: [
          { type: "mention", target: 0 },
          { type: "mention", target: 3344556677 },
          { type: "text", text: " 看" },
          { type: "image", url: "https://example.com/a.png" },
          { type: "image", base64: "iVBORw0KGgo=" },
          { type: "emoji", id: 178 },
          { type: "forwarded", id: "mP1nAxdr5qjEKyDgGiF+8r4YOeTMYe1y" },
          { type: "xml", data: "<msg/>" },
          { type: "json", data: "{}" },
        ],
      }),
    );
  });

  it("what the daemon sends decodes back to the same elements", () => {
    const t = fake();
    const content = [
      { type: "mention", user_id: "3344556677" },
      { type: "text", text: "看" },
      { type: "image", url: "https://example.com/a.png" },
      { type: "emoji", id: "14" },
      { type: "unknown", raw: { type: "xml", data: "<msg/>" } },
    ];
    const sent = JSON.parse(t.request("message.create", { chat: { type: "group", id: "661234567" }, content }).body ?? "");
    const echoed = packet("msg", {
      type: "group",
      time: 1700000200,
      known: true,
      channel: 661234567,
      sender: 2233445566,
      msgID: MSG_C,
      msgContent: sent.msgContent,
    });
    expect((t.decode(echoed).events[0]?.data as any).message.content).toEqual(content);
  });

  it("refuses what the daemon cannot send, naming each path", () => {
    const t = fake();
    const p = t.refused("message.create", {
      chat: { type: "group", id: "661234567" },
      content: [
        { type: "text", text: "x" },
        { type: "file", url: "https://f" },
        { type: "mention", user_id: "bob" },
        { type: "emoji", id: "smile" },
        { type: "image", url: "data:text/plain,hi" },
        { type: "unknown", raw: { type: "poke" } },
        { type: "markdown", text: "**y**" },
      ],
    });
    expect(p.code).toBe("invalid_request");
    expect(p.errors).toEqual([
      { path: "content.1.type", message: "oicq cannot send file" },
      { path: "content.2.user_id", message: 'must be a QQ number or "all"' },
      { path: "content.3.id", message: "must be a QQ face number" },
      { path: "content.4.url", message: "a data: URL must be base64" },
      { path: "content.5.raw", message: "oicq can send an unknown element only when it is a forwarded, xml or json element of its own" },
      { path: "content.6.type", message: "oicq cannot send markdown" },
    ]);
    for (const el of [
      { type: "audio", url: "a" },
      { type: "video", url: "v" },
      { type: "html", text: "<b>" },
    ]) {
      expect(t.refused("message.create", { chat: { type: "group", id: "1" }, content: [el] }).errors).toEqual([
        { path: "content.0.type", message: `oicq cannot send ${el.type}` },
      ]);
    }
  });

  it("reply_to quotes a remembered message with its sender and summary", () => {
    const t = fake();
    t.decode(
      packet("msg", {
        type: "group",
        time: 1700000200,
        known: true,
        channel: 661234567,
        channel_name: "摄影交流群",
        sender: 2233445566,
        sender_nick: "小明",
        msgID: MSG_C,
        msgContent: [{ type: "text", text: "今晚拍星空" }],
        msgString: "今晚拍星空",
      }),
    );
    expect(t.request("message.create", { chat: { type: "group", id: "661234567" }, content: "好", reply_to: MSG_C }).body).toBe(
      `{"dest":661234567,"msgContent":[{"type":"text","text":"好"}],"reply":{"to":2233445566,"summary":"今晚拍星空","id":"${MSG_C}"}}`,
    );
  });

  it("reply_to an unknown message: the peer in a private chat, refused in a group", () => {
    const t = fake();
    expect(t.request("message.create", { chat: { type: "private", id: "2233445566" }, content: "好", reply_to: MSG_A }).body).toBe(
      `{"dest":2233445566,"msgContent":[{"type":"text","text":"好"}],"reply":{"to":2233445566,"summary":"","id":"${MSG_A}"}}`,
    );
    expect(t.refused("message.create", { chat: { type: "group", id: "661234567" }, content: "好", reply_to: MSG_A })).toEqual({
      code: "invalid_request",
      detail: "reply_to: no recent message with this id on this connection; quoting in a group needs its sender",
      errors: [{ path: "reply_to", message: "no recent message with this id on this connection; quoting in a group needs its sender" }],
    });
  });

  it("parses the answer: msgID, -1, -2, HTTP 500, garbage, a missing msgID", () => {
    const { parse } = fake().http("message.create", { chat: { type: "group", id: "661234567" }, content: "hi" });
    expect(parse(answer(200, { status: { code: 0 }, msgID: MSG_D }))).toEqual({ result: { message_id: MSG_D } });
    expect(parse(answer(200, { status: { code: -1 } }))).toEqual({
      problem: {
        code: "upstream_rejected",
        detail: "oicq refused to send the message (-1: the daemon could not convert the message content)",
        upstream: { code: -1, text: "the daemon could not convert the message content" },
      },
    });
    expect(parse(answer(200, { status: { code: -2 } }))).toEqual({
      problem: {
        code: "upstream_rejected",
        detail: "oicq refused to send the message (-2: QQ did not accept the message)",
        upstream: { code: -2, text: "QQ did not accept the message" },
      },
    });
    expect(parse(answer(500, "Internal Server Error"))).toEqual({
      problem: { code: "upstream_error", detail: "oicq answered HTTP 500 to send the message", upstream: { code: 500, text: "Internal Server Error" } },
    });
    const garbage = "<html>" + "x".repeat(600);
    expect(parse(answer(200, garbage))).toEqual({
      problem: {
        code: "upstream_error",
        detail: "oicq answered send the message with something other than its JSON status",
        upstream: { code: 200, text: garbage.slice(0, 500) },
      },
    });
    expect(parse(answer(200, { status: { code: 0 } }))).toEqual({
      problem: { code: "upstream_error", detail: "oicq's answer to send the message has no msgID", upstream: { code: 200, text: `{"status":{"code":0}}` } },
    });
  });
});

describe("oicq encode: the other actions", () => {
  it("message.delete: POST /revoke/private or /revoke/group with channel and msgID", () => {
    const t = fake();
    expect(t.request("message.delete", { chat: { type: "private", id: "2233445566" }, message_id: MSG_A })).toEqual({
      method: "POST",
      url: `${API}/revoke/private`,
      headers: JSON_POST,
      body: `{"channel":2233445566,"msgID":"${MSG_A}"}`,
    });
    expect(t.request("message.delete", { chat: { type: "group", id: "661234567" }, message_id: MSG_C })).toEqual({
      method: "POST",
      url: `${API}/revoke/group`,
      headers: JSON_POST,
      body: `{"channel":661234567,"msgID":"${MSG_C}"}`,
    });
    const { parse } = t.http("message.delete", { chat: { type: "group", id: "661234567" }, message_id: MSG_C });
    expect(parse(answer(200, { status: { code: 0 } }))).toEqual({ result: {} });
    expect(parse(answer(200, { status: { code: -2 } }))).toEqual({
      problem: {
        code: "upstream_rejected",
        detail: "oicq refused to recall the message (-2: QQ refused the operation)",
        upstream: { code: -2, text: "QQ refused the operation" },
      },
    });
    expect(parse(answer(200, { status: { code: -1 } }))).toEqual({
      problem: {
        code: "upstream_rejected",
        detail: "oicq refused to recall the message (-1: the daemon could not carry out the request)",
        upstream: { code: -1, text: "the daemon could not carry out the request" },
      },
    });
  });

  it("request.approve / request.reject: the request_id round trip through the remembered context", () => {
    const t = fake();
    t.decode(packet("user", { type: "newFriendRequest", who: 2233445566, nick: "小明", source: "", comment: "", eventID: EVT_FRIEND }));
    t.decode(packet("user", { type: "groupInvite", group: 661234567, groupName: "摄影交流群", inviter: 2233445566, eventID: EVT_INVITE }));
    t.decode(packet("group", { type: "joinRequest", who: 3344556677, group: 661234567, comment: "", inviter: 0, eventID: EVT_JOIN }));

    expect(t.request("request.approve", { request_id: EVT_FRIEND })).toEqual({
      method: "POST",
      url: `${API}/user/acceptFriend`,
      headers: JSON_POST,
      body: `{"who":2233445566,"eventID":"${EVT_FRIEND}","accept":true}`,
    });
    expect(t.request("request.reject", { request_id: EVT_INVITE })).toEqual({
      method: "POST",
      url: `${API}/user/acceptGroupInvite`,
      headers: JSON_POST,
      body: `{"who":2233445566,"group":661234567,"eventID":"${EVT_INVITE}","accept":false}`,
    });
    expect(t.request("request.approve", { request_id: EVT_JOIN })).toEqual({
      method: "POST",
      url: `${API}/group/acceptJoin`,
      headers: JSON_POST,
      body: `{"group":661234567,"requester":3344556677,"eventID":"${EVT_JOIN}","accept":true}`,
    });
    const { parse } = t.http("request.approve", { request_id: EVT_FRIEND });
    expect(parse(answer(200, { status: { code: 0 } }))).toEqual({ result: {} });
    expect(parse(answer(200, { status: { code: -2 } }))).toMatchObject({ problem: { code: "upstream_rejected", upstream: { code: -2 } } });
  });

  it("requests without an eventID go out without one", () => {
    const t = fake();
    t.decode(packet("user", { type: "newFriendRequest", who: 2233445566, nick: "", source: "", comment: "" }));
    t.decode(packet("group", { type: "joinRequest", who: 3344556677, group: 661234567, comment: "", inviter: 0 }));
    expect(t.request("request.approve", { request_id: "friend:2233445566" }).body).toBe(`{"who":2233445566,"accept":true}`);
    expect(t.request("request.reject", { request_id: "join:661234567:3344556677" }).body).toBe(`{"group":661234567,"requester":3344556677,"accept":false}`);
  });

  it("an unknown request_id, or a comment, is an invalid request", () => {
    const t = fake();
    expect(t.refused("request.approve", { request_id: "nope" })).toEqual({
      code: "invalid_request",
      detail: "request_id: no pending request with this id on this connection",
      errors: [{ path: "request_id", message: "no pending request with this id on this connection" }],
    });
    t.decode(packet("user", { type: "newFriendRequest", who: 2233445566, nick: "", source: "", comment: "", eventID: EVT_FRIEND }));
    expect(t.refused("request.reject", { request_id: EVT_FRIEND, comment: "no" }).errors).toEqual([
      { path: "comment", message: "oicq cannot send a comment with its answer to a request" },
    ]);
  });

  it("group.mute: a member, the whole group (target 0), 0 lifts", () => {
    const t = fake();
    expect(t.request("group.mute", { group_id: "661234567", user_id: "3344556677", duration_s: 600 })).toEqual({
      method: "POST",
      url: `${API}/group/mute`,
      headers: JSON_POST,
      body: `{"group":661234567,"target":3344556677,"duration":600}`,
    });
    expect(t.request("group.mute", { group_id: "661234567", duration_s: 3600 }).body).toBe(`{"group":661234567,"target":0,"duration":3600}`);
    expect(t.request("group.mute", { group_id: "661234567", duration_s: 0 }).body).toBe(`{"group":661234567,"target":0,"duration":0}`);
    expect(t.refused("group.mute", { group_id: "g1", duration_s: 1 }).errors).toEqual([{ path: "group_id", message: "must be a group number" }]);
  });

  it("group.kick, group.admin.set, group.invite, group.leave", () => {
    const t = fake();
    expect(t.request("group.kick", { group_id: "661234567", user_id: "3344556677" })).toEqual({
      method: "POST",
      url: `${API}/group/kick`,
      headers: JSON_POST,
      body: `{"group":661234567,"who":3344556677}`,
    });
    expect(t.request("group.admin.set", { group_id: "661234567", user_id: "3344556677", admin: false })).toEqual({
      method: "POST",
      url: `${API}/group/setAdmin`,
      headers: JSON_POST,
      body: `{"group":661234567,"who":3344556677,"set":false}`,
    });
    expect(t.request("group.invite", { group_id: "661234567", user_id: "2233445566" })).toEqual({
      method: "POST",
      url: `${API}/group/invite`,
      headers: JSON_POST,
      body: `{"group":661234567,"who":2233445566}`,
    });
    expect(t.request("group.leave", { group_id: "661234567" })).toEqual({
      method: "POST",
      url: `${API}/user/leaveGroup`,
      headers: JSON_POST,
      body: `{"group":661234567}`,
    });
    const { parse } = t.http("group.leave", { group_id: "661234567" });
    expect(parse(answer(200, { status: { code: 0 } }))).toEqual({ result: {} });
    expect(parse(answer(200, { status: { code: -2 } }))).toEqual({
      problem: {
        code: "upstream_rejected",
        detail: "oicq refused to leave the group (-2: QQ refused the operation)",
        upstream: { code: -2, text: "QQ refused the operation" },
      },
    });
    expect(parse(answer(400, "Bad Request"))).toEqual({
      problem: { code: "upstream_error", detail: "oicq answered HTTP 400 to leave the group", upstream: { code: 400, text: "Bad Request" } },
    });
    expect(t.refused("group.kick", { group_id: "661234567", user_id: "x" }).errors).toEqual([{ path: "user_id", message: "must be a QQ number" }]);
  });

  it("group.update renames; a notice, or nothing to change, is refused", () => {
    const t = fake();
    expect(t.request("group.update", { group_id: "661234567", name: "星空摄影群" })).toEqual({
      method: "POST",
      url: `${API}/group/setGroupName`,
      headers: JSON_POST,
      body: `{"group":661234567,"name":"星空摄影群"}`,
    });
    expect(t.refused("group.update", { group_id: "661234567", name: "x", notice: "公告" })).toEqual({
      code: "invalid_request",
      detail: "notice: oicq cannot change a group's notice",
      errors: [{ path: "notice", message: "oicq cannot change a group's notice" }],
    });
    expect(t.refused("group.update", { group_id: "661234567" }).errors).toEqual([{ path: "name", message: "required: oicq can change only a group's name" }]);
  });

  it("group.list, friend.list, group.member.list: GETs whose lists are mapped", () => {
    const t = fake();
    const groups = t.http("group.list", {});
    expect({ method: groups.method, url: groups.url, body: groups.body, headers: groups.headers }).toEqual({
      method: "GET",
      url: `${API}/user/getGroupList`,
      body: undefined,
      headers: undefined,
    });
    expect(
      groups.parse(answer(200, `{"status":{"code":0},"list":[{"id":661234567,"name":"摄影交流群"},{"id":18446744073709551557,"name":""},{"name":"no id"}]}`)),
    ).toEqual({
      result: { groups: [{ id: "661234567", name: "摄影交流群" }, { id: "18446744073709551557" }] },
    });

    const friends = t.http("friend.list", {});
    expect([friends.method, friends.url]).toEqual(["GET", `${API}/user/getFriendList`]);
    expect(friends.parse(answer(200, { status: { code: 0 }, list: [{ id: 2233445566, nickname: "小明" }] }))).toEqual({
      result: { friends: [{ id: "2233445566", name: "小明" }] },
    });
    expect(friends.parse(answer(200, { status: { code: 0 } }))).toEqual({
      problem: { code: "upstream_error", detail: "oicq's answer to list the friends has no list", upstream: { code: 200, text: `{"status":{"code":0}}` } },
    });

    const members = t.http("group.member.list", { group_id: "661234567" });
    expect([members.method, members.url]).toEqual(["GET", `${API}/group/getMemberList?group=661234567`]);
    expect(
      members.parse(
        answer(200, {
          status: { code: 0 },
          list: [
            { id: 2233445566, nickname: "小明", alias: "群主·小明" },
            { id: 3344556677, nickname: "路人甲", alias: "" },
          ],
        }),
      ),
    ).toEqual({
      result: {
        members: [
          { id: "2233445566", name: "群主·小明" },
          { id: "3344556677", name: "路人甲" },
        ],
      },
    });
    expect(members.parse(answer(200, { status: { code: -1 } }))).toMatchObject({ problem: { code: "upstream_rejected", upstream: { code: -1 } } });
    expect(members.parse(answer(404, "Cannot GET /group/getMemberList"))).toMatchObject({ problem: { code: "upstream_error", upstream: { code: 404 } } });
  });

  it("self.get: GET /user/basicInfo", () => {
    const t = fake();
    const self = t.http("self.get", {});
    expect([self.method, self.url]).toEqual(["GET", `${API}/user/basicInfo`]);
    expect(self.parse(answer(200, { status: { code: 0 }, basic: { id: 1145141919, nickname: "机器人" } }))).toEqual({
      result: { user: { id: "1145141919", name: "机器人" } },
    });
    expect(self.parse(answer(200, { status: { code: 0 } }))).toMatchObject({
      problem: { code: "upstream_error", detail: "oicq's answer to describe this account has no basic.id" },
    });
  });

  it("user.get: a friend picked out of the friend list, not_found otherwise", () => {
    const t = fake();
    const u = t.http("user.get", { user_id: "2233445566" });
    expect([u.method, u.url]).toEqual(["GET", `${API}/user/getFriendList`]);
    const list = {
      status: { code: 0 },
      list: [
        { id: 3344556677, nickname: "路人甲" },
        { id: 2233445566, nickname: "小明" },
      ],
    };
    expect(u.parse(answer(200, list))).toEqual({ result: { user: { id: "2233445566", name: "小明" } } });
    const other = t.http("user.get", { user_id: "99999" });
    expect(other.parse(answer(200, list))).toEqual({
      problem: { code: "not_found", detail: "99999 is not a friend of this account; oicq describes only friends" },
    });
  });

  it("upstream.raw: an HTTP request against the API; frames are refused", () => {
    const t = fake({ url: "ws://127.0.0.1:8888", api: "http://10.0.0.2:8888/" });
    expect(t.request("upstream.raw", { http: { method: "GET", path: "/mesg/parseForwardedMsg?id=mP1nAxdr5qjEKyDgGiF%2B8r4YOeTMYe1y" } })).toEqual({
      method: "GET",
      url: "http://10.0.0.2:8888/mesg/parseForwardedMsg?id=mP1nAxdr5qjEKyDgGiF%2B8r4YOeTMYe1y",
    });
    expect(
      t.request("upstream.raw", { http: { path: "/mesg/genForwardedMsg", body: { msgs: [{ id: 2233445566, msgContent: [{ type: "text", text: "x" }] }] } } }),
    ).toEqual({
      method: "POST",
      url: "http://10.0.0.2:8888/mesg/genForwardedMsg",
      headers: JSON_POST,
      body: `{"msgs":[{"id":2233445566,"msgContent":[{"type":"text","text":"x"}]}]}`,
    });
    const { parse } = t.http("upstream.raw", { http: { method: "GET", path: "/" } });
    expect(parse(answer(200, { name: "oicq2-webapid", version: "0.1.2" }))).toEqual({ result: { name: "oicq2-webapid", version: "0.1.2" } });
    expect(parse(answer(200, `{"status":{"code":0},"msgs":[{"id":18446744073709551557}]}`))).toEqual({
      result: { status: { code: 0 }, msgs: [{ id: "18446744073709551557" }] },
    });
    expect(parse(answer(200, { status: { code: -3 } }))).toEqual({
      problem: { code: "upstream_rejected", detail: "oicq refused the request (-3)", upstream: { code: -3, text: null } },
    });
    expect(parse(answer(200, { status: { code: -1, message: "no such message" } }))).toEqual({
      problem: { code: "upstream_rejected", detail: "oicq refused the request (-1: no such message)", upstream: { code: -1, text: "no such message" } },
    });
    expect(parse(answer(200, "plain"))).toEqual({ result: { text: "plain" } });
    expect(parse(answer(200, "[1]"))).toEqual({ result: { data: [1] } });
    expect(parse(answer(502, "Bad Gateway"))).toEqual({
      problem: { code: "upstream_error", detail: "oicq answered HTTP 502", upstream: { code: 502, text: "Bad Gateway" } },
    });
    expect(t.refused("upstream.raw", { frame: { type: "msg" } })).toEqual({
      code: "invalid_request",
      detail: "frame: the oicq daemon's socket takes no client frames; use http",
      errors: [{ path: "frame", message: "the oicq daemon's socket takes no client frames; use http" }],
    });
    expect(t.refused("upstream.raw", { http: { method: "GET", path: "/", body: {} } }).errors).toEqual([
      { path: "http.body", message: "a GET carries no body" },
    ]);
  });
});
