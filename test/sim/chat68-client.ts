// The protocol of a 68chat automation client (seed 001), without its sockets: what it answers
// to each request on its WebSocket and on its side HTTP API, what it pushes after a send, and
// the account it is logged in as. chat68.ts puts this behind a WebSocket and HTTP server.
//
// Scriptable per route (script.ts): a socket request type (getApiUrl, getGroups, restart68,
// sendMsg, sendFile, request), a web API call through `request` (UserInfo, GroupDetail, …),
// a send's result (sendResult) or a side API route (/deleteMsg, …):
//   { code, errorDesc }  the protocol's refusal: `error {errorCode, errorDesc}` on the socket,
//                        `commonResult {errCode, errMsg}` for a web API call, readStatus `code`
//                        for a send's result, `{errorCode, errorDesc}` on the side API
//   { httpStatus }       (side API) that status
//   { body }             garbage: this text instead of the answer
//   { silent: true }     no answer at all
//   { delayMs }          the usual answer, late (a late sendMsg answer lets its result overtake it)

import * as f from "./chat68-frames.ts";
import type { Frame, GroupRecord } from "./chat68-frames.ts";
import { idText, isObject, parseLossless } from "./json.ts";
import { ScriptQueue } from "./script.ts";
import type { ScriptFields } from "./script.ts";

export interface ScriptSpec extends ScriptFields {
  errorDesc?: string;
}

export const SOCKET_ROUTES = ["getApiUrl", "getGroups", "restart68", "sendMsg", "sendFile", "request"] as const;
export const WEB_ROUTES = [
  "UserInfo",
  "ContactsList",
  "ContactsDetail",
  "ContactsApplyList",
  "GroupDetail",
  "GroupMemberList",
  "GroupUpdate",
  "GroupMemberShutup",
] as const;
export const SIDE_ROUTES = ["/deleteMsg", "/getApiUrl", "/getGroups", "/request", "/restart68"] as const;
export const ROUTES: readonly string[] = [...SOCKET_ROUTES, ...WEB_ROUTES, "sendResult", ...SIDE_ROUTES];

export const scriptQueue = (): ScriptQueue<ScriptSpec> => new ScriptQueue<ScriptSpec>({ text: "errorDesc", routes: ROUTES, silence: true });

/** The refusal text the seed shows (报错测试). */
export const BUSY = "很抱歉，服务繁忙，请联系客服 #A0030";

/** A frame to push, `delayMs` after the request that caused it. */
export interface Outgoing {
  text: string;
  delayMs: number;
}

export interface SideAnswer {
  status: number;
  body: string;
  delayMs: number;
}

export interface SentRecord {
  kind: "sendMsg" | "sendFile";
  chat: "friend" | "group";
  chatId: string;
  customMsgId: string;
  msgId: string | null;
  /** sendMsg: the list's elements; sendFile: the path. */
  list?: unknown[];
  file?: string;
}

interface MessageRecord {
  chat: "friend" | "group";
  chatId: string;
  customMsgId: string;
}

const FIRST_MESSAGE_ID = 4688196816n;
const FIRST_NOTICE_ID = 1048785;

export class Chat68Client {
  readonly self = { ...f.SELF };
  readonly scripts = scriptQueue();
  apiUrl = f.API_URL;
  groups = new Map<string, GroupRecord>();
  friends = new Map<string, { uid: string; nickName: string }>();
  messages = new Map<string, MessageRecord>();
  sent: SentRecord[] = [];
  deleted: { msgId: string; customMsgId: unknown; isRemoteDeletion: unknown }[] = [];
  restarts = 0;
  /** How long after a send its result (msgListPropertyUpdate) comes. */
  resultDelayMs = 20;
  /** Whether our own sends come back as msgNew with isSelf, as the origin's examples show. */
  echo = true;

