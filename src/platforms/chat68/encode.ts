/**
 * Unified actions → chat68 client requests.
 *
 * Socket requests carry a fresh `id`, which the client echoes in its answer: the plan awaits
 * that key. A send also carries a `custom_msg_id` (11 digits, no leading 0) and is confirmed
 * only by the later msgListPropertyUpdate naming it: a two-phase wait (the answer to `id`,
 * then the result under `send:<custom_msg_id>`). Web API calls (`type: "request"`) go to the
 * account's API host, which the client tells through getApiUrl (remembered from its answers;
 * asked first when not known yet). Recalls go to the side HTTP API (`upstream.api`).
 *
 * Ids go out as bare JSON numbers with their exact digits, as the seed writes them.
 */
import * as z from "zod";
import type { ActionOutcome, Context, Plan, PlatformAction } from "../contract.ts";
import type { ActionParams } from "../../events/actions.ts";
import type { Element } from "../../events/elements.ts";
import { exactNumber, idString, isRecord, parseLossless } from "../../lib/json.ts";
import { ProblemError, problem, type FieldError } from "../../lib/problem.ts";
import { epochMs } from "../../lib/values.ts";
import { httpPlan, invalid, platformAction, socketPlan, unified } from "../kit.ts";
import { remembered } from "./decode.ts";
import { friendRequest, groupEntry, user } from "./records.ts";
import { post, sideApi, sideData, sideHeaders, sideJson } from "./side.ts";
import {
  GROUP_OP,
  MEMBER_PAGE_SIZE,
  MSG_TYPE,
  REQUEST,
  ROUTE,
  WEB_API,
  WEB_API_HOST_KEY,
  confirmKey,
  type Chat68Config,
  type SendElement,
  type SendMsgData,
  type WebApi,
} from "./frames.ts";

type Ctx = Context<Chat68Config>;
type Obj = Record<string, unknown>;
/** What becomes of a web API answer's `data`: the action's result, or the next step. */
type Next = (data: Obj, ctx: Ctx) => ActionOutcome | Plan;

/** The texts the 68chat app itself posts to a group when its mute is switched (the seed's, and the origin's for "off"). */
export const SHUTUP_TEXT = { on: "管理员开了全员禁言", off: "管理员关闭了全员禁言" } as const;

// ---- socket requests ------------------------------------------------------------------------

/** `{id, type, ...fields}` with a fresh id: the frame and the key its answer comes back under. */
function request(ctx: Ctx, type: string, fields: Obj = {}): { key: string; frame: string } {
  const key = ctx.newKey();
  return { key, frame: JSON.stringify({ id: key, type, ...fields }) };
}

/** A request whose answer's `data` becomes the outcome through `next`. */
function ask(ctx: Ctx, type: string, fields: Obj, next: (data: unknown, ctx: Ctx) => ActionOutcome | Plan): Plan {
  const { key, frame } = request(ctx, type, fields);
  return { kind: "socket", frames: [frame], await: key, after: (outcome, c) => next(outcome.result.data, c) };
}

