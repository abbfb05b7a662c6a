/**
 * yunhu (seed 003): server frames built by hand from the schema's field numbers (a tiny
 * protobuf writer below, independent of the generated code), decoded to unified events and
 * signals; the actions' HTTP bodies compared byte for byte with hand-built protobuf.
 */
import { describe, expect, it } from "vitest";
import yunhu from "../../src/platforms/yunhu/index.ts";
import { YunhuConfig, deviceIdOf, messageIdOf } from "../../src/platforms/yunhu/frames.ts";
import type { ActionOutcome, Context, Decoded, HttpAnswer, Plan } from "../../src/platforms/contract.ts";
import { ACTION_PARAMS, isUnifiedAction } from "../../src/events/actions.ts";
import { ProblemError, type Problem } from "../../src/lib/problem.ts";

// ---- a hand-written protobuf writer and reader ---------------------------------------------

const enc = new TextEncoder();
function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
function varintBytes(n: number | bigint): Uint8Array {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return Uint8Array.from(out);
}
const key = (field: number, wire: number) => varintBytes((field << 3) | wire);
/** Varint field (wire type 0). */
const varint = (field: number, n: number | bigint) => cat(key(field, 0), varintBytes(n));
/** Length-delimited field (wire type 2). */
const bytes = (field: number, b: Uint8Array) => cat(key(field, 2), varintBytes(b.length), b);
const str = (field: number, s: string) => bytes(field, enc.encode(s));
const msg = (field: number, ...parts: Uint8Array[]) => bytes(field, cat(...parts));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** A server frame: WsWrapper {info {seq 1, cmd 2} = 1, data Any {type_url 1, value 2} = 2}. */
function frame(cmd: string, payload?: { type: string; body: Uint8Array }): Uint8Array {
  const info = msg(1, str(1, "seq-1"), str(2, cmd));
  if (!payload) return info;
  return cat(info, msg(2, str(1, `type.googleapis.com/proto.${payload.type}`), bytes(2, payload.body)));
}

// ---- the connection -------------------------------------------------------------------------

const SELF = "7356666";

function fake(upstream: unknown = { userId: SELF, token: "tok-secret-1" }) {
  const store = new Map<string, unknown>();
  let n = 0;
  const ctx: Context<YunhuConfig> = {
    connection: "yh-1",
    config: YunhuConfig.parse(upstream),
    now: 1700000500000,
    recall: (k) => store.get(k),
    newKey: () => `key-${++n}`,
  };
  const decode = (f: string | Uint8Array): Decoded => {
    const out = yunhu.decode(f, ctx);
    for (const [k, v] of Object.entries(out.remember ?? {})) {
      if (v === null) store.delete(k);
      else store.set(k, v);
    }
    return out;
  };
  const plan = (action: string, params: unknown): Plan => {
    const a = yunhu.actions[action];
    if (!a) throw new Error(`yunhu has no ${action}`);
    const schema = a.params ?? (isUnifiedAction(action) ? ACTION_PARAMS[action] : undefined);
    return a.plan(schema ? schema.parse(params) : params, ctx);
  };
  const http = (action: string, params: unknown) => {
    const p = plan(action, params);
    if (p.kind !== "http") throw new Error("expected an HTTP plan");
    // The answer is parsed in this connection's context, as the session does.
    return { ...p, parse: (answer: HttpAnswer) => p.parse(answer, ctx) as ActionOutcome };
  };
  const refused = (action: string, params: unknown): Problem => {
    try {
      plan(action, params);
    } catch (err) {
      if (err instanceof ProblemError) return err.problem;
      throw err;
    }
    throw new Error("expected a refusal");
  };
  return { ctx, store, decode, plan, http, refused };
}

const one = (d: Decoded) => {
  expect(d.events).toHaveLength(1);
  return d.events[0]!;
};

function answer(status: number, body: Uint8Array, headers: Record<string, string> = { "content-type": "application/x-protobuf" }): HttpAnswer {
  return { status, headers, body, text: () => new TextDecoder().decode(body) };
}
/** StatusResponse {status {request_id 1, code 2, msg 3} = 1}. */
const statusResponse = (code: number, text = "", requestId = 0) =>
  msg(1, ...(requestId ? [varint(1, requestId)] : []), varint(2, code), ...(text ? [str(3, text)] : []));

