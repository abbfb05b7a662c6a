/**
 * chat68 (seed 001): the adapter against the seed's own frames and the pushed frames of its
 * origin (verbatim, in test/sim/chat68-seed.ts), plus the frames both leave out in the shape
 * the adapter documents.
 */
import * as SEED from "../sim/chat68-seed.ts";
import { describe, expect, it } from "vitest";
import { chat68 } from "../../src/platforms/chat68/index.ts";
import { Chat68Config } from "../../src/platforms/chat68/frames.ts";
import type { Context, Decoded } from "../../src/platforms/contract.ts";
import { parseLossless } from "../../src/lib/json.ts";

/** A connection's context whose memory is a Map filled from each decode's `remember`. */
function fake(upstream: unknown = { url: "ws://127.0.0.1:5600", api: "http://127.0.0.1:5598" }) {
  const store = new Map<string, unknown>();
  let n = 0;
  const ctx: Context<Chat68Config> = {
    connection: "bot-1",
    config: Chat68Config.parse(upstream),
    now: 1766282300000,
    recall: (key) => store.get(key),
    newKey: () => `k${++n}`,
  };
  const feed = (frame: string | Uint8Array): Decoded => {
    const out = chat68.decode(frame, ctx);
    for (const [k, v] of Object.entries(out.remember ?? {})) {
      if (v === null) store.delete(k);
      else store.set(k, v);
    }
    return out;
  };
  return { ctx, store, decode: feed };
}

/** A frame with `data`'s fields changed in place (key order kept). */
function edit(text: string, changes: Record<string, unknown>): string {
  const frame = parseLossless(text) as { data: Record<string, unknown> };
  Object.assign(frame.data, changes);
  return JSON.stringify(frame);
}

const PWGEN = { id: "7237423", name: "Pwgen" };
const BOT = { id: "4008697", name: "ID采集机器人🤖" };
const HUIMEI = { type: "group", id: "389284", name: "huimei" } as const;

describe("chat68 decode: the greeting and answers to requests", () => {
  it("the greeting is no event", () => {
    expect(fake().decode(SEED.greeting)).toEqual({ events: [] });
    expect(fake().decode('{"message":"Hello"}')).toEqual({ events: [] });
  });

  it.each([
    ["userInfoAnswer", "1"],
    ["contactsListAnswer", "2"],
    ["getGroupsAnswer", "1"],
    ["groupMemberListAnswer", "1"],
    ["contactsDetailAnswer", "1"],
    ["contactsApplyListAnswer", "1"],
    ["onlineStatusAnswer", "1"],
    ["groupDetailAnswer", "1"],
    ["groupNoticeAnswer", "1"],
  ] as const)("the seed's %s is the reply to request id %s, the whole answer as its result", (name, key) => {
    const text = SEED[name];
    expect(fake().decode(text)).toEqual({ events: [], replies: [{ key, result: parseLossless(text) }] });
  });

  it("the seed's getApiUrl answer is a reply and teaches the API host", () => {
    const { decode: feed, store } = fake();
    expect(feed(SEED.getApiUrlAnswer)).toEqual({
      events: [],
      replies: [{ key: "request-1", result: { id: "request-1", type: "getApiUrl", data: "https://webbiz.qika.xyz" } }],
      remember: { apiUrl: "https://webbiz.qika.xyz" },
    });
    expect(store.get("apiUrl")).toBe("https://webbiz.qika.xyz");
  });

  it("the seed's error answer is a 422 naming the client's code and text", () => {
    expect(fake().decode(SEED.errorAnswer)).toEqual({
      events: [],
      replies: [
        {
          key: "error-test",
          problem: {
            code: "upstream_rejected",
            detail: "the 68chat client answered request with error 300: 很抱歉，服务繁忙，请联系客服 #A0030",
            upstream: { code: 300, text: "很抱歉，服务繁忙，请联系客服 #A0030" },
          },
        },
      ],
    });
  });

  it("an error code of 500 or more is the upstream failing: 502", () => {
    const out = fake().decode('{"id":"7","type":"getGroups","error":{"errorCode":500,"errorDesc":"68 not running"}}');
    expect(out.replies).toEqual([
      {
        key: "7",
        problem: {
          code: "upstream_error",
          detail: "the 68chat client answered getGroups with error 500: 68 not running",
          upstream: { code: 500, text: "68 not running" },
        },
      },
    ]);
  });

  it("a web API answer whose commonResult.errCode is not 200 is a refusal with its code and message", () => {
    const out = fake().decode('{"id":"9","type":"request","data":{"commonResult":{"errCode":403,"errMsg":"无权限"}}}');
    expect(out).toEqual({
      events: [],
      replies: [
        {
          key: "9",
          problem: {
            code: "upstream_rejected",
            detail: "the 68chat web API refused the request call with errCode 403: 无权限",
            upstream: { code: 403, text: "无权限" },
          },
        },
      ],
    });
  });

  it("an answer to the heartbeat is a liveness signal, never a reply (even an error)", () => {
    const { decode: feed } = fake();
    expect(feed('{"id":"heartbeat-k1","type":"getApiUrl","data":"https://webbiz.kngg3.com/"}')).toEqual({
      events: [],
      signals: [{ kind: "heartbeat_ack" }],
      remember: { apiUrl: "https://webbiz.kngg3.com" },
    });
    expect(feed('{"id":"heartbeat-k2","type":"getApiUrl","error":{"errorCode":300,"errorDesc":"busy"}}')).toEqual({
      events: [],
      signals: [{ kind: "heartbeat_ack" }],
    });
  });

  it("answers keep 19-digit ids exact", () => {
    const out = fake().decode('{"id":"3","type":"getGroups","data":[{"id":1858689382414958593,"hostId":7237423}]}');
    expect(out.replies).toEqual([{ key: "3", result: { id: "3", type: "getGroups", data: [{ id: "1858689382414958593", hostId: 7237423 }] } }]);
  });
});

