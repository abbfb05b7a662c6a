import { describe, expect, it } from "vitest";
import { useSim } from "./client.ts";
import type { SimClient } from "./client.ts";
import { startYunhu } from "./yunhu.ts";
import type { YunhuSim } from "./yunhu.ts";
import * as frames from "./yunhu-frames.ts";
import { decode, encode, fields, fromHex, toHex, Writer } from "./yunhu-wire.ts";

function login(client: SimClient, userId = "7356666", token = "nj104901-test-token"): void {
  client.sendJson({ seq: "1", cmd: "login", data: { userId, token, platform: "windows", deviceId: "dev-1" } });
}

async function nextHex(client: SimClient): Promise<string> {
  const frame = await client.next();
  expect(frame.binary).toBe(true);
  return toHex(frame.bytes);
}

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ascii = (s: string) => Buffer.from(s, "utf8").toString("hex");
const len = (hex: string) => (hex.length / 2).toString(16).padStart(2, "0");

let sim: YunhuSim;
const fixture = useSim(async () => (sim = await startYunhu()));
const { connect, control } = fixture;

/** A connected, logged-in client. */
async function loggedIn(): Promise<SimClient> {
  const before = sim.connections.filter((c) => c.loggedIn).length;
  const client = await connect();
  login(client);
  await sim.waitForLogin(before + 1);
  return client;
}

async function callApi(route: string, body: Uint8Array, token: string | null = sim.token) {
  const res = await fetch(`${sim.httpUrl}/v1/msg/${route}`, {
    method: "POST",
    headers: { "content-type": "application/x-protobuf", ...(token !== null && { token }) },
    body,
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, bytes, hex: toHex(bytes), status1: res.ok ? tryStatus(bytes) : undefined };
}

function tryStatus(bytes: Uint8Array): any {
  try {
    return decode(frames.StatusResponse, bytes).status;
  } catch {
    return undefined;
  }
}

describe("wire codec", () => {
  it("writes varints, strings and nested messages as protobuf does", () => {
    expect(toHex(new Writer().uint(1, 150).finish())).toBe("089601");
    expect(toHex(new Writer().string(2, "testing").finish())).toBe("120774657374696e67");
    expect(toHex(new Writer().uint(1, -1).finish())).toBe("08ffffffffffffffffff01");
    // proto3: zero and empty scalars are not written; repeated strings are one field each.
    expect(toHex(encode(frames.RecallMsg, { msgId: ["a", ""], chatId: "", chatType: 0 }))).toBe("1201611200");
  });

  it("decodes what it encodes, and shows unknown fields by number", () => {
    const bytes = encode(frames.SendMsgRequest, {
      msgId: "m",
      chatId: "g",
      chatType: 2,
      content: { text: "你好", mentionedId: ["1", "2"] },
      contentType: 1,
    });
    expect(decode(frames.SendMsgRequest, bytes)).toEqual({
      msgId: "m",
      chatId: "g",
      chatType: 2,
      content: { text: "你好", mentionedId: ["1", "2"] },
      contentType: 1,
    });
    expect(decode(frames.MsgInput, fromHex("0a0161 4a0162"))).toEqual({ chatId: "a", "#9": ["62"] });
    expect(() => fields(fromHex("0a05 61"))).toThrow(RangeError);
    expect(() => encode(frames.MsgInput, { chat_id: "x" })).toThrow(TypeError);
  });
});

describe("login and heartbeat", () => {
  it("acks a heartbeat from a logged-in client with the same seq, info only", async () => {
    const client = await loggedIn();
    client.sendJson({ seq: "123", cmd: "heartbeat", data: {} });
    // WsWrapper { info { seq "123", cmd "heartbeat_ack" } }
    expect(await nextHex(client)).toBe("0a14" + "0a03313233" + "120d6865617274626561745f61636b");
    expect(sim.connections[0]).toMatchObject({ loggedIn: true, platform: "windows", deviceId: "dev-1", open: true });
    expect(sim.received.map((f) => f.cmd)).toEqual(["login", "heartbeat"]);
  });

  it("sends nothing on login and ignores heartbeats before it", async () => {
    const client = await connect();
    client.sendJson({ seq: "9", cmd: "heartbeat", data: {} });
    await sim.waitForFrame((f) => f.cmd === "heartbeat");
    expect(await client.quietFor(150)).toBe(true);
    login(client);
    await sim.waitForLogin();
    expect(await client.quietFor(100)).toBe(true);
  });

  it("refuses a wrong token with the text 数据不合法 and a close", async () => {
    const client = await connect();
    login(client, "7356666", "wrong");
    const frame = await client.next();
    expect(frame.binary).toBe(false);
    expect(Buffer.from(frame.bytes).toString("utf8")).toBe("数据不合法");
    expect((await client.closed).code).toBe(1008);
    await until(() => sim.connections[0]?.open === false);
    expect(sim.connections[0]).toMatchObject({ loggedIn: false, closedBy: "refused", open: false });
  });

  it("refuses per login mode: close without text, or silence", async () => {
    sim.loginMode("close");
    const a = await connect();
    login(a, "1", "nj104901-test-token");
    expect((await a.closed).code).toBe(1008);
    expect(a.frames).toEqual([]);

    sim.loginMode("silent");
    const b = await connect();
    login(b, "7356666", "nope");
    b.sendJson({ seq: "2", cmd: "heartbeat", data: {} });
    expect(await b.quietFor(150)).toBe(true);
    expect(sim.clients()).toBe(1);
  });

  it("refuses frames before login when asked to", async () => {
    sim.refuseUnauthenticated(true);
    const client = await connect();
    client.sendJson({ seq: "1", cmd: "heartbeat", data: {} });
    expect(Buffer.from((await client.next()).bytes).toString()).toBe("数据不合法");
    await client.closed;
  });

  it("stops acking when heartbeats are silenced", async () => {
    const client = await loggedIn();
    sim.silenceHeartbeats(true);
    client.sendJson({ seq: "5", cmd: "heartbeat", data: {} });
    expect(await client.quietFor(150)).toBe(true);
    sim.silenceHeartbeats(false);
    client.sendJson({ seq: "6", cmd: "heartbeat", data: {} });
    expect(frames.readFrame((await client.next()).bytes)).toEqual({ seq: "6", cmd: "heartbeat_ack" });
  });

  it("passes inputInfo on to the account's other sessions as draft_input", async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    a.sendJson({ seq: "d1", cmd: "inputInfo", data: { chatId: "872440499", input: "草稿", deviceId: "dev-1" } });
    expect(frames.readFrame((await b.next()).bytes)).toEqual({
      seq: "d1",
      cmd: "draft_input",
      typeUrl: "type.googleapis.com/proto.MsgInput",
      payload: { chatId: "872440499", input: "草稿" },
    });
    expect(await a.quietFor(100)).toBe(true);
  });
});