// ---- the sender and a push --------------------------------------------------------------------

const SENDER = msg(
  2,
  str(1, "7357777"),
  varint(2, 1),
  str(3, "测试"),
  str(4, "https://chat-img.jwznb.com/a.png"),
  varint(5, 1),
  str(6, "测试成员"),
  msg(7, varint(1, 123), str(2, "big"), str(3, "tag"), str(4, "#FFFFFFFF")),
);

function push(content: Uint8Array, contentType: number, extra: Uint8Array[] = [], chat: { id: string; type: number } = { id: "big", type: 2 }) {
  return frame("push_message", {
    type: "PushMessage",
    body: cat(
      str(1, "m-1"),
      SENDER,
      str(3, SELF),
      str(4, chat.id),
      varint(5, chat.type),
      msg(6, content),
      varint(7, contentType),
      varint(8, 1700000000123),
      ...extra,
    ),
  });
}

// ---- config, hello, heartbeat ----------------------------------------------------------------

describe("yunhu connection", () => {
  it("defaults and redaction never show the token", () => {
    const { ctx } = fake();
    expect(ctx.config).toMatchObject({ platform: "windows", url: "wss://chat-ws-go.jwzhd.com/ws", api: "https://chat-go.jwzhd.com" });
    const shown = yunhu.redact(ctx.config);
    expect(JSON.stringify(shown)).not.toContain("tok-secret-1");
    expect(shown).toEqual({ userId: SELF, platform: "windows", url: "wss://chat-ws-go.jwzhd.com/ws", api: "https://chat-go.jwzhd.com" });
    expect(() => YunhuConfig.parse({ userId: "1", token: "t", platform: "beos" })).toThrow();
    expect(yunhu.link.readiness).toBe("signal");
    expect(yunhu.link.readyTimeoutMs).toBe(10_000);
    expect(yunhu.link.heartbeat).toMatchObject({ intervalMs: 30_000, timeoutMs: 15_000 });
  });

  it("derives a stable device id from the connection id", () => {
    const { ctx } = fake();
    expect(deviceIdOf(ctx.config, "yh-1")).toBe("79682d31");
    expect(deviceIdOf(YunhuConfig.parse({ userId: "1", token: "t", deviceId: "dev" }), "yh-1")).toBe("dev");
  });

  it("logs in and sends a heartbeat on open", () => {
    const { ctx } = fake({ userId: SELF, token: "tok-secret-1", platform: "Web" });
    const frames = yunhu.link.hello!(ctx).map((f) => JSON.parse(f as string));
    expect(frames).toEqual([
      { seq: "key-1", cmd: "login", data: { userId: SELF, token: "tok-secret-1", platform: "Web", deviceId: "79682d31" } },
      { seq: "key-2", cmd: "heartbeat", data: {} },
    ]);
    expect(JSON.parse(yunhu.link.heartbeat!.frame(ctx) as string)).toEqual({ seq: "key-3", cmd: "heartbeat", data: {} });
  });

  it("heartbeat_ack makes the connection ready", () => {
    const d = fake().decode(frame("heartbeat_ack"));
    expect(d.events).toEqual([]);
    expect(d.signals).toEqual([{ kind: "ready", self: SELF }, { kind: "heartbeat_ack" }]);
  });

  it("the invalid-data text refuses the login", () => {
    expect(fake().decode("数据不合法").signals).toEqual([{ kind: "refused", reason: "数据不合法" }]);
  });

  it("garbage is upstream.unknown, never a throw", () => {
    const f = fake();
    const garbage = Uint8Array.from([0xff, 0xff, 0xff, 0x01, 0x02]);
    const e = one(f.decode(garbage));
    expect(e.type).toBe("upstream.unknown");
    expect(e.raw).toEqual({ base64: "////AQI=" });
    expect(one(f.decode("hello")).type).toBe("upstream.unknown");
    // A known cmd whose payload is not its message.
    const bad = frame("push_message", { type: "PushMessage", body: Uint8Array.from([0x0a, 0x05, 0x41]) });
    const e2 = one(f.decode(bad));
    expect(e2.type).toBe("upstream.unknown");
    expect(e2.raw).toMatchObject({ cmd: "push_message" });
    // An unmapped cmd.
    const e3 = one(f.decode(frame("bot_board_message", { type: "BotBoardMessage", body: str(1, "b") })));
    expect(e3).toMatchObject({
      type: "upstream.unknown",
      raw: { cmd: "bot_board_message", data: { type_url: "type.googleapis.com/proto.BotBoardMessage", value: "CgFi" } },
    });
  });
});

