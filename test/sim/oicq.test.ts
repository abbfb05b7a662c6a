import { describe, expect, it } from "vitest";
import { useSim } from "./client.ts";
import type { SimClient } from "./client.ts";
import { el, FRIEND, FRIEND_2, GROUP, GROUP_2, NEW_GROUP, NEWCOMER, startOicq, STRANGER, WHOLE_GROUP_MUTE } from "./oicq.ts";
import type { OicqSim } from "./oicq.ts";
import * as seed from "./oicq-seed.ts";

const PING_MS = 100;

/** The shape of a JSON value with key order: objects as [key, shape] pairs, leaves as types. */
type Shape = string | [string, Shape][];

function shape(value: unknown): Shape {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "object") return Object.entries(value).map(([k, v]) => [k, shape(v)] as [string, Shape]);
  return typeof value;
}

/** A seed example's shape; msgID as a string (the seed writes 0), `drop` keys left out. */
function seedShape(text: string, drop: string[] = []): Shape {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value) || value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (drop.includes(k)) continue;
      out[k] = k === "msgID" ? "" : strip(v);
    }
    return out;
  };
  return shape(strip(JSON.parse(text)));
}

function data(text: string): Record<string, any> {
  return JSON.parse(text).data;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectMsgID(id: unknown, time?: number): void {
  expect(typeof id).toBe("string");
  const bytes = Buffer.from(id as string, "base64");
  expect(bytes.length).toBe(12);
  expect(bytes.toString("base64")).toBe(id);
  if (time !== undefined) expect(bytes.readUInt32LE(0)).toBe(time);
}

function eventIDParts(id: unknown): { id: number; seq: number } {
  expect(typeof id).toBe("string");
  const bytes = Buffer.from(id as string, "base64");
  expect(bytes.length).toBe(16);
  return { id: Number(bytes.readBigUInt64LE(0)), seq: Number(bytes.readBigUInt64LE(8)) };
}

let sim: OicqSim;
const fixture = useSim(async () => (sim = await startOicq({ pingIntervalMs: PING_MS })));
const { control } = fixture;

function connect(path = "/", options: { autoPong?: boolean } = {}): Promise<SimClient> {
  return fixture.connect(path, options);
}

interface Reply {
  status: number;
  type: string | null;
  text: string;
  json: any;
}

async function call(method: "GET" | "POST", path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply> {
  const res = await fetch(`${sim.httpUrl}${path}`, {
    method,
    headers: headers ?? (body !== undefined ? { "content-type": "application/json" } : {}),
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get("content-type"), text, json };
}

const api = {
  get: (path: string) => call("GET", path),
  post: (path: string, body: unknown) => call("POST", path, body),
};

describe("the ping rule", () => {
  it("keeps a client that answers pings over many intervals, pinging every interval", async () => {
    const client = await connect("/any/path?x=1");
    await sleep(PING_MS * 8 + 50);
    expect(client.isOpen).toBe(true);
    expect(sim.terminations).toEqual([]);
    expect(client.pingsAt.length).toBeGreaterThanOrEqual(6);
    const gaps = client.pingsAt.slice(1).map((t, i) => t - (client.pingsAt[i] as number));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(PING_MS * 0.5);
      expect(gap).toBeLessThan(PING_MS * 3);
    }
    const record = sim.connections[0];
    expect(record).toMatchObject({ path: "/any/path", query: { x: "1" }, open: true, status: 101 });
    expect(record?.pongs).toBeGreaterThanOrEqual(record!.pings - 1);
  });

  it("terminates a client that does not answer, by the tick after the unanswered ping", async () => {
    const start = Date.now();
    const client = await connect("/", { autoPong: false });
    const closed = await client.closed;
    const elapsed = Date.now() - start;
    expect(closed.code).toBe(1006); // no close frame: terminated
    expect(elapsed).toBeGreaterThanOrEqual(PING_MS * 1.5);
    expect(elapsed).toBeLessThan(PING_MS * 6);
    expect(client.pingsAt.length).toBe(1);
    const [termination] = sim.terminations;
    expect(termination).toMatchObject({ path: "/", connection: 0, pings: 1, pongs: 0 });
    await sleep(50);
    expect(sim.connections[0]).toMatchObject({ open: false, closeCode: 1006 });
  });

  it("terminates only the silent client when several are connected", async () => {
    const good = await connect();
    const silent = await connect("/", { autoPong: false });
    await silent.closed;
    await sleep(PING_MS * 3);
    expect(good.isOpen).toBe(true);
    expect(sim.terminations.map((t) => t.connection)).toEqual([1]);
    expect(sim.clients()).toBe(1);
  });

  it("answers the client's own pings", async () => {
    const client = await connect();
    expect(await client.pingAnswered(500)).toBe(true);
    expect(sim.connections[0]?.clientPings).toBe(1);
  });

  it("stopPinging: no pings and no terminations until resumed", async () => {
    sim.stopPinging(true);
    const silent = await connect("/", { autoPong: false });
    await sleep(PING_MS * 5);
    expect(silent.isOpen).toBe(true);
    expect(silent.pingsAt).toEqual([]);
    sim.stopPinging(false);
    await silent.closed;
    expect(sim.terminations).toHaveLength(1);
  });

  it("pause: a hung daemon sends no pings, answers no pings, holds HTTP and keeps TCP open", async () => {
    const client = await connect();
    await sleep(PING_MS * 2);
    expect(client.pingsAt.length).toBeGreaterThan(0);

    sim.pause(true);
    // A ping sent just before the pause may still be on its way: count from after it lands.
    await sleep(PING_MS / 2);
    const pingsBefore = client.pingsAt.length;
    const silent = await connect("/", { autoPong: false });
    expect(await client.pingAnswered(PING_MS * 3)).toBe(false);
    await expect(fetch(`${sim.httpUrl}/user/basicInfo`, { signal: AbortSignal.timeout(PING_MS * 3) })).rejects.toThrow();
    const held = fetch(`${sim.httpUrl}/user/getGroupList`).then((r) => r.json());
    await sleep(PING_MS * 3);
    expect(client.pingsAt.length).toBe(pingsBefore);
    expect(client.isOpen).toBe(true);
    expect(silent.isOpen).toBe(true);
    expect(sim.terminations).toEqual([]);
    const waiting = await sim.waitForRequest((r) => r.path === "/user/getGroupList");
    expect(waiting.response).toBeUndefined();
    // The control API still answers.
    expect((await control("GET", "/control/state")).json).toMatchObject({ paused: true, clients: 2 });

    sim.pause(false);
    expect(await held).toMatchObject({ status: { code: 0 } });
    expect(waiting.response?.status).toBe(200);
    await silent.closed;
    await sleep(PING_MS * 2);
    expect(client.isOpen).toBe(true);
    expect(client.pingsAt.length).toBeGreaterThan(pingsBefore);
    expect(await client.pingAnswered(500)).toBe(true);
    expect(sim.terminations).toHaveLength(1);
  });
});

describe("pushes", () => {
  it("a friend's private message: the seed's keys and order, no reply, realistic values", async () => {
    const client = await connect();
    const sent = sim.privateMessage({ text: "晚上一起吃饭吗" });
    expect(await client.nextText()).toBe(sent);
    expect(shape(JSON.parse(sent))).toEqual(seedShape(seed.msg, ["reply"]));
    const d = data(sent);
    expect(d).toMatchObject({
      type: "private",
      known: true,
      channel: FRIEND,
      channel_name: "张伟",
      sender: FRIEND,
      sender_nick: "张伟",
      ref_channel: 0,
      ref_channel_name: "",
      msgContent: [{ type: "text", text: "晚上一起吃饭吗" }],
      msgString: "晚上一起吃饭吗",
    });
    expect(Math.abs(d.time - nowSeconds())).toBeLessThanOrEqual(1);
    expectMsgID(d.msgID, d.time);
    expect(sent).toMatch(/"channel":1538204751,/); // QQ numbers are JSON numbers
  });

  it("a friend with a remark is shown by the remark", () => {
    const d = data(sim.privateMessage({ channel: FRIEND_2 }));
    expect(d).toMatchObject({ channel_name: "娜娜", sender_nick: "娜娜" });
  });

  it("a stranger's private message carries the source group", () => {
    const d = data(sim.privateMessage({ refChannel: GROUP }));
    expect(d).toMatchObject({
      known: false,
      channel: STRANGER,
      channel_name: "小陈",
      sender: STRANGER,
      sender_nick: "小陈",
      ref_channel: GROUP,
      ref_channel_name: "技术交流群",
    });
  });

  it("a group message, and an anonymous one", () => {
    const plain = sim.groupMessage();
    expect(shape(JSON.parse(plain))).toEqual(seedShape(seed.msg, ["reply"]));
    expect(data(plain)).toMatchObject({
      type: "group",
      known: true,
      channel: GROUP,
      channel_name: "技术交流群",
      sender: FRIEND_2,
      sender_nick: "李娜",
      ref_channel: 0,
      ref_channel_name: "",
    });
    const anon = data(sim.groupMessage({ anonymous: true, text: "匿名提问" }));
    expect(anon).toMatchObject({ known: false, sender: 80000000, sender_nick: "大力水手" });
    const named = data(sim.groupMessage({ anonymous: { id: 80000123, name: "小可爱" } }));
    expect(named).toMatchObject({ known: false, sender: 80000123, sender_nick: "小可爱" });
  });

  it("a reply quotes the last message of the channel, with the seed's reply keys", () => {
    const first = data(sim.groupMessage({ sender: FRIEND, text: "今晚发版" }));
    const reply = sim.groupMessage({ reply: true, text: "收到" });
    expect(shape(JSON.parse(reply))).toEqual(seedShape(seed.msg));
    expect(data(reply).reply).toEqual({ to: FRIEND, time: first.time, summary: "今晚发版", id: first.msgID });
    const custom = data(sim.privateMessage({ reply: { summary: "自定义" } }));
    expect(Object.keys(custom.reply)).toEqual(["to", "time", "summary", "id"]);
    expect(custom.reply.summary).toBe("自定义");
    expectMsgID(custom.reply.id);
  });

  it("content elements in the daemon's shapes and key order, with a msgString", () => {
    const content = [
      el.mention(FRIEND, "@张伟"),
      el.text(" 看这个"),
      el.image("https://gchat.qpic.cn/gchatpic_new/1/2/0", false),
      el.image("https://gchat.qpic.cn/gchatpic_new/1/3/0", true),
      el.emoji(14, "/微笑"),
      el.mention(0, "@全体成员"),
      el.xml('<?xml version="1.0"?><msg serviceID="1"/>'),
      el.json('{"app":"com.tencent.miniapp"}'),
    ];
    const d = data(sim.groupMessage({ content }));
    expect(JSON.stringify(d.msgContent)).toBe(
      '[{"type":"mention","target":1538204751,"displayText":"@张伟"},{"type":"text","text":" 看这个"},' +
        '{"type":"image","asEmoji":false,"url":"https://gchat.qpic.cn/gchatpic_new/1/2/0"},' +
        '{"type":"image","asEmoji":true,"url":"https://gchat.qpic.cn/gchatpic_new/1/3/0"},' +
        '{"type":"emoji","id":14,"replaceText":"/微笑"},{"type":"mention","target":0,"displayText":"@全体成员"},' +
        '{"type":"xml","data":"<?xml version=\\"1.0\\"?><msg serviceID=\\"1\\"/>"},' +
        '{"type":"json","data":"{\\"app\\":\\"com.tencent.miniapp\\"}"}]',
    );
    expect(d.msgString).toBe("@张伟 看这个[图片][动画表情][/微笑]@全体成员[XML卡片消息][JSON卡片消息]");
    // Elements given in another key order are written in the daemon's.
    const reordered = data(sim.groupMessage({ content: [{ url: "u", type: "image", asEmoji: false }] }));
    expect(JSON.stringify(reordered.msgContent)).toBe('[{"type":"image","asEmoji":false,"url":"u"}]');
  });

  it("a forwarded element's id can be expanded with mesg/parseForwardedMsg", async () => {
    const id = "Yz0Pp8cM8v2gA1q5X0y7nTQ4bE9s3kLm2H6fJ8dR1wUoZtViBxNcKeSgDhFjPlQa";
    sim.groupMessage({ content: [el.forwarded(id)] });
    const res = await api.get(`/mesg/parseForwardedMsg?id=${encodeURIComponent(id)}`);
    expect(res.json.status).toEqual({ code: 0 });
    expect(res.json.msgs).toHaveLength(2);
    expect(Object.keys(res.json.msgs[0])).toEqual(["id", "time", "nickname", "msgContent"]);
  });

  it("revoke: a friend's private message, channel 0", () => {
    const m = data(sim.privateMessage());
    const sent = sim.revoke();
    expect(shape(JSON.parse(sent))).toEqual(seedShape(seed.revoke));
    expect(data(sent)).toEqual({ type: "private", time: data(sent).time, revoker: FRIEND, channel: 0, known: true, msgID: m.msgID });
  });

  it("revoke: a stranger's, with the source group, or -1 when it is unknown", () => {
    const m = data(sim.privateMessage({ refChannel: GROUP }));
    expect(data(sim.revoke())).toMatchObject({ type: "private", revoker: STRANGER, channel: GROUP, known: false, msgID: m.msgID });
    const msgID = "AAAAAAAAAAAAAAAA";
    const unknown = data(sim.revoke({ msgID, type: "private", known: false, revoker: 1122334455 }));
    expect(unknown).toMatchObject({ channel: -1, known: false, revoker: 1122334455, msgID });
  });

  it("revoke: a group message", () => {
    const m = data(sim.groupMessage());
    expect(data(sim.revoke())).toMatchObject({ type: "group", revoker: FRIEND_2, channel: GROUP, known: true, msgID: m.msgID });
    const anon = data(sim.groupMessage({ anonymous: true }));
    expect(data(sim.revoke({ msgID: anon.msgID }))).toMatchObject({ type: "group", known: false, revoker: 80000000 });
  });

  it("online and offline", async () => {
    const client = await connect();
    expect(sim.online()).toBe('{"type":"user","data":{"type":"online"}}');
    expect(sim.offline()).toBe('{"type":"user","data":{"type":"offline"}}');
    expect(await client.nextText()).toBe('{"type":"user","data":{"type":"online"}}');
    expect(await client.nextText()).toBe('{"type":"user","data":{"type":"offline"}}');
    expect(shape(JSON.parse(sim.online()))).toEqual(seedShape(seed.onlineOffline));
  });

  it("newFriendRequest with a 16-byte eventID naming the requester", () => {
    const sent = sim.newFriendRequest();
    expect(shape(JSON.parse(sent))).toEqual(seedShape(seed.newFriendRequest));
    const d = data(sent);
    expect(d).toMatchObject({ type: "newFriendRequest", who: NEWCOMER, nick: "刘洋", source: "QQ号查找" });
    expect(eventIDParts(d.eventID).id).toBe(NEWCOMER);
  });

  it("groupInvite with an eventID naming the group", () => {
    const sent = sim.groupInvite();
    expect(shape(JSON.parse(sent))).toEqual(seedShape(seed.groupInvite));
    const d = data(sent);
    expect(d).toMatchObject({ group: NEW_GROUP, groupName: "产品讨论组", inviter: FRIEND });
    expect(eventIDParts(d.eventID).id).toBe(NEW_GROUP);
  });

  it("friendAdded and friendRemoved, reflected in user/getFriendList", async () => {
    const added = sim.friendAdded();
    expect(shape(JSON.parse(added))).toEqual(seedShape(seed.friendAdded));
    expect(added).toBe(`{"type":"user","data":{"type":"friendAdded","who":${NEWCOMER},"nick":"刘洋"}}`);
    const removed = sim.friendRemoved({ who: FRIEND });
    expect(shape(JSON.parse(removed))).toEqual(seedShape(seed.friendRemoved));
    expect(removed).toBe(`{"type":"user","data":{"type":"friendRemoved","who":${FRIEND},"nick":"张伟"}}`);
    const ids = (await api.get("/user/getFriendList")).json.list.map((f: { id: number }) => f.id);
    expect(ids).toEqual([FRIEND_2, NEWCOMER]);
  });

  it("groupJoined (name before which) and groupLeft (operator 0 or the admin)", async () => {
    const joined = sim.groupJoined();
    expect(shape(JSON.parse(joined))).toEqual(seedShape(seed.groupJoined));
    expect(joined).toBe(`{"type":"user","data":{"type":"groupJoined","name":"产品讨论组","which":${NEW_GROUP}}}`);
    const left = sim.groupLeft();
    expect(shape(JSON.parse(left))).toEqual(seedShape(seed.groupLeft));
    expect(left).toBe(`{"type":"user","data":{"type":"groupLeft","which":${GROUP_2},"name":"周末羽毛球","operator":0}}`);
    const kicked = data(sim.groupLeft({ which: GROUP, operator: FRIEND }));
    expect(kicked).toEqual({ type: "groupLeft", which: GROUP, name: "技术交流群", operator: FRIEND });
    const ids = (await api.get("/user/getGroupList")).json.list.map((g: { id: number }) => g.id);
    expect(ids).toEqual([NEW_GROUP]);
  });

  it("joinRequest", () => {
    const sent = sim.joinRequest({ inviter: FRIEND });
    expect(shape(JSON.parse(sent))).toEqual(seedShape(seed.joinRequest));
    const d = data(sent);
    expect(d).toMatchObject({ type: "joinRequest", who: NEWCOMER, group: GROUP, inviter: FRIEND });
    expect(eventIDParts(d.eventID).id).toBe(NEWCOMER);
    expect(data(sim.joinRequest()).inviter).toBe(0);
  });

  it("mute: a member, the whole group, lifted", () => {
    const member = sim.mute();
    expect(shape(JSON.parse(member))).toEqual(seedShape(seed.mute));
    expect(member).toBe(`{"type":"group","data":{"type":"mute","who":${STRANGER},"group":${GROUP},"operator":${FRIEND},"duration":600}}`);
    expect(data(sim.mute({ who: 0 }))).toMatchObject({ who: 0, duration: WHOLE_GROUP_MUTE });
    expect(data(sim.mute({ who: 0, duration: 0 }))).toMatchObject({ who: 0, duration: 0 });
    expect(data(sim.mute({ duration: 0 }))).toMatchObject({ who: STRANGER, duration: 0 });
  });

  it("admin, reflected in user/getMemberDetail", async () => {
    const sent = sim.admin();
    expect(shape(JSON.parse(sent))).toEqual(seedShape(seed.admin));
    expect(sent).toBe(`{"type":"group","data":{"type":"admin","who":${STRANGER},"group":${GROUP},"status":true}}`);
    const detail = await api.get(`/user/getMemberDetail?group=${GROUP}&member=${STRANGER}`);
    expect(detail.json.info.isAdmin).toBe(true);
    expect(data(sim.admin({ status: false })).status).toBe(false);
  });

  it("memberJoined and memberLeft (nick only when given)", async () => {
    const joined = sim.memberJoined();
    expect(shape(JSON.parse(joined))).toEqual(seedShape(seed.memberJoined));
    expect(data(joined)).toEqual({ type: "memberJoined", who: NEWCOMER, nick: "刘洋", group: GROUP, group_name: "技术交流群" });
    const left = sim.memberLeft();
    expect(shape(JSON.parse(left))).toEqual(seedShape(seed.memberLeft, ["nick"]));
    expect(data(left)).toEqual({ type: "memberLeft", who: STRANGER, group: GROUP, group_name: "技术交流群", operator: 0 });
    const kicked = sim.memberLeft({ who: NEWCOMER, nick: "刘洋", operator: FRIEND });
    expect(shape(JSON.parse(kicked))).toEqual(seedShape(seed.memberLeft));
    const ids = (await api.get(`/group/getMemberList?group=${GROUP}`)).json.list.map((m: { id: number }) => m.id);
    expect(ids).not.toContain(STRANGER);
    expect(ids).not.toContain(NEWCOMER);
  });

  it("every open client gets the same text; raw and binary go out as given", async () => {
    const a = await connect("/a");
    const b = await connect("/b");
    const sent = sim.groupMessage();
    expect(await a.nextText()).toBe(sent);
    expect(await b.nextText()).toBe(sent);
    sim.raw("not json {");
    expect(await a.nextText()).toBe("not json {");
    sim.binary(new Uint8Array([1, 2, 3]));
    await sleep(50);
    expect([...(a.binaries[0] ?? [])]).toEqual([1, 2, 3]);
  });

  it("records client frames and answers none", async () => {
    const client = await connect();
    client.socket.send('{"type":"hello"}');
    client.socket.send(Buffer.from([9, 9]));
    await sleep(100);
    expect(sim.received.map((r) => [r.text, r.binary])).toEqual([
      ['{"type":"hello"}', false],
      ["\t\t", true],
    ]);
    expect(sim.received[0]?.parsed).toEqual({ type: "hello" });
    expect(client.texts).toEqual([]);
  });
});

describe("the HTTP action API", () => {
  it("GET / answers the daemon's fingerprint", async () => {
    const res = await api.get("/");
    expect(res.json).toEqual({ name: "oicq2-webapid", version: "0.1.2" });
  });

  it("sendMsg/private answers a new msgID, records the request and remembers the message", async () => {
    const body = { dest: FRIEND, msgContent: [{ type: "text", text: "你好" }] };
    const res = await api.post("/sendMsg/private", body);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    expect(Object.keys(res.json)).toEqual(["status", "msgID"]);
    expect(res.json.status).toEqual({ code: 0 });
    expectMsgID(res.json.msgID);
    const request = await sim.waitForRequest((r) => r.path === "/sendMsg/private" && r.response !== undefined);
    expect(request).toMatchObject({ method: "POST", body, scripted: false, response: { status: 200 } });
    expect(sim.sent).toMatchObject([{ type: "private", dest: FRIEND, msgID: res.json.msgID }]);
    // The daemon keeps its own private messages for mesg/queryMsg.
    const q = await api.get(`/mesg/queryMsg?type=private&channel=${FRIEND}&id=${encodeURIComponent(res.json.msgID)}`);
    expect(q.json.data).toMatchObject({ type: "private", channel: FRIEND, sender: Number(sim.selfId), msgID: res.json.msgID });
  });

  it("sendMsg/private to a stranger through a group, with a reply", async () => {
    const quoted = data(sim.privateMessage({ refChannel: GROUP }));
    const res = await api.post("/sendMsg/private", {
      dest: STRANGER,
      from: GROUP,
      msgContent: [{ type: "text", text: "好的" }],
      reply: { to: STRANGER, id: quoted.msgID, summary: quoted.msgString },
    });
    expect(res.json.status).toEqual({ code: 0 });
    expect(sim.sent[0]).toMatchObject({ dest: STRANGER, from: GROUP });
  });

  it("sendMsg/group; every element type is accepted", async () => {
    const forward = await api.post("/mesg/genForwardedMsg", {
      msgs: [{ id: FRIEND, nickname: "张伟", time: 1700000000, msgContent: [{ type: "text", text: "原文" }] }],
    });
    expect(forward.json.status).toEqual({ code: 0 });
    expect(typeof forward.json.id).toBe("string");
    const res = await api.post("/sendMsg/group", {
      dest: GROUP,
      msgContent: [
        { type: "text", text: "看" },
        { type: "image", url: "https://example.com/a.png" },
        { type: "image", base64: "iVBORw0KGgo=" },
        { type: "emoji", id: 14 },
        { type: "mention", target: 0 },
        { type: "forwarded", id: forward.json.id },
        { type: "xml", data: "<msg/>" },
        { type: "json", data: "{}" },
      ],
    });
    expect(res.json.status).toEqual({ code: 0 });
    expectMsgID(res.json.msgID);
    const parsed = await api.get(`/mesg/parseForwardedMsg?id=${encodeURIComponent(forward.json.id)}`);
    expect(parsed.json).toEqual({
      status: { code: 0 },
      msgs: [{ id: FRIEND, time: 1700000000, nickname: "张伟", msgContent: [{ type: "text", text: "原文" }] }],
    });
  });

  it("sendMsg errors as the daemon answers them: 415, 400, 404, -1, -2", async () => {
    const content = [{ type: "text", text: "x" }];
    const noType = await call("POST", "/sendMsg/group", { dest: GROUP, msgContent: content }, { "content-type": "text/plain" });
    expect([noType.status, noType.text]).toEqual([415, "Unsupported Media Type"]);
    const missing = await api.post("/sendMsg/group", { dest: GROUP });
    expect([missing.status, missing.text]).toEqual([400, "Bad Request"]);
    const broken = await api.post("/sendMsg/group", "{not json");
    expect(broken.status).toBe(400);
    const wrongMethod = await api.get("/sendMsg/group");
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.text).toContain("Cannot GET /sendMsg/group");
    const unknownForward = await api.post("/sendMsg/group", { dest: GROUP, msgContent: [{ type: "forwarded", id: "nope" }] });
    expect(unknownForward.json).toEqual({ status: { code: -1 } });
    const badReply = await api.post("/sendMsg/group", { dest: GROUP, msgContent: content, reply: { to: 1, id: "x", summary: "" } });
    expect(badReply.json).toEqual({ status: { code: -1 } });
    const empty = await api.post("/sendMsg/private", { dest: FRIEND, msgContent: [] });
    expect(empty.json).toEqual({ status: { code: -2 } });
    expect(sim.sent).toEqual([]);
    // Express routing: case-insensitive, trailing slash ignored.
    expect((await api.post("/SENDMSG/group/", { dest: GROUP, msgContent: content })).json.status).toEqual({ code: 0 });
  });

  it("revoke/*: 0 for a msgID it knows in that channel, -1 otherwise", async () => {
    const sent = (await api.post("/sendMsg/private", { dest: FRIEND, msgContent: [{ type: "text", text: "a" }] })).json.msgID;
    const group = (await api.post("/sendMsg/group", { dest: GROUP, msgContent: [{ type: "text", text: "b" }] })).json.msgID;
    const pushed = data(sim.groupMessage()).msgID;
    const peer = data(sim.privateMessage()).msgID;

    expect((await api.post("/revoke/private", { channel: FRIEND_2, msgID: sent })).json).toEqual({ status: { code: -1 } });
    expect((await api.post("/revoke/group", { channel: FRIEND, msgID: sent })).json).toEqual({ status: { code: -1 } });
    expect((await api.post("/revoke/private", { channel: FRIEND, msgID: sent })).json).toEqual({ status: { code: 0 } });
    expect((await api.post("/revoke/private", { channel: FRIEND, msgID: sent })).json).toEqual({ status: { code: -1 } });
    expect((await api.post("/revoke/group", { channel: GROUP, msgID: group })).json).toEqual({ status: { code: 0 } });
    expect((await api.post("/revoke/group", { channel: GROUP, msgID: pushed })).json).toEqual({ status: { code: 0 } });
    // Nobody can recall the other party's private message.
    expect((await api.post("/revoke/private", { channel: FRIEND, msgID: peer })).json).toEqual({ status: { code: -1 } });
    expect((await api.post("/revoke/group", { channel: GROUP, msgID: "AAAAAAAAAAAAAAAA" })).json).toEqual({ status: { code: -1 } });
    expect((await api.post("/revoke/group", { channel: GROUP })).status).toBe(400);
  });

  it("the accept routes take {who|group, eventID, accept}", async () => {
    const eventID = data(sim.newFriendRequest()).eventID;
    expect((await api.post("/user/acceptFriend", { who: NEWCOMER, eventID, accept: true })).json).toEqual({ status: { code: 0 } });
    expect((await api.post("/user/acceptFriend", { who: NEWCOMER, accept: true })).status).toBe(400);
    const invite = data(sim.groupInvite()).eventID;
    expect((await api.post("/user/acceptGroupInvite", { who: FRIEND, eventID: invite, accept: false })).json).toEqual({
      status: { code: 0 },
    });
    expect((await api.post("/user/acceptGroupInvite", { group: NEW_GROUP, accept: true })).status).toBe(400);
    const join = data(sim.joinRequest()).eventID;
    expect((await api.post("/group/acceptJoin", { group: GROUP, eventID: join, accept: true })).json).toEqual({ status: { code: 0 } });
    expect((await api.post("/group/acceptJoin", { requester: NEWCOMER, group: GROUP, accept: true })).status).toBe(400);
    const bodies = sim.requests.map((r) => r.body);
    expect(bodies[0]).toEqual({ who: NEWCOMER, eventID, accept: true });
  });

  it("user/leaveGroup answers 0, announces groupLeft with the bot as operator, then -2", async () => {
    const client = await connect();
    expect((await api.post("/user/leaveGroup", { group: GROUP_2 })).json).toEqual({ status: { code: 0 } });
    expect(await client.nextText()).toBe(`{"type":"user","data":{"type":"groupLeft","which":${GROUP_2},"name":"周末羽毛球","operator":${sim.selfId}}}`);
    expect((await api.post("/user/leaveGroup", { group: GROUP_2 })).json).toEqual({ status: { code: -2 } });
    expect((await api.get("/user/getGroupList")).json.list).toEqual([{ id: GROUP, name: "技术交流群" }]);
  });

  it("group admin routes answer 0 and take effect where the daemon would show it", async () => {
    const ok = { status: { code: 0 } };
    expect((await api.post("/group/setGroupName", { group: GROUP, name: "新名字" })).json).toEqual(ok);
    expect((await api.post("/group/mute", { group: GROUP, target: STRANGER, duration: 60 })).json).toEqual(ok);
    expect((await api.post("/group/mute", { group: GROUP, target: 0, duration: 0 })).json).toEqual(ok);
    expect((await api.post("/group/setAdmin", { group: GROUP, who: STRANGER, set: true })).json).toEqual(ok);
    expect((await api.post("/group/invite", { group: GROUP, who: NEWCOMER })).json).toEqual(ok);
    const detail = await api.get(`/user/getMemberDetail?group=${GROUP}&member=${STRANGER}`);
    expect(detail.json.info).toMatchObject({ isAdmin: true, isOwner: false, tag: "小陈" });
    expect((await api.post("/group/kick", { group: GROUP, who: STRANGER })).json).toEqual(ok);
    expect((await api.get(`/user/getMemberDetail?group=${GROUP}&member=${STRANGER}`)).json).toEqual({ status: { code: -1 } });
    expect((await api.get("/user/getGroupList")).json.list[0]).toEqual({ id: GROUP, name: "新名字" });
    for (const [path, body] of [
      ["/group/setGroupName", { group: GROUP }],
      ["/group/mute", { group: GROUP, target: 0 }],
      ["/group/kick", { group: GROUP }],
      ["/group/setAdmin", { group: GROUP, who: 1 }],
      ["/group/invite", { who: 1 }],
      ["/user/leaveGroup", {}],
    ] as const) {
      expect((await api.post(path, body)).status, path).toBe(400);
    }
    expect(sim.requests.filter((r) => r.path === "/group/mute").map((r) => r.body)).toEqual([
      { group: GROUP, target: STRANGER, duration: 60 },
      { group: GROUP, target: 0, duration: 0 },
      { group: GROUP, target: 0 },
    ]);
  });

  it("the queries answer from the fixtures, ids as numbers", async () => {
    expect((await api.get("/user/basicInfo")).json).toEqual({ status: { code: 0 }, basic: { id: Number(sim.selfId), nickname: "中继机器人" } });
    expect((await api.get("/user/getFriendList")).json).toEqual({
      status: { code: 0 },
      list: [
        { id: FRIEND, nickname: "张伟" },
        { id: FRIEND_2, nickname: "李娜" },
      ],
    });
    expect((await api.get("/user/getGroupList")).json).toEqual({
      status: { code: 0 },
      list: [
        { id: GROUP, name: "技术交流群" },
        { id: GROUP_2, name: "周末羽毛球" },
      ],
    });
    const members = await api.get(`/group/getMemberList?group=${GROUP}`);
    expect(members.json.list[0]).toEqual({ id: FRIEND, nickname: "张伟", alias: "张伟-后端" });
    expect(members.json.list).toHaveLength(4);
    expect((await api.get("/group/getMemberList?group=1")).json).toEqual({ status: { code: -1 } });
    expect((await api.get("/group/getMemberList")).status).toBe(400);
    const detail = await api.get(`/user/getMemberDetail?group=${GROUP}&member=${FRIEND}`);
    expect(Object.keys(detail.json.info)).toEqual(["join_time", "last_active_time", "tag", "isOwner", "isAdmin"]);
    expect(detail.json.info).toMatchObject({ tag: "张伟-后端", isOwner: true, isAdmin: true });
    expect((await api.get(`/user/getMemberDetail?group=${GROUP}`)).status).toBe(400);
    // The docs name it group/getMemberDetail; the daemon serves it under user/.
    expect((await api.get(`/group/getMemberDetail?group=${GROUP}&member=${FRIEND}`)).status).toBe(404);
  });

  it("mesg/queryMsg finds pushed messages by type, channel and id", async () => {
    const m = sim.groupMessage();
    const id = encodeURIComponent(data(m).msgID);
    const found = await api.get(`/mesg/queryMsg?type=group&channel=${GROUP}&id=${id}`);
    expect(found.json).toEqual({ status: { code: 0 }, data: data(m) });
    expect(JSON.stringify(found.json.data)).toBe(JSON.stringify(data(m)));
    expect((await api.get(`/mesg/queryMsg?type=private&channel=${GROUP}&id=${id}`)).json).toEqual({ status: { code: -1 } });
    expect((await api.get(`/mesg/queryMsg?type=group&id=${id}`)).status).toBe(400);
    expect((await api.get("/mesg/parseForwardedMsg?id=unknown")).json).toEqual({ status: { code: -1 } });
  });
});

describe("scripted answers", () => {
  const text = [{ type: "text", text: "x" }];

  it("-1 and -2 once, then the route answers as usual", async () => {
    sim.script("sendMsg/group", { code: -1 });
    sim.script("/sendMsg/group", { code: -2, message: "风控" });
    expect((await api.post("/sendMsg/group", { dest: GROUP, msgContent: text })).json).toEqual({ status: { code: -1 } });
    expect((await api.post("/sendMsg/group", { dest: GROUP, msgContent: text })).json).toEqual({
      status: { code: -2, message: "风控" },
    });
    expect((await api.post("/sendMsg/group", { dest: GROUP, msgContent: text })).json.status).toEqual({ code: 0 });
    expect(sim.requests.map((r) => r.scripted)).toEqual([true, true, false]);
    expect(sim.sent).toHaveLength(1);
  });

  it("HTTP 500 and garbage", async () => {
    sim.script("revoke/group", { httpStatus: 500 });
    sim.script("revoke/group", { body: "<html>oops" });
    sim.script("revoke/group", { httpStatus: 502, code: -1 });
    const failed = await api.post("/revoke/group", { channel: GROUP, msgID: "x" });
    expect([failed.status, failed.text]).toEqual([500, "Internal Server Error"]);
    const garbage = await api.post("/revoke/group", { channel: GROUP, msgID: "x" });
    expect([garbage.status, garbage.text, garbage.json]).toEqual([200, "<html>oops", undefined]);
    expect(garbage.type).toMatch(/^application\/json/);
    const both = await api.post("/revoke/group", { channel: GROUP, msgID: "x" });
    expect([both.status, both.json]).toEqual([502, { status: { code: -1 } }]);
  });

  it("a delay alone answers as usual, late", async () => {
    sim.script("user/getFriendList", { delayMs: 300 });
    const start = Date.now();
    const res = await api.get("/user/getFriendList");
    expect(Date.now() - start).toBeGreaterThanOrEqual(280);
    expect(res.json.status).toEqual({ code: 0 });
    const quick = Date.now();
    await api.get("/user/getFriendList");
    expect(Date.now() - quick).toBeLessThan(200);
  });

  it("scriptAlways holds until cleared, and one-shot scripts go first", async () => {
    sim.scriptAlways("user/basicInfo", { code: -1 });
    sim.script("user/basicInfo", { code: -2 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await api.get("/user/basicInfo")).json.status.code);
    expect(codes).toEqual([-2, -1, -1]);
    sim.scriptAlways("user/basicInfo", null);
    expect((await api.get("/user/basicInfo")).json.status).toEqual({ code: 0 });
  });
});

describe("the control API", () => {
  it("pushes every kind and returns the text sent", async () => {
    const client = await connect();
    const kinds = [
      "privateMessage",
      "groupMessage",
      "revoke",
      "online",
      "offline",
      "newFriendRequest",
      "groupInvite",
      "friendAdded",
      "friendRemoved",
      "groupJoined",
      "groupLeft",
      "joinRequest",
      "mute",
      "admin",
      "memberJoined",
      "memberLeft",
    ];
    for (const kind of kinds) {
      const res = await control("POST", `/control/push/${kind}`);
      expect(res.status, kind).toBe(200);
      expect(await client.nextText()).toBe(res.json.sent);
    }
    const custom = await control("POST", "/control/push/groupMessage", {
      channel: GROUP,
      sender: FRIEND,
      content: [{ displayText: "@全体成员", target: 0, type: "mention" }],
      reply: true,
    });
    const d = data(custom.json.sent);
    expect(d).toMatchObject({ channel: GROUP, channel_name: "技术交流群", sender_nick: "张伟-后端" });
    expect(d.reply).toMatchObject({ to: FRIEND_2 });
    expect(JSON.stringify(d.msgContent)).toBe('[{"type":"mention","target":0,"displayText":"@全体成员"}]');
    expect((await control("POST", "/control/push/nope")).status).toBe(400);
    expect((await control("POST", "/control/push/mute", "[1]")).status).toBe(400);
  });

  it("raw and binary frames", async () => {
    const client = await connect();
    expect((await control("POST", "/control/raw", "{garbage")).json).toEqual({ sent: "{garbage" });
    expect(await client.nextText()).toBe("{garbage");
    expect((await control("POST", "/control/binary", "abc")).json).toEqual({ bytes: 3 });
  });

  it("scripts, pause and stopPinging", async () => {
    expect((await control("POST", "/control/script", { route: "sendMsg/private", code: -2 })).json).toEqual({
      route: "sendMsg/private",
      always: false,
      spec: { code: -2 },
    });
    expect((await api.post("/sendMsg/private", { dest: FRIEND, msgContent: [{ type: "text", text: "x" }] })).json).toEqual({
      status: { code: -2 },
    });
    await control("POST", "/control/script", { route: "user/basicInfo", httpStatus: 503, always: true });
    expect((await api.get("/user/basicInfo")).status).toBe(503);
    expect((await api.get("/user/basicInfo")).status).toBe(503);
    await control("POST", "/control/script", { route: "user/basicInfo", always: true, clear: true });
    expect((await api.get("/user/basicInfo")).status).toBe(200);
    expect((await control("POST", "/control/script", { route: "x" })).status).toBe(400);
    expect((await control("POST", "/control/script", { code: -1 })).status).toBe(400);

    expect((await control("POST", "/control/pause", {})).json).toEqual({ paused: true });
    await expect(fetch(`${sim.httpUrl}/user/basicInfo`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await control("POST", "/control/pause", { paused: false })).json).toEqual({ paused: false });
    expect((await api.get("/user/basicInfo")).status).toBe(200);

    expect((await control("POST", "/control/stopPinging")).json).toEqual({ pinging: false });
    const silent = await connect("/", { autoPong: false });
    await sleep(PING_MS * 4);
    expect(silent.isOpen).toBe(true);
    expect((await control("POST", "/control/stopPinging", { stopped: false })).json).toEqual({ pinging: true });
    await silent.closed;
    expect((await control("GET", "/control/terminations")).json.terminations).toHaveLength(1);
  });

  it("drop, terminate and refuse", async () => {
    const a = await connect();
    expect((await control("POST", "/control/drop", { code: 4001, reason: "bye" })).json).toEqual({ dropped: 1 });
    expect(await a.closed).toEqual({ code: 4001, reason: "bye" });
    const b = await connect();
    expect((await control("POST", "/control/drop", { terminate: true })).json).toEqual({ dropped: 1 });
    expect((await b.closed).code).toBe(1006);
    const c = await connect();
    expect((await control("POST", "/control/terminate")).json).toEqual({ dropped: 1 });
    expect((await c.closed).code).toBe(1006);
    const d = await connect();
    sim.drop();
    expect((await d.closed).code).toBe(1001);
    expect((await control("POST", "/control/drop", { code: 1005 })).status).toBe(400);

    expect((await control("POST", "/control/refuse", { status: 503 })).json).toEqual({ status: 503 });
    await expect(connect()).rejects.toThrow("upgrade refused: 503");
    await control("POST", "/control/refuse", { status: null });
    await connect();
    const connections = (await control("GET", "/control/connections")).json.connections;
    expect(connections.map((c: { status: number }) => c.status)).toEqual([101, 101, 101, 101, 503, 101]);
    expect(sim.terminations).toEqual([]); // drops are not ping-rule terminations
  });

  it("requests, received, sent, state and reset", async () => {
    const client = await connect();
    client.socket.send("hi");
    await api.post("/sendMsg/group", { dest: GROUP, msgContent: [{ type: "text", text: "x" }] });
    await api.get(`/group/getMemberList?group=${GROUP}`);
    const requests = (await control("GET", "/control/requests")).json.requests;
    expect(requests.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual(["POST /sendMsg/group", "GET /group/getMemberList"]);
    expect(requests[1].query).toEqual({ group: String(GROUP) });
    expect(requests[0].response.status).toBe(200);
    expect((await control("GET", "/control/requests?since=1")).json.requests).toHaveLength(1);
    await sleep(50);
    expect((await control("GET", "/control/received")).json.received[0]).toMatchObject({ text: "hi", binary: false });
    expect((await control("GET", "/control/sent")).json.sent).toMatchObject([{ type: "group", dest: GROUP }]);
    const state = (await control("GET", "/control/state")).json;
    expect(state).toMatchObject({
      clients: 1,
      received: 1,
      requests: 2,
      connections: 1,
      terminations: 0,
      sent: 1,
      paused: false,
      pinging: true,
      refuse: null,
      pingIntervalMs: PING_MS,
    });
    expect((await control("POST", "/control/reset")).json).toEqual({ reset: true });
    expect((await control("GET", "/control/state")).json).toMatchObject({ received: 0, requests: 0, connections: 0, sent: 0 });
    expect((await control("GET", "/control/nope")).status).toBe(404);
  });
});