describe("pushes", () => {
  it("sends push_message only to logged-in clients, returning the exact bytes", async () => {
    const client = await loggedIn();
    const stranger = await connect();
    const hex = sim.pushMessage({ seq: "s", msgId: "m1", text: "Feng的大手发力了", timestamp: 1700000000000, msgSeq: 1145 });
    expect(await nextHex(client)).toBe(hex);
    expect(await stranger.quietFor(100)).toBe(true);
    const frame = frames.readFrame(fromHex(hex));
    expect(frame).toMatchObject({ seq: "s", cmd: "push_message", typeUrl: "type.googleapis.com/proto.PushMessage" });
    expect(frame.payload).toEqual({
      msgId: "m1",
      sender: { chatId: "7357777", chatType: 1, name: "测试", avatarUrl: "https://chat-img.jwznb.com/avatar.jpg" },
      recvId: "7356666",
      chatId: "872440499",
      chatType: 2,
      content: { text: "Feng的大手发力了" },
      contentType: 1,
      timestamp: 1700000000000,
      msgSeq: 1145,
    });
  });

  it("lays a push out as WsWrapper{info=1, Any{type_url=1, value=2}} with PushMessage numbers", () => {
    const hex = sim.pushMessage({
      seq: "q",
      msgId: "m",
      sender: { chatId: "u", chatType: 1, name: "n", avatarUrl: "" },
      recvId: "r",
      chatId: "c",
      chatType: 2,
      text: "t",
      timestamp: 1,
      msgSeq: 2,
    });
    const msg =
      "0a016d" + // 1 msg_id
      "1208" +
      "0a0175" +
      "1001" +
      "1a016e" + // 2 sender { 1 chat_id, 2 chat_type, 3 name }
      "1a0172" +
      "220163" +
      "2802" + // 3 recv_id, 4 chat_id, 5 chat_type
      "3203" +
      "0a0174" + // 6 content { 1 text }
      "3801" +
      "4001" +
      "6002"; // 7 content_type, 8 timestamp, 12 msg_seq
    const typeUrl = ascii("type.googleapis.com/proto.PushMessage");
    const any = "0a" + len(typeUrl) + typeUrl + "12" + len(msg) + msg;
    const info = "0a0171" + "12" + len(ascii("push_message")) + ascii("push_message");
    expect(hex).toBe("0a" + len(info) + info + "12" + len(any) + any);
  });

  it("fills each content type's fields", () => {
    const content = (contentType: number, extra = {}) => frames.readFrame(fromHex(sim.pushMessage({ contentType, ...extra }))).payload!.content;
    expect(content(2)).toEqual({ imageUrl: "https://chat-img.jwznb.com/1.jpg", fileSize: 51234, width: 720, height: 360 });
    expect(content(3)).toEqual({ text: "**你好**" });
    expect(content(4)).toMatchObject({ fileName: "report.pdf", fileSize: 10240 });
    expect(content(5)).toHaveProperty("form");
    expect(content(7)).toEqual({ stickerUrl: "https://chat-img.jwznb.com/sticker/1.gif", stickerItemId: 1001, stickerPackId: 10 });
    expect(content(8)).toEqual({ text: "<b>你好</b>" });
    expect(content(11)).toEqual({ audioUrl: "https://chat-audio1.jwznb.com/1.m4a", audioTime: 3 });
    expect(content(13)).toEqual({ callText: "语音通话", callStatusText: "通话时长 00:12" });
    expect(content(1, { content: { videoUrl: "v.mp4", videoTime: 12 } })).toEqual({ videoUrl: "v.mp4", videoTime: 12 });
    expect(content(1, { content: { tip: "提示" } })).toEqual({ tip: "提示" });
    expect(content(1, { content: { postId: "1", postTitle: "T", postContent: "C", postContentType: "2" } })).toMatchObject({ postId: "1" });
  });

  it("carries quotes, mentions, commands and private chats", () => {
    const p = frames.readFrame(
      fromHex(
        sim.pushMessage({
          chatType: 1,
          sender: { chatId: "42", name: "A", isVip: true, tagOld: ["成员"], tag: [{ id: 7, text: "t", color: "#FFFFFFFF" }] },
          text: "@x hi",
          mentionedId: ["7356666"],
          quoteMsgId: "q1",
          quoteMsgText: "原文",
          cmd: { cmdId: 999, name: "MAC地址查询", type: 1 },
        }),
      ),
    ).payload!;
    expect(p).toMatchObject({
      chatId: "42",
      chatType: 1,
      quoteMsgId: "q1",
      cmd: { cmdId: 999, name: "MAC地址查询", type: 1 },
      content: { text: "@x hi", mentionedId: ["7356666"], quoteMsgText: "原文" },
      sender: { chatId: "42", isVip: true, tagOld: ["成员"], tag: [{ id: 7, text: "t", color: "#FFFFFFFF" }] },
    });
  });

  it("recalls with delete_timestamp and the recalled message's msg_seq", () => {
    sim.pushMessage({ msgId: "m1", msgSeq: 77, chatId: "g1" });
    const p = frames.readFrame(fromHex(sim.recall({ deleteTimestamp: 1700000000123 }))).payload!;
    expect(p).toMatchObject({ msgId: "m1", chatId: "g1", chatType: 2, deleteTimestamp: 1700000000123, msgSeq: 77 });
    expect(p).not.toHaveProperty("content");
    expect(sim.messages.get("m1")!.recalled).toBe(true);
  });

  it("edits without sender, chat_type, timestamp, cmd or delete_timestamp, with edit_time", () => {
    sim.pushMessage({ msgId: "m2", chatId: "g2", quoteMsgId: "q" });
    const frame = frames.readFrame(fromHex(sim.edit({ text: "改了", editTime: 1700000000999 })));
    expect(frame.cmd).toBe("edit_message");
    expect(frame.payload).toEqual({
      msgId: "m2",
      recvId: "g2",
      chatId: "g2",
      content: { text: "改了" },
      contentType: 1,
      quoteMsgId: "q",
      editTime: 1700000000999,
    });
  });

  it("sends blocked_message with fields 1, 3 and 4 only", () => {
    const hex = sim.blocked({ msgId: "b", recvId: "r", chatId: "c" });
    const frame = frames.readFrame(fromHex(hex));
    expect(frame.cmd).toBe("blocked_message");
    expect(frame.payload).toEqual({ msgId: "b", recvId: "r", chatId: "c" });
  });

  it("sends stream_message as StreamMessage {1, 2, 3, 4}, byte for byte", () => {
    const hex = sim.stream({ seq: "s1", msgId: "m1", recvId: "g", chatId: "g", content: "hi" });
    const value = "0a026d31" + "120167" + "1a0167" + "22026869";
    const typeUrl = ascii("type.googleapis.com/proto.StreamMessage");
    const any = "0a" + len(typeUrl) + typeUrl + "12" + len(value) + value;
    const info = "0a027331" + "120e" + ascii("stream_message");
    expect(hex).toBe("0a" + len(info) + info + "12" + len(any) + any);
  });

  it("sends draft_input, file_send_message, invite_apply, raw bytes and text", async () => {
    const client = await loggedIn();
    const draft = frames.readFrame(fromHex(sim.draft({ chatId: "8826687", input: "测试草稿同步" })));
    expect(draft).toMatchObject({ cmd: "draft_input", payload: { chatId: "8826687", input: "测试草稿同步" } });
    const file = frames.readFrame(fromHex(sim.fileSend({ data: '{"a":1}' })));
    expect(file).toMatchObject({
      cmd: "file_send_message",
      payload: { sendUserId: "7356666", userId: "7356666", tempCode: 1, sendType: "candidate", data: '{"a":1}', sendDeviceId: "123123123123" },
    });
    const invite = sim.inviteApply({ seq: "i" });
    expect(invite).toBe("0a" + "11" + "0a0169" + "120c" + ascii("invite_apply"));
    expect(sim.raw("0a00")).toBe("0a00");
    sim.text("hello");
    for (let i = 0; i < 4; i++) expect((await client.next()).binary).toBe(true);
    const text = await client.next();
    expect(text.binary).toBe(false);
    expect(Buffer.from(text.bytes).toString()).toBe("hello");
  });
});

