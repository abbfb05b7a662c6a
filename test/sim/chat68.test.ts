// The chat68 simulator over real sockets: the greeting, answers matched by id in the seed's
// shapes, a send answered then confirmed (and echoed), scripted refusals, silence and garbage,
// the side API's /deleteMsg, pushes, and its /control routes.
import { describe, expect, it } from "vitest";
import { useSim } from "./client.ts";
import { BIG_GROUP, GROUP, startChat68 } from "./chat68.ts";
import type { Chat68Sim } from "./chat68.ts";
import * as SEED from "./chat68-seed.ts";
import { parseExact, parseLossless } from "./json.ts";

let sim: Chat68Sim;
const fixture = useSim(async () => (sim = await startChat68()));
const { control } = fixture;

/** A client past the greeting. */
async function connect() {
  const client = await fixture.connect("/");
  expect(await client.nextText()).toBe('{"message":"Hello"}');
  return client;
}

const compact = (text: string) => JSON.stringify(parseExact(text));
const parsed = (text: string) => parseLossless(text) as Record<string, any>;

describe("chat68 simulator: the socket", () => {
  it("greets, and answers the seed's requests with their own id in the seed's shapes", async () => {
    const client = await connect();
    client.send(SEED.getApiUrlRequest);
    expect(await client.nextText()).toBe(compact(SEED.getApiUrlAnswer));
    client.send(SEED.userInfoRequest.replace("webbiz.angg1.com", "webbiz.qika.xyz"));
    expect(await client.nextText()).toBe(compact(SEED.userInfoAnswer));
    client.send(SEED.contactsApplyListRequest.replace("webbiz.angg1.com", "webbiz.qika.xyz"));
    expect(await client.nextText()).toBe(compact(SEED.contactsApplyListAnswer));
    client.send(SEED.restartRequest);
    expect(parsed(await client.nextText())).toEqual({ id: "1", type: "restart68", data: "restarting" });
  });

  it("lists groups with bare-number ids, a 64-bit one exact", async () => {
    const client = await connect();
    client.send(SEED.getGroupsRequest2);
    const text = await client.nextText();
    expect(text).toContain(`"id":${GROUP},"hostId":7237423,"name":"huimei"`);
    expect(text).toContain(`"id":${BIG_GROUP},`);
    expect(parsed(text).id).toBe("getGroups-1");
  });

  it("a web API call at another host is refused with commonResult 401", async () => {
    const client = await connect();
    client.send(SEED.groupDetailRequest);
    expect(parsed(await client.nextText())).toEqual({ id: "1", type: "request", data: { commonResult: { errCode: 401, errMsg: "未登录" } } });
  });

  it("a send: the answer, then its result by custom_msg_id, then our own message echoed", async () => {
    const client = await connect();
    client.send(compact(SEED.sendGroupText).replace('"list"', '"custom_msg_id":"10441859254","list"'));
    expect(parsed(await client.nextText())).toEqual({ id: "webscoket消息id", type: "sendMsg", data: "success" });
    const result = parsed(await client.nextText());
    expect(result).toMatchObject({
      operator: "msgListPropertyUpdate",
      data: { id: 389284, type: "group", list: [{ customMsgId: "10441859254", updated: { MsgID: 4688196816, readStatus: 1 } }], readStatus: 1 },
    });
    const echo = parsed(await client.nextText());
    expect(echo).toMatchObject({
      operator: "msgNew",
      data: { msgType: 0, content: "这里改成你的消息", msgId: 4688196816, customMsgId: "10441859254", isSelf: true, groupId: 389284, type: "group" },
    });
    expect(sim.sent()).toEqual([
      {
        kind: "sendMsg",
        chat: "group",
        chatId: "389284",
        customMsgId: "10441859254",
        msgId: "4688196816",
        list: [{ type: "text", values: { chatType: 0, content: "这里改成你的消息" } }],
      },
    ]);
  });

  it("a late answer lets the result overtake it", async () => {
    const client = await connect();
    await control("POST", "/control/script", { route: "sendMsg", delayMs: 80 });
    await control("POST", "/control/echo", { echo: false });
    client.send('{"id":"a","type":"sendMsg","data":{"id":389284,"type":"group","custom_msg_id":"12345678901","list":[]}}');
    expect(parsed(await client.nextText()).operator).toBe("msgListPropertyUpdate");
    expect(parsed(await client.nextText())).toEqual({ id: "a", type: "sendMsg", data: "success" });
  });

  it("a send to a chat it does not know fails with readStatus 0; a scripted result likewise", async () => {
    const client = await connect();
    client.send('{"id":"a","type":"sendMsg","data":{"id":1,"type":"friend","custom_msg_id":"12345678901","list":[]}}');
    await client.nextText();
    expect(parsed(await client.nextText())).toMatchObject({ data: { list: [{ customMsgId: "12345678901", updated: { readStatus: 0 } }], readStatus: 0 } });
    await control("POST", "/control/script", { route: "sendResult", silent: true });
    client.send('{"id":"b","type":"sendMsg","data":{"id":389284,"type":"group","custom_msg_id":"12345678902","list":[]}}');
    await client.nextText();
    expect(await client.quietFor(100)).toBe(true);
  });

  it("sendFile wants an absolute path on the client's machine", async () => {
    const client = await connect();
    client.send('{"id":"f","type":"sendFile","custom_msg_id":"12345678903","data":{"file":"b.mp4","type":"group","id":389284}}');
    expect(parsed(await client.nextText())).toEqual({ id: "f", type: "sendFile", error: { errorCode: 404, errorDesc: "文件不存在" } });
    client.send(SEED.sendFileRequest.replace('"type": "sendFile",', '"type": "sendFile", "custom_msg_id": "12345678904",'));
    expect(parsed(await client.nextText())).toEqual({ id: "1", type: "sendFile", data: "success" });
    expect(parsed(await client.nextText())).toMatchObject({ data: { list: [{ customMsgId: "12345678904", updated: { readStatus: 1 } }] } });
    expect(sim.sent().at(-1)).toMatchObject({ kind: "sendFile", file: "C:/Users/rtuge/Desktop/b.mp4" });
  });

  it("scripts: the seed's error shape, a web API refusal, silence and garbage", async () => {
    const client = await connect();
    await control("POST", "/control/script", { route: "getGroups", code: 300 });
    client.send(SEED.getGroupsRequest2);
    expect(parsed(await client.nextText())).toEqual({
      id: "getGroups-1",
      type: "getGroups",
      error: { errorCode: 300, errorDesc: "很抱歉，服务繁忙，请联系客服 #A0030" },
    });
    await control("POST", "/control/script", { route: "UserInfo", code: 403, errorDesc: "无权限" });
    client.send(SEED.userInfoRequest.replace("webbiz.angg1.com", "webbiz.qika.xyz"));
    expect(parsed(await client.nextText())).toEqual({ id: "1", type: "request", data: { commonResult: { errCode: 403, errMsg: "无权限" } } });
    await control("POST", "/control/script", { route: "getApiUrl", silent: true });
    client.send(SEED.getApiUrlRequest);
    expect(await client.quietFor(100)).toBe(true);
    await control("POST", "/control/script", { route: "getApiUrl", body: "{garbage" });
    client.send(SEED.getApiUrlRequest);
    expect(await client.nextText()).toBe("{garbage");
    expect((await control("POST", "/control/script", { route: "nope", code: 1 })).status).toBe(400);
  });

  it("pushes the origin's frames", async () => {
    const client = await connect();
    const { json } = await control("POST", "/control/push/message", { content: "hi", msgId: 4626337038 });
    expect(await client.nextText()).toBe(json.sent);
    expect(parsed(json.sent)).toMatchObject({
      operator: "msgNew",
      data: { msgType: 0, sendUid: 7237423, groupId: 389284, content: "hi", msgId: 4626337038, isSelf: false, type: "group" },
    });
    await control("POST", "/control/push/recall", {});
    expect(parsed(await client.nextText())).toMatchObject({
      operator: "recall_msg",
      data: { recallOneToOneMessages: [{ msgId: "4626337038", msgTargetId: "4008697" }] },
    });
    await control("POST", "/control/push/shutupAll", { on: false });
    expect(parsed(await client.nextText())).toMatchObject({ operator: "msgNew", operatorType: "groupShutupAll", data: { bfShutup: false } });
    await control("POST", "/control/push/groupUpdate", {});
    expect(parsed(await client.nextText())).toEqual(parsed(SEED.groupRenamed));
    await control("POST", "/control/push/message", { chat: "friend", content: "yo" });
    expect(parsed(await client.nextText())).toMatchObject({ data: { type: "friend", id: 7237423, friendId: 7237423, receiveUid: 4008697 } });
  });

  it("no greeting when told so", async () => {
    await control("POST", "/control/greet", { greet: false });
    const client = await fixture.connect("/");
    expect(await client.quietFor(100)).toBe(true);
  });
});

