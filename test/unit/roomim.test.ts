/**
 * roomim (seed 004): the adapter against the seed's own example frames (verbatim, in
 * test/sim/roomim-seed.ts), plus the frames the seed leaves empty (recall) in the shape the
 * adapter documents.
 */
import * as SEED from "../sim/roomim-seed.ts";
import { describe, expect, it } from "vitest";
import roomim, { roomim as named } from "../../src/platforms/roomim/index.ts";
import { RoomimConfig } from "../../src/platforms/roomim/frames.ts";
import type { Await, Context, Decoded, Plan } from "../../src/platforms/contract.ts";
import { ACTION_PARAMS, type UnifiedAction } from "../../src/events/actions.ts";
import { exactNumber, parseLossless } from "../../src/lib/json.ts";
import { ProblemError, type Problem } from "../../src/lib/problem.ts";

const {
  sendText: SEND_TEXT,
  sendOk: SENT_ACK,
  received: RECEIVED_TEXT,
  blocked: BLOCKED,
  selfSynced: SYNCED_OWN,
  readSynced: READ_ELSEWHERE,
  clearedSynced: CLEARED_ELSEWHERE,
  sendImages: SEND_IMAGES,
  sendMention: SEND_MENTION,
  friendRequest: FRIEND_REQUEST,
  roomInit: ROOM_INIT,
} = SEED;

const EXTRAS = "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}";

/** A connection's context whose memory is a Map filled from each decode's `remember`. */
function fake(upstream: unknown = { url: "wss://im.example.com/ws?token=secret" }) {
  const store = new Map<string, unknown>();
  let n = 0;
  const ctx: Context<RoomimConfig> = {
    connection: "bot-1",
    config: RoomimConfig.parse(upstream),
    now: 1732503600000,
    recall: (key) => store.get(key),
    newKey: () => `k${++n}`,
  };
  const decode = (frame: string | Uint8Array): Decoded => {
    const out = roomim.decode(frame, ctx);
    for (const [k, v] of Object.entries(out.remember ?? {})) {
      if (v === null) store.delete(k);
      else store.set(k, v);
    }
    return out;
  };
  const plan = (action: UnifiedAction, params: unknown): Plan => {
    const a = roomim.actions[action];
    if (!a) throw new Error(`roomim has no ${action}`);
    return a.plan(ACTION_PARAMS[action].parse(params), ctx);
  };
  /** The one text frame a socket plan sends. */
  const sent = (action: UnifiedAction, params: unknown): { text: string; await: Await | null } => {
    const p = plan(action, params);
    if (p.kind !== "socket") throw new Error("expected a socket plan");
    expect(p.frames).toHaveLength(1);
    const [text] = p.frames;
    if (typeof text !== "string") throw new Error("expected a text frame");
    return { text, await: p.await };
  };
  const refused = (action: UnifiedAction, params: unknown): Problem => {
    try {
      plan(action, params);
    } catch (err) {
      if (err instanceof ProblemError) return err.problem;
      throw err;
    }
    throw new Error("expected a ProblemError");
  };
  return { ctx, store, decode, plan, sent, refused };
}

/** A seed example with its fields changed in place (key order kept). */
function edit(text: string, changes: Record<string, unknown>, payload: Record<string, unknown> = {}): Record<string, unknown> {
  const frame = parseLossless(text) as Record<string, unknown>;
  Object.assign(frame, changes);
  Object.assign(frame.payload as Record<string, unknown>, payload);
  return frame;
}