// ---- messages ---------------------------------------------------------------------------------

describe("yunhu push_message", () => {
  it("a text message with mentions, a quote and a command", () => {
    const f = fake();
    const d = f.decode(
      push(cat(str(1, "@小明 Feng的大手发力了"), str(6, "111"), str(6, "222"), str(8, "被引用")), 1, [
        msg(9, varint(1, 999), str(2, "MAC地址查询"), varint(4, 1)),
        str(11, "q-1"),
        varint(12, 1145),
      ]),
    );
    const e = one(d);
    expect(e.type).toBe("message.created");
    expect(e.timestamp).toBe(1700000000123);
    expect(e.data).toEqual({
      message: {
        id: "m-1",
        chat: { type: "group", id: "big" },
        sender: { id: "7357777", name: "测试" },
        content: [
          { type: "mention", user_id: "111" },
          { type: "mention", user_id: "222" },
          { type: "text", text: "@小明 Feng的大手发力了" },
        ],
        text: "@小明 Feng的大手发力了",
        reply_to: { id: "q-1", text: "被引用" },
        command: { id: "999", name: "MAC地址查询" },
        seq: "1145",
      },
    });
    expect(e.raw).toMatchObject({
      info: { seq: "seq-1", cmd: "push_message" },
      data: {
        type_url: "type.googleapis.com/proto.PushMessage",
        value: {
          msg_id: "m-1",
          sender: {
            chat_id: "7357777",
            chat_type: 1,
            name: "测试",
            is_vip: true,
            tag_old: ["测试成员"],
            tag: [{ id: "123", group_id: "big", text: "tag", color: "#FFFFFFFF" }],
          },
          recv_id: SELF,
          chat_id: "big",
          chat_type: 2,
          content_type: 1,
          timestamp: "1700000000123",
          msg_seq: "1145",
        },
      },
    });
    expect(JSON.stringify(e.raw)).not.toContain("tok-secret-1");
    expect(d.remember).toEqual({ "chat:big": 2 });
  });

  const cases: [string, Uint8Array, number, unknown[]][] = [
    [
      "image",
      cat(str(3, "https://i/a.jpg"), varint(18, 2048), varint(33, 640), varint(34, 480)),
      2,
      [{ type: "image", url: "https://i/a.jpg", width: 640, height: 480 }],
    ],
    ["markdown", str(1, "**b**"), 3, [{ type: "markdown", text: "**b**" }]],
    ["file", cat(str(4, "a.pdf"), str(5, "https://f/a.pdf"), varint(18, 12345)), 4, [{ type: "file", url: "https://f/a.pdf", name: "a.pdf", size: 12345 }]],
    ["form", str(7, '{"f":1}'), 5, [{ type: "unknown", raw: { type: "form", form: { f: 1 } } }]],
    ["sticker with url", cat(str(9, "https://s/1.gif"), varint(25, 77), varint(26, 8)), 7, [{ type: "image", url: "https://s/1.gif" }]],
    ["sticker without url", cat(varint(25, 77), varint(26, 8)), 7, [{ type: "emoji", id: "77" }]],
    ["html", str(1, "<b>x</b>"), 8, [{ type: "html", text: "<b>x</b>" }]],
    ["audio", cat(str(21, "https://a/1.m4a"), varint(22, 7)), 11, [{ type: "audio", url: "https://a/1.m4a", duration_s: 7 }]],
    ["call", cat(str(29, "语音通话"), str(32, "已结束")), 13, [{ type: "text", text: "语音通话 已结束" }]],
    ["video", cat(str(19, "https://v/1.mp4"), varint(20, 12)), 10, [{ type: "video", url: "https://v/1.mp4", duration_s: 12 }]],
    ["post (markdown)", cat(str(10, "p1"), str(11, "标题"), str(12, "*x*"), str(13, "2")), 6, [{ type: "markdown", text: "# 标题\n\n*x*" }]],
    ["post (text)", cat(str(10, "p1"), str(11, "标题"), str(12, "正文"), str(13, "1")), 6, [{ type: "text", text: "标题\n正文" }]],
    ["tip", str(37, "你撤回了一条消息"), 9, [{ type: "text", text: "你撤回了一条消息" }]],
  ];
  for (const [name, content, type, elements] of cases) {
    it(`content: ${name}`, () => {
      const e = one(fake().decode(push(content, type)));
      expect(e.type).toBe("message.created");
      expect((e.data.message as { content: unknown }).content).toEqual(elements);
    });
  }

  it("an unknown content type without known fields is an unknown element", () => {
    const e = one(fake().decode(push(str(2, '[{"t":1}]'), 99)));
    expect((e.data.message as { content: unknown; buttons: unknown }).content).toEqual([{ type: "unknown", raw: { buttons: '[{"t":1}]' } }]);
  });

  it("private chats: user and bot are private, our own message names the peer", () => {
    const f = fake();
    const fromBot = one(f.decode(push(str(1, "hi"), 1, [], { id: "bot-9", type: 3 })));
    expect((fromBot.data.message as { chat: unknown }).chat).toEqual({ type: "private", id: "bot-9" });
    const own = frame("push_message", {
      type: "PushMessage",
      body: cat(
        str(1, "m-2"),
        msg(2, str(1, SELF), varint(2, 1)),
        str(3, "peer-1"),
        str(4, SELF),
        varint(5, 1),
        msg(6, str(1, "yo")),
        varint(7, 1),
        varint(8, 1700000000000),
      ),
    });
    const e = one(f.decode(own));
    expect(e.data.message).toMatchObject({ chat: { type: "private", id: "peer-1" }, sender: { id: SELF }, self: true });
  });

  it("a recall: delete_timestamp set", () => {
    const f = fake();
    const d = f.decode(push(str(1, "gone"), 1, [varint(10, 1700000000999), varint(12, 1144)]));
    const e = one(d);
    expect(e.type).toBe("message.deleted");
    expect(e.timestamp).toBe(1700000000999);
    expect(e.data).toEqual({ message: { id: "m-1", chat: { type: "group", id: "big" }, seq: "1144" }, operator: { id: "7357777" } });
  });
});