  #nextMessage = FIRST_MESSAGE_ID;
  #nextNotice = FIRST_NOTICE_ID;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.apiUrl = f.API_URL;
    this.groups = new Map([
      [f.GROUP, { id: f.GROUP, name: "huimei", hostId: f.HOST.uid, notice: "asdd", shutup: false, members: [{ ...f.HOST }, { ...f.SELF }] }],
      // A group with a 64-bit id, to show ids beyond 2^53 survive both ways.
      [f.BIG_GROUP, { id: f.BIG_GROUP, name: "大群", hostId: f.SELF.uid, notice: "", shutup: false, members: [{ ...f.SELF }] }],
    ]);
    this.friends = new Map([
      [f.HOST.uid, { ...f.HOST }],
      [f.FRIEND.uid, { ...f.FRIEND }],
    ]);
    this.messages.clear();
    this.sent = [];
    this.deleted = [];
    this.restarts = 0;
    this.scripts.clear();
    this.resultDelayMs = 20;
    this.echo = true;
    this.#nextMessage = FIRST_MESSAGE_ID;
    this.#nextNotice = FIRST_NOTICE_ID;
  }

  nextMessageId(): string {
    return String(this.#nextMessage++);
  }

  /** Records a message the client has seen (for /deleteMsg). */
  remember(msgId: string, m: MessageRecord): void {
    this.messages.set(msgId, m);
  }

  // ---- the socket ----------------------------------------------------------------------------

  /** The frames the client sends in answer to one text frame from its user. */
  onFrame(text: string): Outgoing[] {
    let request: unknown;
    try {
      request = parseLossless(text);
    } catch {
      return [];
    }
    if (!isObject(request) || request.id === undefined || typeof request.type !== "string") return [];
    const { id, type } = request;
    const script = this.scripts.take(type);
    if (script?.silent) return [];
    const delayMs = script?.delayMs ?? 0;
    if (script?.body !== undefined) return [{ text: script.body, delayMs }];
    if (script?.code !== undefined) return [out(f.failure(id, type, script.code, script.errorDesc ?? BUSY), delayMs)];
    switch (type) {
      case "getApiUrl":
        return [out(f.answer(id, type, this.apiUrl), delayMs)];
      case "getGroups":
        return [out(f.answer(id, type, [...this.groups.values()].map(f.groupEntry)), delayMs)];
      case "restart68":
        this.restarts++;
        return [out(f.answer(id, type, "restarting"), delayMs)];
      case "request": {
        const call = isObject(request.data) ? request.data : {};
        const result = this.webApi(call);
        if (result === null) return [];
        if ("text" in result) return [{ text: result.text, delayMs: delayMs + result.delayMs }];
        const frame = "error" in result ? f.failure(id, type, result.error.errorCode, result.error.errorDesc) : f.answer(id, type, result.data);
        return [out(frame, delayMs + result.delayMs)];
      }
      case "sendMsg":
      case "sendFile":
        return this.send(id, type, request, delayMs);
      default:
        return [out(f.failure(id, type, 404, `unknown request type ${type}`), delayMs)];
    }
  }

  /**
   * A 68chat web API call through `request`: `{data}` (commonResult inside), `{error}`, a
   * scripted `{text}`, or null for silence.
   */
  webApi(call: Frame): (({ data: Frame } | { error: { errorCode: number; errorDesc: string } } | { text: string }) & { delayMs: number }) | null {
    const type = typeof call.type === "string" ? call.type : "";
    const script = (WEB_ROUTES as readonly string[]).includes(type) ? this.scripts.take(type) : undefined;
    if (script?.silent) return null;
    const delayMs = script?.delayMs ?? 0;
    if (script?.body !== undefined) return { text: script.body, delayMs };
    if (script?.code !== undefined) return { data: f.webData({}, script.code, script.errorDesc ?? BUSY), delayMs };
    return { ...this.#web(type, call), delayMs };
  }

  #web(type: string, call: Frame): { data: Frame } | { error: { errorCode: number; errorDesc: string } } {
    const params = isObject(call.data) ? call.data : {};
    const url = typeof call.url === "string" ? call.url : "";
    // The client calls the URL it is given: a host other than the account's answers 401.
    if (!url.startsWith(`${this.apiUrl}/`)) return { data: f.webData({}, 401, "未登录") };
    const group = this.groups.get(idText(String(params.groupId ?? "")));
    const noGroup = { data: f.webData({}, 404, "群组不存在") };
    switch (type) {
      case "UserInfo":
        return { data: f.userInfo() };
      case "ContactsList":
        return { data: f.contactsList() };
      case "ContactsApplyList":
        return { data: f.contactsApplyList() };
      case "ContactsDetail": {
        const user = this.friends.get(String(params.targetUid ?? ""));
        return user ? { data: f.contactsDetail(user) } : { data: f.webData({}, 404, "用户不存在") };
      }
      case "GroupDetail":
        return group ? { data: f.groupDetail(group) } : noGroup;
      case "GroupMemberList":
        return group ? { data: f.groupMembers(group) } : noGroup;
      case "GroupUpdate": {
        const gp = isObject(params.groupParam) ? params.groupParam : {};
        const target = this.groups.get(String(gp.groupId ?? ""));
        if (!target) return noGroup;
        if (params.op === 11 && typeof gp.shutup === "boolean") {
          target.shutup = gp.shutup;
          return { data: f.webData({}) };
        }
        if (params.op === 12 && typeof gp.notice === "string") {
          target.notice = gp.notice;
          return { data: f.noticeUpdated(String(this.#nextNotice++)) };
        }
        return { data: f.webData({}, 400, "参数错误") };
      }
      case "GroupMemberShutup": {
        if (!group) return noGroup;
        if (!group.members.some((m) => m.uid === String(params.targetUid)) || typeof params.shutupTime !== "number")
          return { data: f.webData({}, 400, "参数错误") };
        return { data: f.webData({}) };
      }
      default:
        return { error: { errorCode: 300, errorDesc: BUSY } };
    }
  }

  /** sendMsg / sendFile: the answer, then the result (msgListPropertyUpdate) and the echo of our own message. */
  send(id: unknown, type: "sendMsg" | "sendFile", request: Frame, answerDelayMs: number): Outgoing[] {
    const data = isObject(request.data) ? request.data : {};
    const chat = data.type === "group" ? "group" : "friend";
    const chatId = idText(String(data.id ?? ""));
    const customMsgId = String((type === "sendMsg" ? data.custom_msg_id : request.custom_msg_id) ?? "");
    const file = typeof data.file === "string" ? data.file : undefined;
    if (type === "sendFile" && (!file || !/^([A-Za-z]:[\\/]|\/)/.test(file))) return [out(f.failure(id, type, 404, "文件不存在"), answerDelayMs)];
    const known = chat === "group" ? this.groups.has(chatId) : this.friends.has(chatId);
    const record: SentRecord = { kind: type, chat, chatId, customMsgId, msgId: null };
    if (type === "sendMsg") record.list = Array.isArray(data.list) ? data.list : [];
    else if (file) record.file = file;
    this.sent.push(record);

    const frames: Outgoing[] = [out(f.answer(id, type, "success"), answerDelayMs)];
    const script = this.scripts.take("sendResult");
    if (script?.silent) return frames;
    const delayMs = script?.delayMs ?? this.resultDelayMs;
    if (script?.body !== undefined) return [...frames, { text: script.body, delayMs }];
    const time = Date.now();
    if (!known || (script?.code !== undefined && script.code !== 1)) {
      return [...frames, out(f.sendResult(chat, chatId, customMsgId, null, script?.code ?? 0), delayMs)];
    }
    const msgId = this.nextMessageId();
    record.msgId = msgId;
    this.remember(msgId, { chat, chatId, customMsgId });
    frames.push(out(f.sendResult(chat, chatId, customMsgId, { msgId, time }), delayMs));
    if (this.echo) {
      const first = record.list?.[0];
      const values = isObject(first) && isObject(first.values) ? first.values : {};
      const msgType = type === "sendFile" ? 7 : typeof values.chatType === "number" ? values.chatType : 0;
      const name = file?.split(/[\\/]/).pop() ?? "";
      const content = type === "sendFile" ? `http://r11.aiolet.xyz/chat/file/${msgId}||${name}||0` : String(values.content ?? "");
      const group = this.groups.get(chatId);
      // A whole-group mute notice comes back as the group notification members see.
      const echo =
        msgType === 50 && typeof values.bfShutup === "boolean"
          ? f.shutupAll(chatId, values.bfShutup, time)
          : f.msgNew({ chat, chatId, from: this.self, to: chatId, msgType, content, msgId, customMsgId, time, isSelf: true, groupName: group?.name });
      frames.push(out(echo, delayMs));
    }
    return frames;
  }

  // ---- the side HTTP API ---------------------------------------------------------------------

  /** A request to the side API → its answer, or null for silence. */
  onSideRequest(method: string, route: string, body: string): SideAnswer | null {
    const script = (SIDE_ROUTES as readonly string[]).includes(route) ? this.scripts.take(route) : undefined;
    if (script?.silent) return null;
    const delayMs = script?.delayMs ?? 0;
    if (script?.httpStatus !== undefined) return { status: script.httpStatus, body: script.body ?? "", delayMs };
    if (script?.body !== undefined) return { status: 200, body: script.body, delayMs };
    if (script?.code !== undefined) return json({ errorCode: script.code, errorDesc: script.errorDesc ?? BUSY }, delayMs);
    if (method !== "POST") return { status: 405, body: "", delayMs };
    let params: unknown;
    try {
      params = body.trim() === "" ? {} : parseLossless(body);
    } catch {
      return json({ errorCode: 400, errorDesc: "参数错误" }, delayMs);
    }
    const p = isObject(params) ? params : {};
    switch (route) {
      case "/getApiUrl":
        return json({ data: this.apiUrl }, delayMs);
      case "/getGroups":
        return json([...this.groups.values()].map(f.groupEntry), delayMs);
      case "/restart68":
        this.restarts++;
        return json({ data: "restarting" }, delayMs);
      case "/request": {
        const result = this.webApi(p);
        if (result === null) return null;
        if ("text" in result) return { status: 200, body: result.text, delayMs };
        return json("error" in result ? result.error : result.data, delayMs + result.delayMs);
      }
      case "/deleteMsg": {
        const msgId = idText(String(p.msgId ?? ""));
        const known = this.messages.get(msgId);
        if (!known || known.chatId !== idText(String(p.id ?? ""))) return json({ errorCode: 404, errorDesc: "消息不存在" }, delayMs);
        this.messages.delete(msgId);
        this.deleted.push({ msgId, customMsgId: p.customMsgId, isRemoteDeletion: p.isRemoteDeletion });
        return json({ data: "success" }, delayMs);
      }
      default:
        return { status: 404, body: "Not Found", delayMs };
    }
  }
}

const out = (frame: Frame, delayMs = 0): Outgoing => ({ text: f.encode(frame), delayMs });
const json = (value: unknown, delayMs: number): SideAnswer => ({ status: 200, body: f.encode(value), delayMs });