describe("roomim platform", () => {
  it("is exported by name and by default, with its seed and events", () => {
    expect(named).toBe(roomim);
    expect(roomim.name).toBe("roomim");
    expect(roomim.seed).toBe("004");
    expect(roomim.link.readiness).toBe("open");
    expect(roomim.link.heartbeat).toBeUndefined();
    expect(roomim.link.hello).toBeUndefined();
    expect([...roomim.events].sort()).toEqual(
      ["chat.cleared", "friend.added", "friend.requested", "group.joined", "message.created", "message.deleted", "message.read"].sort(),
    );
    expect(roomim.events).not.toContain("typing");
    expect(Object.keys(roomim.actions).sort()).toEqual(["message.create", "message.delete", "upstream.raw"]);
  });

  it("validates the upstream config and fills the revoke defaults", () => {
    expect(roomim.upstream.parse({ url: "wss://im.example.com/ws?token=t" })).toEqual({
      url: "wss://im.example.com/ws?token=t",
      revoke: { request: 2, msgType: 1 },
    });
    expect(roomim.upstream.parse({ url: "ws://127.0.0.1:9001", headers: { authorization: "Bearer x" }, revoke: { request: 7 } })).toEqual({
      url: "ws://127.0.0.1:9001",
      headers: { authorization: "Bearer x" },
      revoke: { request: 7, msgType: 1 },
    });
    const bad = roomim.upstream.safeParse({ url: "https://im.example.com/ws" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["url"]);
    expect(roomim.upstream.safeParse({}).success).toBe(false);
    expect(roomim.upstream.safeParse({ url: "wss://x", headers: { a: 1 } }).success).toBe(false);
  });

  it("redacts the query, user info and header values", () => {
    const config = RoomimConfig.parse({
      url: "wss://user:pw@im.example.com/ws?token=secret#x",
      headers: { Authorization: "Bearer secret", "X-Device": "d1" },
    });
    expect(roomim.redact(config)).toEqual({
      url: "wss://im.example.com/ws",
      headers: { Authorization: "***", "X-Device": "***" },
      revoke: { request: 2, msgType: 1 },
    });
    expect(roomim.redact(RoomimConfig.parse({ url: "ws://127.0.0.1:9001/ws" }))).toEqual({
      url: "ws://127.0.0.1:9001/ws",
      revoke: { request: 2, msgType: 1 },
    });
  });

  it("dials the configured URL with its headers", () => {
    expect(roomim.link.dial(fake().ctx)).toEqual({ url: "wss://im.example.com/ws?token=secret" });
    const { ctx } = fake({ url: "wss://im.example.com/ws", headers: { Authorization: "Bearer t" } });
    expect(roomim.link.dial(ctx)).toEqual({ url: "wss://im.example.com/ws", headers: { Authorization: "Bearer t" } });
  });
});

describe("roomim decode: the seed's frames", () => {
  it("接收到别人发来的文字消息 → message.created", () => {
    expect(fake().decode(RECEIVED_TEXT)).toEqual({
      events: [
        {
          type: "message.created",
          timestamp: 1731981114242,
          data: {
            message: {
              id: "1858689625873399809",
              chat: { type: "group", id: "1858689382414958593" },
              sender: { id: "1858679205636755457" },
              content: [{ type: "text", text: "你好1的消息" }],
              text: "你好1的消息",
              seq: "2",
              extras: EXTRAS,
            },
          },
          raw: parseLossless(RECEIVED_TEXT),
        },
      ],
    });
  });

  it("响应:发送成功 → the send's reply, and the account's own id is learned", () => {
    expect(fake().decode(SENT_ACK)).toEqual({
      events: [],
      replies: [{ key: "asdfads-ad3f-1231", result: { message_id: "1858689625873399809", timestamp: 1731981114242 } }],
      remember: { self: "1858679205636755457" },
    });
  });

  it("响应:被拉黑发送失败 → upstream_rejected with the code and its meaning", () => {
    expect(fake().decode(BLOCKED)).toEqual({
      events: [],
      replies: [
        {
          key: "asdfads-ad3f-eadf",
          problem: {
            code: "upstream_rejected",
            detail: "roomim refused the message (2002: blocked by the recipient)",
            upstream: { code: 2002, text: "blocked by the recipient" },
          },
        },
      ],
      remember: { self: "456456" },
    });
  });

  it("a refusal code without a known meaning keeps text null", () => {
    const frame = JSON.stringify({ response: 2003, localId: "k9", msgType: 1, room: "1", timestamp: 1731981114242 });
    expect(fake().decode(frame)).toEqual({
      events: [],
      replies: [{ key: "k9", problem: { code: "upstream_rejected", detail: "roomim refused the message (2003)", upstream: { code: 2003, text: null } } }],
    });
  });

  it("其它设备自己发送的消息 → message.created with self, sent by the learned own id", () => {
    const t = fake();
    const expected = (sender: string) => ({
      events: [
        {
          type: "message.created",
          timestamp: 1731915977869,
          data: {
            message: {
              id: "1858416424207454209",
              chat: { type: "group", id: "1858415724765278210" },
              sender: { id: sender },
              content: [{ type: "text", text: "你好的消息" }],
              text: "你好的消息",
              seq: "2",
              extras: EXTRAS,
              self: true,
            },
          },
          raw: parseLossless(SYNCED_OWN),
        },
      ],
    });
    expect(t.decode(SYNCED_OWN)).toEqual(expected(""));
    t.decode(SENT_ACK);
    expect(t.store.get("self")).toBe("1858679205636755457");
    expect(t.decode(SYNCED_OWN)).toEqual(expected("1858679205636755457"));
  });

  it("同步其它设备已读 → message.read, second timestamps as ms", () => {
    expect(fake().decode(READ_ELSEWHERE)).toEqual({
      events: [
        {
          type: "message.read",
          timestamp: 1454355545000,
          data: { chat: { type: "group", id: "123123" }, message: { id: "10001" } },
          raw: parseLossless(READ_ELSEWHERE),
        },
      ],
    });
  });

  it("其它设备清除会话红点 → chat.cleared", () => {
    expect(fake().decode(CLEARED_ELSEWHERE)).toEqual({
      events: [
        {
          type: "chat.cleared",
          timestamp: 1454355545000,
          data: { chat: { type: "group", id: "123123" } },
          raw: { response: 303, timestamp: 1454355545, room: 123123 },
        },
      ],
    });
  });

  it("102 有人申请加你为好友 → friend.requested, 19-digit ids exact, the room remembered as private", () => {
    const t = fake();
    const out = t.decode(FRIEND_REQUEST);
    expect(out).toEqual({
      events: [
        {
          type: "friend.requested",
          timestamp: 1732501048300,
          data: {
            request: { id: "1860870387213197314", user: { id: "1860863094709035009", name: "平治文" }, comment: "请求加你amet velit" },
            chat: { type: "private", id: "1860868440666071042" },
          },
          raw: parseLossless(FRIEND_REQUEST),
        },
      ],
      remember: { "room:1860868440666071042": "private" },
    });
    const raw = out.events[0]?.raw as Record<string, any>;
    expect(raw.room).toBe("1860868440666071042");
    expect(raw.from).toBe("1860863094709035009");
    expect(raw.msgId).toBe("1860870387464847361");
    expect(raw.payload.id).toBe("1860870387213197314");
    expect(raw.payload.fkSubUserId).toBe("1860868421903028226");
    expect(raw.payload.createTime).toBe(1732501048277);
    expect(raw.payload.fkRoomId).toBeNull();
    expect(t.store.get("room:1860868440666071042")).toBe("private");
  });

  it("107 初始化房间 (roomType 1) → friend.added; later messages in that room are private", () => {
    const t = fake();
    expect(t.decode(ROOM_INIT)).toEqual({
      events: [
        {
          type: "friend.added",
          timestamp: 1732503591387,
          data: { user: { id: "1860868421903028226" }, chat: { type: "private", id: "1860881053449904129" } },
          raw: parseLossless(ROOM_INIT),
        },
      ],
      remember: { "room:1860881053449904129": "private" },
    });
    const inRoom = JSON.stringify(edit(RECEIVED_TEXT, { room: "1860881053449904129" }));
    expect((t.decode(inRoom).events[0]?.data as any).message.chat).toEqual({ type: "private", id: "1860881053449904129" });
    // Another room is still a group.
    expect((t.decode(RECEIVED_TEXT).events[0]?.data as any).message.chat).toEqual({ type: "group", id: "1858689382414958593" });
  });

  it("107 seen by the one who accepted: the new friend is the room's creator", () => {
    const t = fake();
    t.decode(JSON.stringify({ response: 1, localId: "k1", msgType: 1, from: "1860868421903028226", msgId: "5", timestamp: 1 }));
    expect(t.decode(ROOM_INIT).events[0]?.data).toEqual({
      user: { id: "1860863094709035009" },
      chat: { type: "private", id: "1860881053449904129" },
    });
  });

  it("107 with another roomType → group.joined, the room remembered as a group", () => {
    const t = fake();
    const group = ROOM_INIT.replace('"roomType": 1', '"roomType": 2').replace('"roomName": ""', '"roomName": "项目群"');
    expect(t.decode(group)).toEqual({
      events: [
        {
          type: "group.joined",
          timestamp: 1732503591387,
          data: { group: { id: "1860881053449904129", name: "项目群" } },
          raw: parseLossless(group),
        },
      ],
      remember: { "room:1860881053449904129": "group" },
    });
    const unnamed = ROOM_INIT.replace('"roomType": 1', '"roomType": 2');
    expect(t.decode(unnamed).events[0]?.data).toEqual({ group: { id: "1860881053449904129" } });
  });

  it("a pushed 发送图片消息 → mentions, text, then one image per entry (hight read as height)", () => {
    const pushed = SEND_IMAGES.replace('"request":2,', '"response": 2, "from": 456456, "msgId": 10002,');
    expect(fake().decode(pushed)).toEqual({
      events: [
        {
          type: "message.created",
          data: {
            message: {
              id: "10002",
              chat: { type: "group", id: "123123" },
              sender: { id: "456456" },
              content: [
                { type: "text", text: "你好" },
                { type: "image", url: "BAIDU.COM/IMG/1", thumbnail: "BAIDU.COM/IMG/1/mimi", width: 720, height: 360 },
                { type: "image", url: "BAIDU.COM/IMG/1", thumbnail: "BAIDU.COM/IMG/1/mimi", width: 720, height: 360 },
              ],
              text: "你好",
              extras: EXTRAS,
            },
          },
          raw: parseLossless(pushed),
        },
      ],
    });
    const spelled = JSON.stringify({
      response: 2,
      msgType: 3,
      room: 1,
      from: 2,
      msgId: 3,
      msgText: "",
      payload: { imgs: [{ url: "u", height: 10 }, { thumbnail: "t" }], extras: "" },
    });
    expect((fake().decode(spelled).events[0]?.data as any).message.content).toEqual([
      { type: "image", url: "u", height: 10 },
      { type: "unknown", raw: { thumbnail: "t" } },
    ]);
  });

  it("a pushed at艾特 frame → mention elements before the text", () => {
    const pushed = SEND_MENTION.replace('"request":1,', '"response": 2, "from": 456456, "msgId": 10003,');
    const message = (fake().decode(pushed).events[0]?.data as any).message;
    expect(message.content).toEqual([
      { type: "mention", user_id: "zhangsan" },
      { type: "text", text: "你好" },
    ]);
    expect(message.text).toBe("你好");
    const everyone = pushed.replace('"type": 2', '"type": 1');
    expect((fake().decode(everyone).events[0]?.data as any).message.content).toEqual([
      { type: "mention", user_id: "all" },
      { type: "text", text: "你好" },
    ]);
    const numeric = JSON.stringify({
      response: 2,
      msgType: 1,
      room: 1,
      from: 2,
      msgId: 3,
      msgText: "",
      payload: { mentionedInfo: { type: 2, userIdList: [42, "u7"] } },
    });
    expect((fake().decode(numeric).events[0]?.data as any).message).toEqual({
      id: "3",
      chat: { type: "group", id: "1" },
      sender: { id: "2" },
      content: [
        { type: "mention", user_id: "42" },
        { type: "mention", user_id: "u7" },
      ],
      text: "",
    });
  });
});

describe("roomim decode: recall", () => {
  const pushed = `{"request":2,"msgType":1,"localId":"","room":"1858689382414958593","msgId":"1858689625873399809","response":2,"from":"1858679205636755457","timestamp":"1731981114242"}`;

  it("a recall by someone else → message.deleted with the operator", () => {
    expect(fake().decode(pushed)).toEqual({
      events: [
        {
          type: "message.deleted",
          timestamp: 1731981114242,
          data: {
            message: { id: "1858689625873399809", chat: { type: "group", id: "1858689382414958593" } },
            operator: { id: "1858679205636755457" },
          },
          raw: parseLossless(pushed),
        },
      ],
    });
  });

  it("the answer to our recall → an empty result, or upstream_rejected", () => {
    const ok = `{"request":2,"msgType":1,"localId":"k1","room":"123123","msgId":"10001","response":1,"from":"456456","timestamp":"1731981114242"}`;
    expect(fake().decode(ok)).toEqual({ events: [], replies: [{ key: "k1", result: {} }], remember: { self: "456456" } });
    const notFound = ok.replace('"response":1', '"response":2003');
    expect(fake().decode(notFound).replies).toEqual([
      { key: "k1", problem: { code: "upstream_rejected", detail: "roomim refused the recall (2003)", upstream: { code: 2003, text: null } } },
    ]);
  });

  it("follows the configured request/msgType pair", () => {
    const t = fake({ url: "ws://h", revoke: { request: 5, msgType: 9 } });
    expect(t.decode(pushed).events[0]?.type).toBe("message.created");
    const custom = pushed.replace('"request":2,"msgType":1', '"request":5,"msgType":9');
    expect(t.decode(custom).events[0]?.type).toBe("message.deleted");
    expect(t.sent("message.delete", { chat: { type: "group", id: "123123" }, message_id: "10001" }).text).toBe(
      `{"request":5,"msgType":9,"localId":"rv-k1","room":123123,"msgId":10001,"msgText":"","payload":{"extras":""}}`,
    );
  });

  it("recognises the answer to our recall by its localId even when the server echoes nothing else", () => {
    const bare = `{"localId":"rv-k1","response":1,"from":"456456","timestamp":"1731981114242"}`;
    expect(fake().decode(bare).replies).toEqual([{ key: "rv-k1", result: {} }]);
    const refused = bare.replace('"response":1', '"response":2003');
    expect(fake().decode(refused).replies?.[0]).toMatchObject({ key: "rv-k1", problem: { detail: "roomim refused the recall (2003)" } });
  });
});

describe("roomim decode: what it does not map", () => {
  const unknown = (reason: string, raw: unknown, timestamp?: number) => ({
    events: [{ type: "upstream.unknown", data: { reason }, raw, ...(timestamp !== undefined && { timestamp }) }],
  });

  it("an unknown msgType, keeping 64-bit ids exact in raw", () => {
    const frame = `{"response":2,"msgType":999,"room":1860868440666071042,"timestamp":1732501048300}`;
    expect(fake().decode(frame)).toEqual(
      unknown("unknown msgType 999 with response 2", { response: 2, msgType: 999, room: "1860868440666071042", timestamp: 1732501048300 }, 1732501048300),
    );
  });

  it("an unknown response code", () => {
    expect(fake().decode(`{"response":500,"room":1}`)).toEqual(unknown("unknown response 500", { response: 500, room: 1 }));
  });

  it("an acknowledgement without localId", () => {
    expect(fake().decode(`{"response":1,"msgId":"5"}`)).toEqual(unknown("acknowledgement without localId", { response: 1, msgId: "5" }));
  });

  it("a message without msgId", () => {
    expect(fake().decode(`{"response":2,"msgType":1,"room":1}`)).toEqual(unknown("message without msgId or room", { response: 2, msgType: 1, room: 1 }));
  });

  it("text that is not JSON, JSON that is not an object, and binary frames", () => {
    expect(fake().decode("hello {")).toEqual(unknown("not JSON", { text: "hello {" }));
    expect(fake().decode("[1,2]")).toEqual(unknown("JSON frame is not an object", [1, 2]));
    expect(fake().decode("null")).toEqual(unknown("JSON frame is not an object", null));
    expect(fake().decode(new Uint8Array([0, 1, 255]))).toEqual(unknown("binary frame", { base64: "AAH/" }));
  });

  it("never throws, whatever the frame", () => {
    const frames = [
      "",
      "{}",
      `{"response":null}`,
      `{"response":"2","msgType":"1","room":"1","msgId":"2"}`,
      `{"response":2,"msgType":3,"room":1,"msgId":2,"payload":{"imgs":[null,1,{"url":""}]}}`,
      `{"response":2,"msgType":102,"payload":null}`,
      `{"response":2,"msgType":107,"room":{}}`,
      `{"response":302}`,
      `{"response":2002}`,
      `{"response":1,"localId":{"a":1}}`,
      `{"response":2,"msgType":1,"room":1,"msgId":2,"payload":{"mentionedInfo":{"type":2,"userIdList":"x"}},"timestamp":"soon"}`,
    ];
    for (const frame of frames) {
      const out = fake().decode(frame);
      expect(out.events.length + (out.replies?.length ?? 0)).toBeGreaterThan(0);
    }
  });
});

describe("roomim encode", () => {
  it("发送文本消息: the seed's shape, byte for byte, the 19-digit room as a bare number", () => {
    const t = fake();
    const out = t.sent("message.create", { chat: { type: "group", id: "1858415724765278210" }, content: "你好" });
    expect(out).toEqual({
      text: `{"request":1,"msgType":1,"localId":"k1","room":1858415724765278210,"msgText":"你好","payload":{"extras":""}}`,
      await: "k1",
    });
    // The seed's room is a bare 19-digit number: written back with its exact digits.
    const seed = edit(SEND_TEXT, { localId: "k2", msgText: "你好的消息", room: exactNumber("1858415724765278210") }, { extras: "" });
    expect(
      t.sent("message.create", {
        chat: { type: "private", id: "1858415724765278210" },
        content: [
          { type: "text", text: "你好" },
          { type: "text", text: "的消息" },
        ],
      }).text,
    ).toBe(JSON.stringify(seed));
  });

  it("a room id that is not all digits goes out as a string", () => {
    expect(fake().sent("message.create", { chat: { type: "group", id: "room-a" }, content: "x" }).text).toBe(
      `{"request":1,"msgType":1,"localId":"k1","room":"room-a","msgText":"x","payload":{"extras":""}}`,
    );
  });

  it("at艾特: mentions become mentionedInfo", () => {
    const t = fake();
    // Mentions only: the seed's frame, with its default mentionedContent.
    const only = t.sent("message.create", { chat: { type: "group", id: "123123" }, content: [{ type: "mention", user_id: "zhangsan" }] });
    expect(only.text).toBe(JSON.stringify(edit(SEND_MENTION, { localId: "k1", msgText: "" }, { extras: "" })));
    expect(only.text).toBe(
      `{"request":1,"msgType":1,"localId":"k1","room":123123,"msgText":"","payload":{"mentionedInfo":{"type":2,"userIdList":["zhangsan"],"mentionedContent":"有人@你"},"extras":""}}`,
    );
    const withText = t.sent("message.create", {
      chat: { type: "group", id: "123123" },
      content: [
        { type: "mention", user_id: "zhangsan" },
        { type: "mention", user_id: 42 },
        { type: "text", text: "你好" },
      ],
    });
    expect(withText.text).toBe(
      `{"request":1,"msgType":1,"localId":"k2","room":123123,"msgText":"你好","payload":{"mentionedInfo":{"type":2,"userIdList":["zhangsan","42"],"mentionedContent":"你好"},"extras":""}}`,
    );
    const everyone = t.sent("message.create", {
      chat: { type: "group", id: "123123" },
      content: [
        { type: "mention", user_id: "all" },
        { type: "text", text: " 开会" },
      ],
    });
    expect(everyone.text).toBe(
      `{"request":1,"msgType":1,"localId":"k3","room":123123,"msgText":" 开会","payload":{"mentionedInfo":{"type":1,"userIdList":[],"mentionedContent":" 开会"},"extras":""}}`,
    );
  });

  it("发送图片消息: request 2, msgType 3, imgs with the seed's `hight`", () => {
    const image = { type: "image", url: "BAIDU.COM/IMG/1", thumbnail: "BAIDU.COM/IMG/1/mimi", width: 720, height: 360 };
    const out = fake().sent("message.create", { chat: { type: "group", id: "123123" }, content: [{ type: "text", text: "你好" }, image, image] });
    expect(out.await).toBe("k1");
    expect(out.text).toBe(JSON.stringify(edit(SEND_IMAGES, { localId: "k1" }, { extras: "" })));
    const bare = fake().sent("message.create", { chat: { type: "group", id: "1" }, content: [{ type: "image", url: "https://img/a.png" }] });
    expect(bare.text).toBe(
      `{"request":2,"msgType":3,"localId":"k1","room":1,"msgText":"","payload":{"imgs":[{"url":"https://img/a.png","thumbnail":"https://img/a.png"}],"extras":""}}`,
    );
  });

  it("images round-trip: what is sent decodes to the same elements", () => {
    const t = fake();
    const content = [
      { type: "mention", user_id: "u1" },
      { type: "text", text: "看" },
      { type: "image", url: "https://img/a.png", thumbnail: "https://img/a_s.png", width: 10, height: 20 },
    ];
    const out = t.sent("message.create", { chat: { type: "group", id: "9" }, content });
    const echoed = { ...(JSON.parse(out.text) as object), response: 2, from: "u2", msgId: "77" };
    expect((t.decode(JSON.stringify(echoed)).events[0]?.data as any).message.content).toEqual(content);
  });

  it("发送撤回消息: the configured pair, with the message id", () => {
    const out = fake().sent("message.delete", { chat: { type: "group", id: "1858689382414958593" }, message_id: "1858689625873399809" });
    expect(out).toEqual({
      text: `{"request":2,"msgType":1,"localId":"rv-k1","room":1858689382414958593,"msgId":1858689625873399809,"msgText":"","payload":{"extras":""}}`,
      await: "rv-k1",
    });
  });

  it("refuses a quote and elements roomim cannot carry, naming each path", () => {
    const t = fake();
    expect(t.refused("message.create", { chat: { type: "group", id: "1" }, content: "x", reply_to: "5" })).toEqual({
      code: "invalid_request",
      detail: "roomim cannot quote a message",
      errors: [{ path: "reply_to", message: "roomim cannot quote a message" }],
    });
    expect(
      t.refused("message.create", {
        chat: { type: "group", id: "1" },
        content: [
          { type: "text", text: "x" },
          { type: "file", url: "https://f" },
          { type: "markdown", text: "**y**" },
        ],
      }),
    ).toEqual({
      code: "invalid_request",
      detail: "roomim cannot send file; roomim cannot send markdown",
      errors: [
        { path: "content.1.type", message: "roomim cannot send file" },
        { path: "content.2.type", message: "roomim cannot send markdown" },
      ],
    });
    for (const el of [
      { type: "audio", url: "a" },
      { type: "video", url: "v" },
      { type: "emoji", id: "1" },
      { type: "html", text: "<b>" },
      { type: "unknown", raw: 1 },
    ]) {
      expect(t.refused("message.create", { chat: { type: "group", id: "1" }, content: [el] }).errors).toEqual([
        { path: "content.0.type", message: `roomim cannot send ${el.type}` },
      ]);
    }
  });

  it("upstream.raw sends a frame as given and awaits its localId", () => {
    const t = fake();
    const text = `{"request":1,"msgType":1,"localId":"x1","room":1858415724765278210,"msgText":"hi","payload":{"extras":""}}`;
    expect(t.plan("upstream.raw", { frame: text })).toEqual({ kind: "socket", frames: [text], await: "x1" });
    expect(t.plan("upstream.raw", { frame: "ping" })).toEqual({ kind: "socket", frames: ["ping"], await: null });
    expect(t.plan("upstream.raw", { frame: { request: 1, localId: "x2", room: "5" } })).toEqual({
      kind: "socket",
      frames: [`{"request":1,"localId":"x2","room":"5"}`],
      await: "x2",
    });
    expect(t.plan("upstream.raw", { frame: { request: 9 } })).toEqual({ kind: "socket", frames: [`{"request":9}`], await: null });
    expect(t.plan("upstream.raw", { frame: [1, 2] })).toEqual({ kind: "socket", frames: ["[1,2]"], await: null });
    expect(t.refused("upstream.raw", { http: { path: "/x" } })).toEqual({ code: "unsupported_action", detail: "roomim has no HTTP API" });
  });
});