describe("chat68 simulator: the side API", () => {
  const post = (path: string, body: unknown) => fetch(`${sim.httpUrl}${path}`, { method: "POST", body: JSON.stringify(body) });

  it("/deleteMsg recalls a message it knows, both sides; refuses one it does not", async () => {
    await control("POST", "/control/push/message", { msgId: 4626337038, customMsgId: "20298293316" });
    const ok = await post("/deleteMsg", { id: 389284, type: "group", customMsgId: "20298293316", msgId: 4626337038, isRemoteDeletion: true });
    expect(await ok.json()).toEqual({ data: "success" });
    const again = await post("/deleteMsg", { id: 389284, type: "group", msgId: 4626337038, isRemoteDeletion: true });
    expect(await again.json()).toEqual({ errorCode: 404, errorDesc: "消息不存在" });
    expect((await control("GET", "/control/deleted")).json.deleted).toEqual([{ msgId: "4626337038", customMsgId: "20298293316", isRemoteDeletion: true }]);
    expect((await control("GET", "/control/requests")).json.requests).toHaveLength(2);
  });

  it("/getApiUrl, /request and scripted statuses", async () => {
    expect(await (await post("/getApiUrl", {})).json()).toEqual({ data: "https://webbiz.qika.xyz" });
    expect(await (await post("/request", { type: "GroupDetail", url: "https://webbiz.qika.xyz/group/groupDetail", data: { groupId: 1 } })).json()).toEqual({
      commonResult: { errCode: 404, errMsg: "群组不存在" },
    });
    await control("POST", "/control/script", { route: "/deleteMsg", httpStatus: 502, body: "bad gateway" });
    const res = await post("/deleteMsg", {});
    expect([res.status, await res.text()]).toEqual([502, "bad gateway"]);
  });
});