describe("yunhu other pushes", () => {
  it("edit_message → message.updated (chat type from memory)", () => {
    const f = fake();
    f.decode(push(str(1, "hi"), 1));
    const edit = frame("edit_message", {
      type: "PushMessage",
      body: cat(str(1, "m-1"), str(3, "big"), str(4, "big"), msg(6, str(1, "改了"), str(8, "引")), varint(7, 1), str(11, "q-1"), varint(14, 1700000100000)),
    });
    const e = one(f.decode(edit));
    expect(e.type).toBe("message.updated");
    expect(e.data).toEqual({
      message: { id: "m-1", chat: { type: "group", id: "big" }, content: [{ type: "text", text: "改了" }], text: "改了", reply_to: { id: "q-1", text: "引" } },
      edited_at: 1700000100000,
    });
  });

  it("blocked_message → notification.received", () => {
    const e = one(fake().decode(frame("blocked_message", { type: "PushMessage", body: cat(str(1, "m-5"), str(3, SELF), str(4, "big")) })));
    expect(e).toMatchObject({ type: "notification.received", data: { kind: "message.blocked", message: { id: "m-5", chat: { id: "big" } } } });
  });

  it("stream_message → message.appended", () => {
    const f = fake();
    const e = one(
      f.decode(frame("stream_message", { type: "StreamMessage", body: cat(str(1, "11451419180"), str(2, SELF), str(3, "26146395"), str(4, "我是追加内容")) })),
    );
    expect(e).toMatchObject({
      type: "message.appended",
      data: { message: { id: "11451419180", chat: { type: "private", id: "26146395" } }, text: "我是追加内容" },
    });
    const g = one(f.decode(frame("stream_message", { type: "StreamMessage", body: cat(str(1, "s2"), str(2, "g-1"), str(3, "g-1"), str(4, "x")) })));
    expect(g.data).toEqual({ message: { id: "s2", chat: { type: "group", id: "g-1" } }, text: "x" });
  });

  it("draft_input → draft.updated", () => {
    const e = one(fake().decode(frame("draft_input", { type: "MsgInput", body: cat(str(1, "8826687"), str(2, "测试草稿同步")) })));
    expect(e).toMatchObject({
      type: "draft.updated",
      data: { chat: { id: "8826687" }, text: "测试草稿同步" },
      raw: { info: { cmd: "draft_input" }, data: { value: { chat_id: "8826687", input: "测试草稿同步" } } },
    });
  });

  it("file_send_message → file.shared", () => {
    const body = cat(str(1, "123"), str(2, SELF), varint(3, 1), str(4, "candidate"), str(5, '{"sdp":"x","n":12345678901234567890}'), str(6, "dev-9"));
    const e = one(fake().decode(frame("file_send_message", { type: "PushMessage", body })));
    expect(e.type).toBe("file.shared");
    expect(e.data).toEqual({
      from: { id: "123", device_id: "dev-9" },
      to: { id: SELF },
      kind: "candidate",
      data: { sdp: "x", n: "12345678901234567890" },
      temp_code: "1",
    });
  });

  it("invite_apply → group.invited without details", () => {
    const e = one(fake().decode(frame("invite_apply")));
    expect(e).toMatchObject({ type: "group.invited", data: { request: {} }, raw: { info: { seq: "seq-1", cmd: "invite_apply" } } });
  });
});

