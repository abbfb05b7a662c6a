/**
 * The OpenAPI document is complete (every route of the app, every event type) and the event
 * schemas it is made from accept what the adapters really produce from the seeds' frames.
 */
import { describe, expect, it } from "vitest";
import { app } from "../../src/api/app.ts";
import { openapi } from "../../src/api/openapi.ts";
import { Event, EventBatch, PLATFORM_EVENT_DATA } from "../../src/events/payloads.ts";
import { EVENT_TYPES } from "../../src/events/types.ts";
import type { Context } from "../../src/platforms/contract.ts";
import { PLATFORMS } from "../../src/platforms/index.ts";
import * as CHAT68_SEED from "../sim/chat68-seed.ts";
import * as OICQ from "../sim/oicq-frames.ts";
import * as YUNHU from "../sim/yunhu-frames.ts";
import * as ROOMIM_SEED from "../sim/roomim-seed.ts";
import * as WSCHAT_SEED from "../sim/wschat-seed.ts";

type Doc = {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, unknown> }>>;
  webhooks: Record<string, unknown>;
  servers: { url: string }[];
};
const doc = openapi("https://relay.example") as unknown as Doc;
const METHODS = ["get", "put", "post", "patch", "delete"];

describe("the OpenAPI document", () => {
  it("has an operation with a unique operationId for every route the app serves", () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) for (const m of METHODS) if (item[m]) ids.push(item[m].operationId ?? `missing: ${m} ${path}`);
    expect(ids.filter((id) => id.startsWith("missing"))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const routes = app.routes.filter((r) => METHODS.includes(r.method.toLowerCase()));
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      if (path.includes("/actions/{name}")) {
        // one documented path per action every platform knows
        for (const p of Object.values(PLATFORMS))
          for (const name of Object.keys(p.actions)) expect(doc.paths[path.replace("{name}", name)]?.post, name).toBeDefined();
      } else expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
  });

  it("documents every event type and the batch body as webhooks, and names the relay first in servers", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES, "batch"].sort());
    expect(doc.servers[0]!.url).toBe("https://relay.example");
  });
});

function fakeContext(platform: string, config: unknown): Context<unknown> {
  const memory = new Map<string, unknown>();
  let n = 0;
  return { connection: "c1", config: PLATFORMS[platform]!.upstream.parse(config), now: 1732503600000, recall: (k) => memory.get(k), newKey: () => `k${++n}` };
}

// The oicq seed's examples hold placeholders ("private|group", 0): the simulator's builders make real packets.
const msgID = OICQ.packMsgID(1700000000, 7, 42);
const content = [OICQ.el.text("hi "), OICQ.el.mention(0, "@all"), OICQ.el.image("https://img/1", true), OICQ.el.emoji(14, "/微笑")];
const OICQ_FRAMES = Object.fromEntries(
  Object.entries({
    privateMsg: OICQ.msg({
      type: "private",
      time: 1700000000,
      known: true,
      channel: 0,
      channel_name: "",
      sender: 10001,
      sender_nick: "ann",
      ref_channel: 0,
      ref_channel_name: "",
      msgID,
      msgContent: content,
      msgString: "hi",
    }),
    strangerMsg: OICQ.msg({
      type: "private",
      time: 1700000000,
      known: false,
      channel: 20002,
      channel_name: "g",
      sender: 10002,
      sender_nick: "bob",
      ref_channel: 20002,
      ref_channel_name: "g",
      msgID,
      msgContent: content,
      msgString: "hi",
    }),
    anonymousMsg: OICQ.msg({
      type: "group",
      time: 1700000000,
      known: false,
      channel: 20002,
      channel_name: "g",
      sender: 80000000,
      sender_nick: "anon",
      ref_channel: 0,
      ref_channel_name: "",
      msgID,
      msgContent: content,
      msgString: "hi",
    }),
    revoke: OICQ.revoke({ type: "group", time: 1700000000, revoker: 10001, channel: 20002, known: true, msgID }),
    online: OICQ.online(),
    friendRequest: OICQ.newFriendRequest({ who: 10003, nick: "cat", source: "20002", comment: "hello", eventID: OICQ.packEventID(1, 2) }),
    groupInvite: OICQ.groupInvite({ group: 20003, groupName: "h", inviter: 10001, eventID: OICQ.packEventID(3, 4) }),
    friendAdded: OICQ.friendAdded({ who: 10003, nick: "cat" }),
    friendRemoved: OICQ.friendRemoved({ who: 10003, nick: "cat" }),
    groupJoined: OICQ.groupJoined({ name: "h", which: 20003 }),
    groupLeft: OICQ.groupLeft({ which: 20003, name: "h", operator: 10001 }),
    joinRequest: OICQ.joinRequest({ who: 10004, group: 20002, comment: "let me in", inviter: 0, eventID: OICQ.packEventID(5, 6) }),
    mute: OICQ.mute({ who: 0, group: 20002, operator: 10001, duration: 600 }),
    admin: OICQ.admin({ who: 10002, group: 20002, status: true }),
    memberJoined: OICQ.memberJoined({ who: 10004, nick: "dan", group: 20002, group_name: "g" }),
    memberLeft: OICQ.memberLeft({ who: 10004, group: 20002, group_name: "g", operator: 0 }),
  }).map(([name, frame]) => [name, OICQ.encode(frame)]),
);