/** A 68chat web API call through the client, at the account's API host. */
function web(api: WebApi, data: Obj | undefined, ctx: Ctx, next: Next): Plan {
  const call = (host: string, c: Ctx): Plan => {
    const body: Obj = { type: api.type };
    if ("protoType" in api) body.protoType = api.protoType;
    body.url = `${host}${api.path}`;
    if (data !== undefined) body.data = data;
    return ask(c, REQUEST.request, { data: body }, (answer, c2) => next(record(answer, api.type), c2));
  };
  const host = ctx.recall(WEB_API_HOST_KEY);
  if (typeof host === "string") return call(host, ctx);
  return ask(ctx, REQUEST.getApiUrl, {}, (answer, c) => {
    if (typeof answer !== "string" || !/^https?:\/\//.test(answer)) throw unreadable(REQUEST.getApiUrl, answer);
    return call(answer.replace(/\/+$/, ""), c);
  });
}

/**
 * A send: sendMsg with one text element, confirmed by its msgListPropertyUpdate. The
 * outcome is `{message_id, timestamp}` from that result.
 */
function sendText(ctx: Ctx, chat: { type: "private" | "group"; id: string }, values: SendElement["values"], quote = true): Extract<Plan, { kind: "socket" }> {
  const key = ctx.newKey();
  const custom = customMsgId(key);
  const data: SendMsgData = {
    id: exactNumber(chat.id),
    type: chat.type === "group" ? "group" : "friend",
    custom_msg_id: custom,
    list: [{ type: "text", values }],
  };
  if (quote) data.quoteInfo = null;
  return { kind: "socket", frames: [JSON.stringify({ id: key, type: REQUEST.sendMsg, data })], await: { key, confirm: confirmKey(custom) } };
}

/** sendFile: a file on the client's machine, confirmed like a message. */
function sendFile(ctx: Ctx, chat: { type: "private" | "group"; id: string }, file: string): Plan {
  const key = ctx.newKey();
  const custom = customMsgId(key);
  const frame = {
    id: key,
    type: REQUEST.sendFile,
    custom_msg_id: custom,
    data: { file, type: chat.type === "group" ? "group" : "friend", id: exactNumber(chat.id) },
  };
  return socketPlan([JSON.stringify(frame)], { key, confirm: confirmKey(custom) });
}

/**
 * 11 digits, not starting with 0, from a fresh correlation key (which carries randomness):
 * the `custom_msg_id` the client matches a send's result by.
 */
export function customMsgId(key: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < key.length; i++) h = ((h ^ BigInt(key.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return String(10_000_000_000n + (h % 90_000_000_000n));
}

// ---- message.create / message.delete --------------------------------------------------------

const FILE_TYPES: ReadonlySet<Element["type"]> = new Set(["file", "image", "video", "audio"]);

export function planMessageCreate(p: ActionParams<"message.create">, ctx: Ctx): Plan {
  const errors: FieldError[] = [];
  if (p.reply_to !== undefined) errors.push({ path: "reply_to", message: "chat68 cannot quote: the client's quoteInfo is not documented" });
  let text = "";
  const files: { index: number; path: string | undefined }[] = [];
  p.content.forEach((el, i) => {
    if (el.type === "text") text += el.text;
    else if (FILE_TYPES.has(el.type)) files.push({ index: i, path: localPath("url" in el ? el.url : undefined) });
    else errors.push({ path: `content.${i}.type`, message: `chat68 cannot send ${el.type}: send text, or one file, image, video or audio` });
  });
  const [file, extra] = files;
  if (extra) errors.push({ path: `content.${extra.index}`, message: "chat68 sends one file per message" });
  if (file && text !== "") errors.push({ path: `content.${file.index}`, message: "chat68 sends a file as a message of its own, without text" });
  if (file && file.path === undefined) {
    errors.push({ path: `content.${file.index}.url`, message: "chat68 sends files from the client's machine: give a file:// URL or an absolute path there" });
  }
  if (!file && text === "") errors.push({ path: "content", message: "the message is empty" });
  if (errors.length > 0) invalid(errors);
  if (file?.path !== undefined) return sendFile(ctx, p.chat, file.path);
  // Line breaks go as the two characters \n: the seed's multi-line example writes them so.
  return sendText(ctx, p.chat, { chatType: MSG_TYPE.text, content: text.replace(/\r?\n/g, "\\n") });
}

/** A file on the client's machine: a file:// URL or an absolute path (C:/…, C:\…, /…); undefined otherwise. */
export function localPath(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (/^file:\/\//i.test(url)) {
    try {
      const path = decodeURIComponent(new URL(url).pathname);
      return /^\/[A-Za-z]:[\\/]/.test(path) ? path.slice(1) : path;
    } catch {
      return undefined;
    }
  }
  return /^([A-Za-z]:[\\/]|\/[^/])/.test(url) ? url : undefined;
}

export function planMessageDelete(p: ActionParams<"message.delete">, ctx: Ctx): Plan {
  const api = sideApi(ctx, "message.delete");
  const seen = remembered(ctx, p.message_id);
  const body: Obj = { id: exactNumber(p.chat.id), type: p.chat.type === "group" ? "group" : "friend" };
  if (seen?.c !== undefined) body.customMsgId = seen.c;
  body.msgId = exactNumber(p.message_id);
  body.isRemoteDeletion = true;
  return httpPlan(post(ctx, api, ROUTE.deleteMsg, body), (answer) => {
    sideData(answer, "/deleteMsg");
    return { result: {} };
  });
}

// ---- queries --------------------------------------------------------------------------------

const planGroupList = (_p: unknown, ctx: Ctx): Plan =>
  ask(ctx, REQUEST.getGroups, {}, (data) => {
    if (!Array.isArray(data)) throw unreadable(REQUEST.getGroups, data);
    return { result: { groups: data.filter(isRecord).map(groupEntry) } };
  });

const planGroupGet = (p: ActionParams<"group.get">, ctx: Ctx): Plan =>
  web(WEB_API.groupDetail, { groupId: exactNumber(p.group_id) }, ctx, (data) => {
    if (!isRecord(data.group)) throw unreadable(WEB_API.groupDetail.type, data);
    const group = groupEntry({ ...data.group, id: data.group.groupId, groupNotice: data.groupNotice });
    const created = epochMs(data.group.createTime);
    if (created !== undefined) group.created_at = created;
    return { result: { group } };
  });

const planMemberList = (p: ActionParams<"group.member.list">, ctx: Ctx): Plan =>
  web(WEB_API.groupMemberList, { groupId: exactNumber(p.group_id), pageSize: MEMBER_PAGE_SIZE, pageNum: 1 }, ctx, (data) => {
    if (!Array.isArray(data.members)) throw unreadable(WEB_API.groupMemberList.type, data);
    const members = data.members.filter(isRecord).map((m) => {
      const member = user(m.user);
      if (typeof m.type === "string") member.role = m.type === "MANAGE" ? "admin" : m.type.toLowerCase();
      return member;
    });
    return { result: { members } };
  });

const planFriendList = (_p: unknown, ctx: Ctx): Plan =>
  web(WEB_API.contactsList, {}, ctx, (data) => {
    if (!Array.isArray(data.contactsList)) throw unreadable(WEB_API.contactsList.type, data);
    return { result: { friends: data.contactsList.filter(isRecord).map((c) => user(c.userInfo)) } };
  });

const planUserGet = (p: ActionParams<"user.get">, ctx: Ctx): Plan =>
  web(WEB_API.contactsDetail, { targetUid: exactNumber(p.user_id) }, ctx, (data) => {
    const base = isRecord(data.contactsDetailBase) ? data.contactsDetailBase : undefined;
    if (!base || !isRecord(base.userInfo)) throw unreadable(WEB_API.contactsDetail.type, data);
    return { result: { user: user(base.userInfo) } };
  });

const planSelfGet = (_p: unknown, ctx: Ctx): Plan =>
  web(WEB_API.userInfo, undefined, ctx, (data) => {
    if (!isRecord(data.userInfo)) throw unreadable(WEB_API.userInfo.type, data);
    return { result: { user: user(data.userInfo) } };
  });

/** Pending friend requests: `{requests: [{user, comment?, source?, time?}]}`. */
const planFriendRequests = (_p: unknown, ctx: Ctx): Plan =>
  web(WEB_API.contactsApplyList, undefined, ctx, (data) => {
    if (!Array.isArray(data.recordList)) throw unreadable(WEB_API.contactsApplyList.type, data);
    return { result: { requests: data.recordList.filter(isRecord).map(friendRequest) } };
  });

// ---- group administration -------------------------------------------------------------------

const finished = (): ActionOutcome => ({ result: {} });

/** A send whose confirmation ends an administrative action (its result is `{}`). */
function andTell(c: Ctx, groupId: string, values: SendElement["values"]): Plan {
  return { ...sendText(c, { type: "group", id: groupId }, values, false), after: finished };
}

export function planGroupMute(p: ActionParams<"group.mute">, ctx: Ctx): Plan {
  if (p.user_id !== undefined) {
    return web(WEB_API.groupMemberShutup, { targetUid: exactNumber(p.user_id), shutupTime: p.duration_s, groupId: exactNumber(p.group_id) }, ctx, finished);
  }
  // The whole group: on until lifted (68chat has no duration for it), then the notice the app posts.
  const on = p.duration_s > 0;
  return web(WEB_API.groupUpdate, { op: GROUP_OP.shutup, groupParam: { shutup: on, groupId: exactNumber(p.group_id) } }, ctx, (_data, c) =>
    andTell(c, p.group_id, { chatType: MSG_TYPE.groupNotification, content: on ? SHUTUP_TEXT.on : SHUTUP_TEXT.off, bfShutup: on }),
  );
}

export function planGroupUpdate(p: ActionParams<"group.update">, ctx: Ctx): Plan {
  const errors: FieldError[] = [];
  if (p.name !== undefined) errors.push({ path: "name", message: "chat68 cannot rename a group: the origin does not document op 7's parameters" });
  if (p.notice === undefined && p.name === undefined) errors.push({ path: "notice", message: "give the new notice" });
  if (errors.length > 0) invalid(errors);
  const notice = p.notice as string;
  // Setting the notice tells nobody: the app then posts it to the group (chatType 8, bfAll).
  return web(WEB_API.groupUpdate, { op: GROUP_OP.notice, groupParam: { notice, bfAll: true, groupId: exactNumber(p.group_id) } }, ctx, (_data, c) =>
    andTell(c, p.group_id, { chatType: MSG_TYPE.notice, content: notice, bfAll: true }),
  );
}

// ---- the client itself ----------------------------------------------------------------------

const planRestart = (_p: unknown, ctx: Ctx): Plan => ask(ctx, REQUEST.restart68, {}, finished);

const planApiUrl = (_p: unknown, ctx: Ctx): Plan =>
  ask(ctx, REQUEST.getApiUrl, {}, (data) => {
    if (typeof data !== "string") throw unreadable(REQUEST.getApiUrl, data);
    return { result: { api_url: data } };
  });

/**
 * `upstream.raw`: `{frame}` sent as given (a string verbatim, so big ids keep their digits;
 * an object as JSON), the answer to its `id` awaited when it has one (200 with the answer),
 * else 202; `{http}` against the side API, its JSON as the result.
 */
export function planRaw(p: ActionParams<"upstream.raw">, ctx: Ctx): Plan {
  if ("frame" in p) {
    let parsed: unknown = p.frame;
    if (typeof p.frame === "string") {
      try {
        parsed = parseLossless(p.frame);
      } catch {
        parsed = null;
      }
    }
    const key = isRecord(parsed) ? (idString(parsed.id) ?? null) : null;
    return socketPlan([typeof p.frame === "string" ? p.frame : JSON.stringify(p.frame)], key);
  }
  const api = sideApi(ctx, "upstream.raw with http");
  const { method, path, body } = p.http;
  const req = {
    method,
    url: `${api}${path}`,
    headers: sideHeaders(ctx),
    ...(body !== undefined && method !== "GET" && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  };
  return httpPlan(req, (answer) => {
    const value = sideJson(answer, path);
    return { result: isRecord(value) ? value : { data: value } };
  });
}

// ---- pieces ---------------------------------------------------------------------------------

/** A web API answer's `data` as an object (its commonResult was checked by decode). */
function record(data: unknown, what: string): Obj {
  if (!isRecord(data)) throw unreadable(what, data);
  return data;
}

function unreadable(what: string, data: unknown): ProblemError {
  const text = JSON.stringify(data) ?? String(data);
  return new ProblemError(
    problem("upstream_error", `the 68chat client answered ${what} in an unexpected shape`, { upstream: { code: null, text: text.slice(0, 500) } }),
  );
}

const noParams = z.object({}).strict();

export const actions: Readonly<Record<string, PlatformAction<Chat68Config>>> = {
  "message.create": unified("message.create", planMessageCreate),
  "message.delete": unified("message.delete", planMessageDelete),
  "group.list": unified("group.list", planGroupList),
  "group.get": unified("group.get", planGroupGet),
  "group.member.list": unified("group.member.list", planMemberList),
  "group.mute": unified("group.mute", planGroupMute),
  "group.update": unified("group.update", planGroupUpdate),
  "friend.list": unified("friend.list", planFriendList),
  "user.get": unified("user.get", planUserGet),
  "self.get": unified("self.get", planSelfGet),
  "upstream.raw": unified("upstream.raw", planRaw),
  "chat68.restart": platformAction(noParams, planRestart),
  "chat68.api_url": platformAction(noParams, planApiUrl),
  "chat68.friend_requests": platformAction(noParams, planFriendRequests),
};