describe("chat68 decode: send results (msgListPropertyUpdate)", () => {
  it("readStatus 1 confirms the send waiting on its customMsgId, with the MsgID and time", () => {
    const { decode: feed, store } = fake();
    expect(feed(SEED.sendSucceeded)).toEqual({
      events: [],
      replies: [{ key: "send:10441859254", result: { message_id: "4667081534", timestamp: 1766222907461 }, quiet: true }],
      remember: { "msg:4667081534": { c: "10441859254", t: "group", i: "389284" } },
    });
    expect(store.get("msg:4667081534")).toEqual({ c: "10441859254", t: "group", i: "389284" });
  });

  it("readStatus 0 fails it: 422", () => {
    expect(fake().decode(SEED.sendFailed)).toEqual({
      events: [],
      replies: [
        {
          key: "send:30984532587",
          problem: {
            code: "upstream_rejected",
            detail: "the 68chat client reported the message as not sent (readStatus 0)",
            upstream: { code: 0, text: "message not sent" },
          },
          quiet: true,
        },
      ],
    });
  });

  it("without a list it is kept as upstream.unknown", () => {
    const out = fake().decode('{"operator":"msgListPropertyUpdate","data":{"id":1,"type":"group","list":[]}}');
    expect(out.events).toEqual([
      {
        type: "upstream.unknown",
        data: { reason: "msgListPropertyUpdate without a list of results" },
        raw: { operator: "msgListPropertyUpdate", data: { id: 1, type: "group", list: [] } },
      },
    ]);
  });
});