const sender = { chatId: "1001", chatType: 1, name: "ann" };
const push = (extra: Record<string, unknown>) => ({
  msgId: "m1",
  sender,
  recvId: "7356666",
  chatId: "2002",
  chatType: 2,
  contentType: 1,
  timestamp: 1700000000000,
  msgSeq: 9,
  ...extra,
});
const YUNHU_FRAMES: Record<string, Uint8Array> = {
  text: YUNHU.pushMessage(
    "1",
    "push_message",
    push({ content: { text: "hi", mentionedId: ["1002"], quoteMsgText: "q" }, quoteMsgId: "m0", cmd: { cmdId: 3, name: "/help" } }),
  ),
  image: YUNHU.pushMessage("2", "push_message", push({ contentType: 2, content: { imageUrl: "https://img/1", width: 10, height: 20 } })),
  file: YUNHU.pushMessage("3", "push_message", push({ contentType: 4, content: { fileUrl: "https://f/1", fileName: "a.txt", fileSize: 3 } })),
  audio: YUNHU.pushMessage("4", "push_message", push({ contentType: 11, content: { audioUrl: "https://a/1", audioTime: 3 } })),
  recall: YUNHU.pushMessage("5", "push_message", push({ content: { text: "x" }, deleteTimestamp: 1700000001000 })),
  edit: YUNHU.pushMessage("6", "edit_message", push({ content: { text: "edited" }, editTime: 1700000002000 })),
  blocked: YUNHU.pushMessage("7", "blocked_message", push({ content: { text: "bad" } })),
  stream: YUNHU.streamMessage("8", { msgId: "m1", recvId: "2002", chatId: "2002", content: " more" }),
  draft: YUNHU.draftInput("9", { chatId: "2002", input: "typing…" }),
  fileShare: YUNHU.fileSendMessage("10", { sendUserId: "1001", userId: "7356666", tempCode: 1234, sendType: "candidate", data: '{"a":1}', sendDeviceId: "d1" }),
  invite: YUNHU.inviteApply("11"),
};

// wschat's seed lists fields; its fixtures are frames built from them.
const WSCHAT_FRAMES = Object.fromEntries((["unicast", "multicast", "notification"] as const).map((name) => [name, WSCHAT_SEED.text(WSCHAT_SEED[name])]));

describe("the event schema", () => {
  const cases: [string, Record<string, unknown>, unknown][] = [
    ["yunhu", YUNHU_FRAMES, { userId: "7356666", token: "t" }],
    ["roomim", ROOMIM_SEED, { url: "wss://im.example.com/ws" }],
    ["oicq", OICQ_FRAMES, { url: "ws://127.0.0.1:9000/ws" }],
    ["chat68", CHAT68_SEED, { url: "ws://127.0.0.1:5600" }],
    ["wschat", WSCHAT_FRAMES, { url: "ws://127.0.0.1:9004/ws", accessToken: "tok-me" }],
  ];
  for (const [platform, seed, config] of cases) {
    it(`accepts every event ${platform}'s adapter decodes from its frames`, () => {
      const ctx = fakeContext(platform, config);
      let checked = 0;
      let mapped = 0;
      for (const [name, frame] of Object.entries(seed)) {
        if (!(frame instanceof Uint8Array) && (typeof frame !== "string" || !frame.trimStart().startsWith("{"))) continue;
        for (const draft of PLATFORMS[platform]!.decode(frame as string | Uint8Array, ctx).events) {
          const event = { id: "evt_01JD8Z6Q3C5X7R2M4N6P8T0V2W", connection: "c1", platform, timestamp: 1, ...draft };
          const parsed = Event.safeParse(event);
          expect(parsed.error?.issues ?? [], `${name} → ${draft.type}`).toEqual([]);
          checked++;
          if (draft.type !== "upstream.unknown") mapped++;
          const own = PLATFORM_EVENT_DATA[draft.type]?.[platform];
          if (own) expect(own.safeParse(draft.data).error?.issues ?? [], `${name} → ${platform}'s ${draft.type}`).toEqual([]);
        }
      }
      expect(mapped).toBeGreaterThanOrEqual(Math.min(5, checked));
    });
  }

  it("rejects an event whose data does not match its type, and takes a batch", () => {
    const base = { id: "evt_01JD8Z6Q3C5X7R2M4N6P8T0V2W", connection: "c1", platform: "roomim", timestamp: 1 };
    expect(Event.safeParse({ ...base, type: "message.created", data: { message: { id: "1" } } }).success).toBe(false);
    expect(Event.safeParse({ ...base, type: "no.such", data: {} }).success).toBe(false);
    const test = { ...base, type: "webhook.test", data: {} };
    expect(EventBatch.parse({ type: "batch", events: [test] }).events[0]!.type).toBe("webhook.test");
  });
});