describe("HTTP API", () => {
  it("answers send-message with StatusResponse code 1 and records the request", async () => {
    const res = await callApi("send-message", send({ quoteMsgId: "q" }));
    expect(res.status).toBe(200);
    // StatusResponse { status { request_id 114515, code 1, msg "success" } }
    expect(res.hex).toBe("0a0f" + "08d3fe06" + "1001" + "1a07" + ascii("success"));
    const record = sim.requests[0]!;
    expect(record).toMatchObject({
      method: "POST",
      path: "/v1/msg/send-message",
      token: "nj104901-test-token",
      httpStatus: 200,
      scripted: false,
      result: { requestId: "114515", code: 1, msg: "success" },
      decoded: { msgId: "c0ffee", chatId: "872440499", chatType: 2, content: { text: "hi", mentionedId: ["7357777"] }, contentType: 1, quoteMsgId: "q" },
    });
    expect(record.bodyHex).toBe(toHex(send({ quoteMsgId: "q" })));
    expect(sim.messages.get("c0ffee")).toMatchObject({ origin: "send", chatId: "872440499", msgSeq: 1 });
  });

  it("refuses a wrong or missing token with code 1002", async () => {
    for (const token of ["bad", null]) {
      const res = await callApi("send-message", send(), token);
      expect(res.status).toBe(200);
      expect(res.status1).toMatchObject({ code: 1002, msg: "token无效" });
    }
    expect(sim.messages.size).toBe(0);
  });

  it("rejects bodies that are not a send request", async () => {
    expect((await callApi("send-message", fromHex("0a05"))).status1).toMatchObject({ code: 1003 });
    expect((await callApi("send-message", send({ chatId: "" }))).status1).toMatchObject({ code: 1003 });
    expect(sim.requests[0]!.decodeError).toMatch(/past the end/);
    const res = await fetch(`${sim.httpUrl}/v1/msg/nope`, { method: "POST" });
    expect(res.status).toBe(404);
  });

  it("edits and recalls known messages only", async () => {
    await callApi("send-message", send());
    const edit = encode(frames.SendMsgRequest, { msgId: "c0ffee", chatId: "872440499", chatType: 2, content: { text: "new" }, contentType: 1 });
    expect((await callApi("edit-message", edit)).status1).toMatchObject({ code: 1 });
    expect(sim.messages.get("c0ffee")).toMatchObject({ content: { text: "new" }, edits: 1 });
    const unknown = encode(frames.SendMsgRequest, { msgId: "zzz", chatId: "1", chatType: 1, content: { text: "x" }, contentType: 1 });
    expect((await callApi("edit-message", unknown)).status1).toMatchObject({ code: 1004 });

    const recall = (ids: string[]) => encode(frames.RecallMsg, { msgId: ids, chatId: "872440499", chatType: 2 });
    expect((await callApi("recall-msg", recall(["zzz"]))).status1).toMatchObject({ code: 1004 });
    expect((await callApi("recall-msg", recall(["c0ffee"]))).status1).toMatchObject({ code: 1 });
    expect(sim.requests.at(-1)!.decoded).toEqual({ msgId: ["c0ffee"], chatId: "872440499", chatType: 2 });
    expect((await callApi("recall-msg", recall(["c0ffee"]))).status1).toMatchObject({ code: 1004 });
  });

  it("recalls and edits messages the simulator pushed", async () => {
    sim.pushMessage({ msgId: "p1" });
    const recall = encode(frames.RecallMsg, { msgId: ["p1"], chatId: "872440499", chatType: 2 });
    expect((await callApi("recall-msg", recall)).status1).toMatchObject({ code: 1 });
  });

  it("mirrors API calls to the sockets when echo is on", async () => {
    const client = await loggedIn();
    sim.echoSends(true);
    await callApi("send-message", send());
    const pushed = frames.readFrame((await client.next()).bytes);
    expect(pushed).toMatchObject({ cmd: "push_message", payload: { msgId: "c0ffee", sender: { chatId: "7356666" }, content: { text: "hi" } } });
    await callApi("recall-msg", encode(frames.RecallMsg, { msgId: ["c0ffee"], chatId: "872440499", chatType: 2 }));
    const recalled = frames.readFrame((await client.next()).bytes);
    expect(recalled.payload).toMatchObject({ msgId: "c0ffee", msgSeq: 1 });
    expect(recalled.payload!.deleteTimestamp).toBeGreaterThan(0);
  });

  it("answers from scripts: once, always, raw bodies, HTTP statuses and delays", async () => {
    sim.script("send-message", { code: 1010, msg: "发送过快" });
    expect((await callApi("send-message", send())).status1).toMatchObject({ code: 1010, msg: "发送过快" });
    expect((await callApi("send-message", send())).status1).toMatchObject({ code: 1 });
    expect(sim.requests.map((r) => r.scripted)).toEqual([true, false]);

    sim.scriptAlways("recall-msg", { httpStatus: 502 });
    for (let i = 0; i < 2; i++) expect((await callApi("recall-msg", new Uint8Array())).status).toBe(502);
    sim.scriptAlways("recall-msg", null);

    sim.script("edit-message", { body: "deadbeef", httpStatus: 200 });
    expect((await callApi("edit-message", new Uint8Array())).hex).toBe("deadbeef");

    sim.script("send-message", { delayMs: 150 });
    const started = Date.now();
    expect((await callApi("send-message", send({ msgId: "other" }))).status1).toMatchObject({ code: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("control", () => {
  it("refuses and accepts upgrades", async () => {
    sim.refuseUpgrades(503);
    await expect(connect()).rejects.toThrow(/503/);
    sim.refuseUpgrades(null);
    await connect();
    expect(sim.connections.map((c) => c.status)).toEqual([503, 101]);
  });

  it("drops and terminates clients", async () => {
    const a = await loggedIn();
    expect(sim.drop(4000, "bye")).toBe(1);
    expect(await a.closed).toEqual({ code: 4000, reason: "bye" });
    const b = await loggedIn();
    expect(sim.terminate()).toBe(1);
    expect((await b.closed).code).toBe(1006);
    expect(() => sim.drop(1005)).toThrow(RangeError);
  });

  it("mirrors the methods over HTTP", async () => {
    const client = await loggedIn();
    const pushed = await control("POST", "/control/push/pushMessage", { seq: "h", msgId: "x1", text: "via http", contentType: 3 });
    expect(pushed.status).toBe(200);
    expect(await nextHex(client)).toBe(pushed.json.hex);
    expect(frames.readFrame(fromHex(pushed.json.hex)).payload).toMatchObject({ msgId: "x1", contentType: 3, content: { text: "via http" } });

    for (const kind of ["recall", "edit", "blocked", "stream", "draft", "fileSend", "inviteApply"]) {
      const res = await control("POST", `/control/push/${kind}`, {});
      expect(res.status, kind).toBe(200);
      expect(await nextHex(client)).toBe(res.json.hex);
    }
    expect((await control("POST", "/control/push/nope", {})).status).toBe(400);
    expect((await control("POST", "/control/push/pushMessage", { chatType: "two" })).status).toBe(400);

    expect((await control("POST", "/control/raw", { hex: "0a00" })).json).toEqual({ hex: "0a00" });
    expect(await nextHex(client)).toBe("0a00");

    expect((await control("POST", "/control/heartbeats", { silent: true })).json).toEqual({ heartbeats: false });
    expect((await control("POST", "/control/loginMode", { mode: "close", refuseUnauthenticated: true })).json).toEqual({
      mode: "close",
      refuseUnauthenticated: true,
    });
    expect((await control("POST", "/control/loginMode", { mode: "loud" })).status).toBe(400);
    expect((await control("POST", "/control/echo", {})).json).toEqual({ echo: true });
    expect((await control("POST", "/control/script", { route: "send-message", code: 1010, always: true })).json).toMatchObject({ always: true });
    expect((await control("POST", "/control/script", { route: "nope", code: 1 })).status).toBe(400);
    const state = (await control("GET", "/control/state")).json;
    expect(state).toMatchObject({ clients: 1, loggedIn: 1, loginMode: "close", heartbeats: false, echo: true, refuseUnauthenticated: true });
    expect(state.scripts.always["send-message"]).toEqual({ code: 1010 });

    expect((await control("GET", "/control/received")).json.received[0]).toMatchObject({ cmd: "login", connection: 0 });
    expect((await control("GET", "/control/connections")).json.connections[0]).toMatchObject({ loggedIn: true, open: true });
    expect((await control("GET", "/control/messages")).json.messages.map((m: any) => m.msgId)).toContain("x1");
    await callApi("send-message", send());
    expect((await control("GET", "/control/requests")).json.requests[0]).toMatchObject({ path: "/v1/msg/send-message", scripted: true });

    expect((await control("POST", "/control/refuse", { status: 403 })).json).toEqual({ status: 403 });
    expect((await control("POST", "/control/drop", { code: 4001 })).json).toEqual({ dropped: 1 });
    expect((await client.closed).code).toBe(4001);
    expect((await control("POST", "/control/reset", {})).json).toEqual({ reset: true });
    expect(sim.state()).toMatchObject({ received: 0, requests: 0, connections: 0, loginMode: "text", refuse: null, heartbeats: true });
    expect((await control("GET", "/control/nothing")).status).toBe(404);
  });
});

/** A SendMsgRequest built with the codec. */
function send(extra: Record<string, unknown> = {}): Uint8Array {
  return encode(frames.SendMsgRequest, {
    msgId: "c0ffee",
    chatId: "872440499",
    chatType: 2,
    content: { text: "hi", mentionedId: ["7357777"] },
    contentType: 1,
    ...extra,
  });
}