describe("chat68 decode: messages (msgNew)", () => {
  it("the origin's friend message", () => {
    const { decode: feed, store } = fake();
    expect(feed(SEED.friendText)).toEqual({
      events: [
        {
          type: "message.created",
          data: {
            message: {
              id: "2409462397",
              chat: { type: "private", id: "4008697" },
              sender: { id: "4008697", name: "协议机器人🤖" },
              content: [{ type: "text", text: "Ffg" }],
              text: "Ffg",
            },
          },
          raw: parseLossless(SEED.friendText),
          timestamp: 1766116051970,
        },
      ],
      remember: { "msg:2409462397": { c: "80499052521", t: "private", i: "4008697" } },
    });
    expect(store.size).toBe(1);
  });

  it("the origin's group message: the group's name, the sender's nickname", () => {
    expect(fake().decode(SEED.groupText)).toEqual({
      events: [
        {
          type: "message.created",
          data: {
            message: {
              id: "4626337038",
              chat: { type: "group", id: "389284", name: "huimei、🤖群成员ID采集机器人" },
              sender: PWGEN,
              content: [{ type: "text", text: "hhh" }],
              text: "hhh",
            },
          },
          raw: parseLossless(SEED.groupText),
          timestamp: 1766115963742,
        },
      ],
      remember: { "msg:4626337038": { c: "20298293316", t: "group", i: "389284" } },
    });
  });

  it("our own message (isSelf) is marked self", () => {
    expect(fake().decode(SEED.groupTextSelf)).toEqual({
      events: [
        {
          type: "message.created",
          data: { message: { id: "4688172503", chat: HUIMEI, sender: BOT, content: [{ type: "text", text: "[微笑]" }], text: "[微笑]", self: true } },
          raw: parseLossless(SEED.groupTextSelf),
          timestamp: 1766282269132,
        },
      ],
      remember: { "msg:4688172503": { c: "70790767392", t: "group", i: "389284" } },
    });
  });

  it("an image: url||thumbnail||size||0", () => {
    const out = fake().decode(SEED.groupImage);
    expect(out.events).toEqual([
      {
        type: "message.created",
        data: {
          message: {
            id: "4688146125",
            chat: HUIMEI,
            sender: BOT,
            content: [
              {
                type: "image",
                url: "http://r11.aiolet.xyz/chat/pic/202512/21/2e11f6748829b59e3f11f9e1f71ccc10.jpeg",
                thumbnail: "http://r11.aiolet.xyz/chat/pic/202512/21/48b807c116ffe851c96d43897e9813eb.jpeg",
              },
            ],
            text: "",
            self: true,
          },
        },
        raw: parseLossless(SEED.groupImage),
        timestamp: 1766282182859,
      },
    ]);
  });

  it("a file: url||name||size", () => {
    const out = fake().decode(SEED.groupFile);
    expect(out.events[0]?.data).toEqual({
      message: {
        id: "4688196815",
        chat: HUIMEI,
        sender: BOT,
        content: [{ type: "file", url: "http://r11.aiolet.xyz/chat/file/202512/21/e158596ff68fd6a4669a7a7f02283a61.xml", name: "ui.xml", size: 11994 }],
        text: "",
        self: true,
      },
    });
    expect(out.remember).toEqual({ "msg:4688196815": { c: "10735110335", t: "group", i: "389284" } });
  });

  it("a dice roll: points||nonce", () => {
    const out = fake().decode(SEED.groupDice);
    expect(out.events).toEqual([
      {
        type: "message.created",
        data: {
          message: {
            id: "4966349477",
            chat: HUIMEI,
            sender: { id: "4008697", name: "unknown" },
            content: [{ type: "emoji", id: "dice:1", text: "🎲1" }],
            text: "🎲1",
            self: true,
          },
        },
        raw: parseLossless(SEED.groupDice),
        timestamp: 1767006189933,
      },
    ]);
  });

  const contentOf = (changes: Record<string, unknown>) => {
    const out = fake().decode(edit(SEED.groupText, changes));
    expect(out.events).toHaveLength(1);
    expect(out.events[0]?.type).toBe("message.created");
    return out.events[0]?.data.message as { content: unknown; text: string };
  };

  it.each([
    [2, "http://r.example/v.mp3||7", [{ type: "audio", url: "http://r.example/v.mp3", duration_s: 7 }]],
    [3, "http://r.example/v.mp4||http://r.example/c.jpg||1024", [{ type: "video", url: "http://r.example/v.mp4" }]],
    [100, "https://live.example/s.m3u8", [{ type: "video", url: "https://live.example/s.m3u8" }]],
    [9, "http://r.example/a.gif||x", [{ type: "image", url: "http://r.example/a.gif" }]],
    [11, "<b>hi</b>", [{ type: "html", text: "<b>hi</b>" }]],
    [16, "<i>hi</i>", [{ type: "html", text: "<i>hi</i>" }]],
    [
      17,
      '["http://r.example/1.jpg||http://r.example/1s.jpg","http://r.example/2.jpg"]',
      [
        { type: "image", url: "http://r.example/1.jpg", thumbnail: "http://r.example/1s.jpg" },
        { type: "image", url: "http://r.example/2.jpg" },
      ],
    ],
    [
      17,
      "http://r.example/1.jpg,http://r.example/2.jpg",
      [
        { type: "image", url: "http://r.example/1.jpg" },
        { type: "image", url: "http://r.example/2.jpg" },
      ],
    ],
  ])("msgType %i %j → %j", (msgType, content, expected) => {
    expect(contentOf({ msgType, content }).content).toEqual(expected);
  });

  it.each([
    [4, "location"],
    [5, "name card"],
    [6, "system message"],
    [10, "red packet"],
    [13, "transfer"],
    [18, "playing cards"],
    [102, "group tip"],
    [202, "error tip"],
    [-1, "unknown message"],
    [-2, "undecryptable message"],
    [77, "unlisted"],
  ])("msgType %i (%s) is an unknown element keeping the raw content", (msgType, kind) => {
    const m = contentOf({ msgType, content: "opaque||1" });
    expect(m.content).toEqual([{ type: "unknown", raw: { msgType, kind, content: "opaque||1" } }]);
    expect(m.text).toBe("");
  });

  it("an image whose content is not a URL is an unknown element", () => {
    expect(contentOf({ msgType: 1, content: "garbage" }).content).toEqual([{ type: "unknown", raw: { msgType: 1, kind: "image", content: "garbage" } }]);
  });

  it("mentions (atUids) come before the text", () => {
    const m = contentOf({ atUids: [7128348, "4017572"], content: "@a @b hi" });
    expect(m.content).toEqual([
      { type: "mention", user_id: "7128348" },
      { type: "mention", user_id: "4017572" },
      { type: "text", text: "@a @b hi" },
    ]);
  });

  it("a notice (msgType 8) in a group is the group's new notice", () => {
    const out = fake().decode(edit(SEED.groupText, { msgType: 8, content: "新的群通知" }));
    expect(out.events).toEqual([
      {
        type: "group.updated",
        data: { group: { type: "group", id: "389284", name: "huimei、🤖群成员ID采集机器人" }, notice: "新的群通知" },
        raw: expect.any(Object),
        timestamp: 1766115963742,
      },
    ]);
  });

  it("a recall (msgType 203) deletes the message its content names; 201 likewise", () => {
    expect(fake().decode(edit(SEED.groupText, { msgType: 203, content: "4626330000" })).events).toEqual([
      {
        type: "message.deleted",
        data: { message: { id: "4626330000", chat: { type: "group", id: "389284", name: "huimei、🤖群成员ID采集机器人" } }, operator: { id: "7237423" } },
        raw: expect.any(Object),
        timestamp: 1766115963742,
      },
    ]);
    expect(fake().decode(edit(SEED.friendText, { msgType: 201, content: "" })).events[0]?.data).toEqual({
      message: { id: "2409462397", chat: { type: "private", id: "4008697" } },
      operator: { id: "4008697" },
    });
  });

  it("a message sent by this account to a friend is in the chat with that friend", () => {
    const text =
      '{"operator":"msgNew","data":{"msgType":0,"msgId":2409462398,"sendUid":7128348,"receiveUid":4008697,"content":"yo","sendTime":1766116051999,"isSelf":true,"type":"friend"}}';
    expect(fake().decode(text).events[0]?.data).toEqual({
      message: {
        id: "2409462398",
        chat: { type: "private", id: "4008697" },
        sender: { id: "7128348" },
        content: [{ type: "text", text: "yo" }],
        text: "yo",
        self: true,
      },
    });
  });

  it("19-digit ids stay exact", () => {
    const ids = ["1858689382414958593", "9223372036854775807", "1000000000000000001", "1858679205636755457"];
    for (const id of ids) {
      const text = `{"operator":"msgNew","data":{"msgType":0,"msgId":${id},"sendUid":${id},"groupId":${id},"content":"x","type":"group","customMsgId":"10441859254"}}`;
      const out = fake().decode(text);
      expect(out.events[0]?.data).toEqual({ message: { id, chat: { type: "group", id }, sender: { id }, content: [{ type: "text", text: "x" }], text: "x" } });
      expect(out.remember).toEqual({ [`msg:${id}`]: { c: "10441859254", t: "group", i: id } });
    }
  });

  it("a msgNew without an id or of an unknown chat type is kept as upstream.unknown", () => {
    const noId = fake().decode('{"operator":"msgNew","data":{"msgType":0,"type":"group","groupId":1,"content":"x"}}');
    expect(noId.events).toEqual([
      {
        type: "upstream.unknown",
        data: { reason: "msgNew without a message id or chat id" },
        raw: { operator: "msgNew", data: { msgType: 0, type: "group", groupId: 1, content: "x" } },
      },
    ]);
    const channel = fake().decode('{"operator":"msgNew","data":{"msgType":0,"type":"channel","id":1,"msgId":2}}');
    expect(channel.events[0]).toMatchObject({ type: "upstream.unknown", data: { reason: "msgNew without type" } });
  });
});