// ---- actions ----------------------------------------------------------------------------------

describe("yunhu actions", () => {
  const HEADERS = { token: "tok-secret-1", "content-type": "application/x-protobuf" };

  it("message.create: text with mentions and a quote", () => {
    const f = fake();
    const p = f.http("message.create", {
      chat: { type: "group", id: "big" },
      content: [
        { type: "mention", user_id: "111", name: "小明" },
        { type: "text", text: "hi" },
      ],
      reply_to: "q-1",
    });
    expect(p.method).toBe("POST");
    expect(p.url).toBe("https://chat-go.jwzhd.com/v1/msg/send-message");
    expect(p.headers).toEqual(HEADERS);
    const id = messageIdOf("key-1");
    expect(id).toBe("00000000000000000000006b65792d31");
    const expected = cat(str(2, id), str(3, "big"), varint(4, 2), msg(5, str(1, "@小明 hi"), str(6, "111")), varint(6, 1), str(8, "q-1"));
    expect(hex(p.body as Uint8Array)).toBe(hex(expected));
    expect(p.parse(answer(200, statusResponse(1, "success", 42)))).toEqual({ result: { message_id: id } });
  });

  it("message.create: markdown, html, image, file, and the remembered bot chat type", () => {
    const f = fake();
    f.decode(push(str(1, "hi"), 1, [], { id: "bot-9", type: 3 }));
    const md = f.http("message.create", { chat: { type: "private", id: "bot-9" }, content: [{ type: "markdown", text: "**x**" }] });
    expect(hex(md.body as Uint8Array)).toBe(hex(cat(str(2, messageIdOf("key-1")), str(3, "bot-9"), varint(4, 3), msg(5, str(1, "**x**")), varint(6, 3))));
    const html = f.http("message.create", { chat: { type: "private", id: "u-1" }, content: [{ type: "html", text: "<b/>" }] });
    expect(hex(html.body as Uint8Array)).toBe(hex(cat(str(2, messageIdOf("key-2")), str(3, "u-1"), varint(4, 1), msg(5, str(1, "<b/>")), varint(6, 8))));
    const img = f.http("message.create", { chat: { type: "group", id: "g" }, content: [{ type: "image", url: "https://i/a.png", width: 10, height: 20 }] });
    expect(hex(img.body as Uint8Array)).toBe(
      hex(cat(str(2, messageIdOf("key-3")), str(3, "g"), varint(4, 2), msg(5, str(3, "https://i/a.png"), varint(33, 10), varint(34, 20)), varint(6, 2))),
    );
    const file = f.http("message.create", { chat: { type: "group", id: "g" }, content: [{ type: "file", url: "https://f/a.pdf", name: "a.pdf", size: 300 }] });
    expect(hex(file.body as Uint8Array)).toBe(
      hex(cat(str(2, messageIdOf("key-4")), str(3, "g"), varint(4, 2), msg(5, str(4, "a.pdf"), str(5, "https://f/a.pdf"), varint(18, 300)), varint(6, 4))),
    );
  });

  it("message.create refuses what yunhu cannot send", () => {
    const f = fake();
    expect(f.refused("message.create", { chat: { type: "group", id: "g" }, content: [{ type: "audio", url: "https://a" }] }).code).toBe("invalid_request");
    expect(
      f.refused("message.create", {
        chat: { type: "group", id: "g" },
        content: [
          { type: "markdown", text: "a" },
          { type: "html", text: "b" },
        ],
      }).code,
    ).toBe("invalid_request");
    expect(
      f.refused("message.create", {
        chat: { type: "group", id: "g" },
        content: [
          { type: "image", url: "https://i" },
          { type: "text", text: "b" },
        ],
      }).code,
    ).toBe("invalid_request");
  });

  it("message.update and message.delete", () => {
    const f = fake();
    const up = f.http("message.update", { chat: { type: "group", id: "big" }, message_id: "m-1", content: "new" });
    expect(up.url).toBe("https://chat-go.jwzhd.com/v1/msg/edit-message");
    expect(hex(up.body as Uint8Array)).toBe(hex(cat(str(2, "m-1"), str(3, "big"), varint(4, 2), msg(5, str(1, "new")), varint(6, 1))));
    expect(up.parse(answer(200, statusResponse(1)))).toEqual({ result: {} });
    const del = f.http("message.delete", { chat: { type: "private", id: "u-1" }, message_id: "m-1" });
    expect(del.url).toBe("https://chat-go.jwzhd.com/v1/msg/recall-msg");
    expect(del.headers).toEqual(HEADERS);
    expect(hex(del.body as Uint8Array)).toBe(hex(cat(str(2, "m-1"), str(3, "u-1"), varint(4, 1))));
    expect(del.parse(answer(200, statusResponse(1)))).toEqual({ result: {} });
  });

  it("answers: other codes are 422, HTTP errors and garbage 502", () => {
    const p = fake().http("message.delete", { chat: { type: "group", id: "g" }, message_id: "m" });
    const rejected = p.parse(answer(200, statusResponse(1002, "无权限")));
    expect(rejected).toMatchObject({ problem: { code: "upstream_rejected", upstream: { code: 1002, text: "无权限" } } });
    expect(p.parse(answer(500, enc.encode("oops")))).toMatchObject({ problem: { code: "upstream_error", upstream: { code: 500 } } });
    expect(p.parse(answer(200, Uint8Array.from([0xff, 0xff])))).toMatchObject({ problem: { code: "upstream_error" } });
    expect(p.parse(answer(200, new Uint8Array(0)))).toMatchObject({ problem: { code: "upstream_error" } });
  });

  it("yunhu.draft sends inputInfo on the socket", () => {
    const p = fake().plan("yunhu.draft", { chat: { id: "872440499" }, text: "测试笔记同步" });
    expect(p.kind).toBe("socket");
    if (p.kind !== "socket") return;
    expect(p.await).toBeNull();
    expect(JSON.parse(p.frames[0] as string)).toEqual({
      seq: "key-1",
      cmd: "inputInfo",
      data: { chatId: "872440499", input: "测试笔记同步", deviceId: "79682d31" },
    });
  });

  it("upstream.raw: frames on the socket, http against the API", () => {
    const f = fake();
    const s = f.plan("upstream.raw", { frame: { seq: "1", cmd: "heartbeat", data: {} } });
    expect(s).toEqual({ kind: "socket", frames: ['{"seq":"1","cmd":"heartbeat","data":{}}'], await: null });
    const h = f.http("upstream.raw", { http: { path: "/v1/msg/recall-msg", body: "EgFt" } });
    expect(h.url).toBe("https://chat-go.jwzhd.com/v1/msg/recall-msg");
    expect(h.headers).toEqual(HEADERS);
    expect(hex(h.body as Uint8Array)).toBe(hex(str(2, "m")));
    expect(h.parse(answer(200, statusResponse(1, "ok")))).toMatchObject({ result: { status: { code: 1, msg: "ok" } } });
    expect(h.parse(answer(200, statusResponse(5, "no")))).toMatchObject({ problem: { code: "upstream_rejected" } });
    const j = f.http("upstream.raw", { http: { path: "/v1/x", body: { a: 1 } } });
    expect(j.headers).toEqual({ token: "tok-secret-1", "content-type": "application/json" });
    expect(j.body).toBe('{"a":1}');
    expect(j.parse(answer(200, enc.encode('{"code":1}'), { "content-type": "application/json" }))).toEqual({ result: { code: 1 } });
  });
});