describe("chat68 decode: group changes and recalls", () => {
  it("groupUpdate with a new name", () => {
    expect(fake().decode(SEED.groupRenamed)).toEqual({
      events: [{ type: "group.updated", data: { group: { id: "389284", name: "新的群名" }, name: "新的群名" }, raw: parseLossless(SEED.groupRenamed) }],
    });
  });

  it("groupUpdate with a notice and other values", () => {
    const out = fake().decode('{"operator":"groupUpdate","data":{"type":"group","id":389284,"values":{"notice":"n","bfJoinCheck":true}}}');
    expect(out.events[0]?.data).toEqual({ group: { id: "389284" }, notice: "n", values: { bfJoinCheck: true } });
  });

  it("whole-group mute on and off", () => {
    expect(fake().decode(SEED.groupMutedAll)).toEqual({
      events: [
        { type: "group.member.muted", data: { group: { id: "389284" }, duration_s: -1 }, raw: parseLossless(SEED.groupMutedAll), timestamp: 1766116603039 },
      ],
    });
    expect(fake().decode(SEED.groupUnmutedAll).events).toEqual([
      { type: "group.member.muted", data: { group: { id: "389284" }, duration_s: 0 }, raw: parseLossless(SEED.groupUnmutedAll), timestamp: 1766116603039 },
    ]);
  });

  it("burn-after-reading switched on and off", () => {
    expect(fake().decode(SEED.readCancelOn).events).toEqual([
      {
        type: "group.updated",
        data: { group: { id: "389284" }, burn_after_reading: "「管理員設定了訊息已讀30秒後銷毀」" },
        raw: parseLossless(SEED.readCancelOn),
        timestamp: 1766116668353,
      },
    ]);
    expect(fake().decode(SEED.readCancelOff).events[0]?.data).toEqual({ group: { id: "389284" }, burn_after_reading: "Pwgen  關閉了閱後即焚" });
  });

  it("an unknown group notification is kept as upstream.unknown", () => {
    const out = fake().decode('{"operator":"msgNew","operatorType":"groupTransfer","data":{"groupId":1,"msgType":50}}');
    expect(out.events[0]).toMatchObject({ type: "upstream.unknown", data: { reason: 'unknown group notification "groupTransfer"' } });
  });

  it("recall_msg of a message never seen: the chat is its target", () => {
    expect(fake().decode(SEED.recallBothSides)).toEqual({
      events: [
        {
          type: "message.deleted",
          data: { message: { id: "2565552547", chat: { type: "private", id: "4008697" } } },
          raw: parseLossless(SEED.recallBothSides),
          timestamp: 1773390253258,
        },
      ],
    });
  });

  it("recall_msg of a message seen before: its remembered chat", () => {
    const { decode: feed } = fake();
    feed(edit(SEED.friendText, { msgId: 2565552547, id: 7128348, friendId: 7128348 }));
    expect(feed(SEED.recallBothSides).events[0]?.data).toEqual({ message: { id: "2565552547", chat: { type: "private", id: "7128348" } } });
  });
});

describe("chat68 decode: what it does not map", () => {
  it.each([
    ["binary", new Uint8Array([1, 2, 3]), "binary frame", { base64: "AQID" }],
    ["not JSON", "hello", "not JSON", { text: "hello" }],
    ["an array", "[1]", "JSON frame is not an object", [1]],
    ["no operator, no id", '{"foo":1}', "neither a pushed frame (operator) nor an answer (id, type)", { foo: 1 }],
    ["an unknown operator", '{"operator":"friendAdd","data":{}}', 'unknown operator "friendAdd"', { operator: "friendAdd", data: {} }],
    ["an answer with an object id", '{"id":{},"type":"getGroups"}', "answer with an unusable id {}", { id: {}, type: "getGroups" }],
  ] as const)("%s → upstream.unknown", (_name, frame, reason, raw) => {
    expect(fake().decode(frame)).toEqual({ events: [{ type: "upstream.unknown", data: { reason }, raw }] });
  });
});
