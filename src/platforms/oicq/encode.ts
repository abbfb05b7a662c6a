/**
 * Unified actions → requests against the daemon's HTTP API (`api`, see frames.ts).
 *
 * | action                        | request                                                                 | result                         |
 * |-------------------------------|-------------------------------------------------------------------------|--------------------------------|
 * | message.create (private)      | POST /sendMsg/private `{dest, from?, msgContent, reply?}`               | `{message_id: msgID}`          |
 * | message.create (group)        | POST /sendMsg/group `{dest, msgContent, reply?}`                        | `{message_id: msgID}`          |
 * | message.delete                | POST /revoke/private or /revoke/group `{channel, msgID}`                | `{}`                           |
 * | request.approve / .reject     | friend: POST /user/acceptFriend `{who, eventID, accept}`                | `{}`                           |
 * |                               | invite: POST /user/acceptGroupInvite `{who, group, eventID, accept}`    |                                |
 * |                               | join: POST /group/acceptJoin `{group, requester, eventID, accept}`      |                                |
 * | group.mute                    | POST /group/mute `{group, target (0: whole group), duration}`           | `{}`                           |
 * | group.kick                    | POST /group/kick `{group, who}`                                         | `{}`                           |
 * | group.admin.set               | POST /group/setAdmin `{group, who, set}`                                | `{}`                           |
 * | group.invite                  | POST /group/invite `{group, who}`                                       | `{}`                           |
 * | group.update (name only)      | POST /group/setGroupName `{group, name}`                                | `{}`                           |
 * | group.leave                   | POST /user/leaveGroup `{group}`                                         | `{}`                           |
 * | group.list                    | GET /user/getGroupList                                                  | `{groups: [{id, name}]}`       |
 * | friend.list                   | GET /user/getFriendList                                                 | `{friends: [{id, name}]}`      |
 * | group.member.list             | GET /group/getMemberList?group=                                         | `{members: [{id, name}]}`      |
 * | self.get                      | GET /user/basicInfo                                                     | `{user: {id, name}}`           |
 * | user.get                      | GET /user/getFriendList, the friend picked out                          | `{user: {id, name}}`           |
 * | upstream.raw `{http}`         | that request against `api`                                              | the daemon's JSON              |
 *
 * Answers: `status.code` 0 is the result; any other code is 422 upstream_rejected with
 * `upstream {code, text}`, text being what the code means (frames.ts, STATUS_TEXT) or the
 * answer's `status.message` when it has one; an HTTP status other than 2xx, or a body
 * that is not the daemon's JSON, is 502 upstream_error with what it said (500 characters).
 *
 * QQ numbers go out as bare JSON numbers with their exact digits (the daemon compares
 * `target === 0` and looks groups up by number); message and event ids go out as strings.
 *
 * Not carried, refused with invalid_request naming the field: a group's `notice` (the daemon
 * can only rename), a request's `comment` (the daemon has no field for it), elements the
 * daemon cannot send (file, audio, video, markdown, html, and `unknown` unless its `raw` is a
 * daemon forwarded/xml/json element), and `upstream.raw` frames (the socket takes none).
 *
 * Quoting (`reply_to`): the daemon needs the quoted message's sender (`to`) and a summary.
 * Both come from the messages decode remembers (the last 200 received). For an unknown id in
 * a private chat the peer is taken as the sender and the summary is empty; in a group an
 * unknown id is refused, since a wrong `to` makes the quote point nowhere. Messages this
 * account sent through the relay are not remembered and cannot be quoted in groups.
 *
 * Strangers: a private message to someone who is not a friend goes through a group they
 * share; message.create takes it as `via_group` (the id from the `message.via_group` of the
 * stranger's messages).
 */
import * as z from "zod";
import type { ActionOutcome, Context, HttpAnswer, Plan, PlatformAction } from "../contract.ts";
import { ACTION_PARAMS, type ActionParams } from "../../events/actions.ts";
import { id as idSchema, type Element } from "../../events/elements.ts";
import { exactNumber, idString, isRecord, parseLossless, type Json } from "../../lib/json.ts";
import { problem, type FieldError } from "../../lib/problem.ts";
import { httpPlan, invalid, isSuccess, platformAction, unified, upstreamSaid, UPSTREAM_TEXT_LIMIT } from "../kit.ts";
import {
  PASSTHROUGH_TYPES,
  ROUTE,
  SEND_STATUS_TEXT,
  STATUS_TEXT,
  endpoint,
  messageKey,
  requestKey,
  viaKey,
  type OicqConfig,
  type PendingRequest,
  type SendBody,
  type WireElement,
} from "./frames.ts";

type Ctx = Context<OicqConfig>;
type Obj = Record<string, unknown>;

const QQ_NUMBER = /^[1-9]\d*$/;
const JSON_HEADERS = { "content-type": "application/json" };

// ---- answers --------------------------------------------------------------------------------

/** The daemon's JSON answer with status 0, or the problem it amounts to. */
function readAnswer(answer: HttpAnswer, what: string, codes: Readonly<Record<number, string>> = STATUS_TEXT): { body: Obj } | { problem: ActionOutcome } {
  const text = answer.text();
  if (!isSuccess(answer))
    return { problem: { problem: problem("upstream_error", `oicq answered HTTP ${answer.status} to ${what}`, { upstream: upstreamSaid(answer) }) } };
  let body: Json;
  try {
    body = parseLossless(text);
  } catch {
    body = null;
  }
  const status = isRecord(body) && isRecord(body.status) ? body.status.code : undefined;
  if (!isRecord(body) || typeof status !== "number") {
    return {
      problem: { problem: problem("upstream_error", `oicq answered ${what} with something other than its JSON status`, { upstream: upstreamSaid(answer) }) },
    };
  }
  if (status !== 0) return { problem: { problem: refused(status, body.status, codes, `oicq refused to ${what}`) } };
  return { body };
}

/**
 * 422 for a non-zero status code. The daemon's answers carry no text, so `upstream.text` is
 * what the code means; a `status.message` string, should a daemon send one, is taken instead.
 */
function refused(code: number, status: unknown, codes: Readonly<Record<number, string>>, detail: string) {
  const said = isRecord(status) && typeof status.message === "string" && status.message !== "" ? status.message.slice(0, UPSTREAM_TEXT_LIMIT) : undefined;
  const text = said ?? codes[code] ?? null;
  return problem("upstream_rejected", `${detail} (${code}${text ? `: ${text}` : ""})`, { upstream: { code, text } });
}

function malformed(answer: HttpAnswer, what: string, missing: string): ActionOutcome {
  return { problem: problem("upstream_error", `oicq's answer to ${what} has no ${missing}`, { upstream: upstreamSaid(answer) }) };
}

/** A plan whose result is `{}` once the daemon says 0. */
function post(ctx: Ctx, route: string, body: Obj, what: string): Plan {
  return httpPlan({ method: "POST", url: endpoint(ctx.config, route), headers: JSON_HEADERS, body: JSON.stringify(body) }, (answer) => {
    const read = readAnswer(answer, what);
    return "problem" in read ? read.problem : { result: {} };
  });
}

/** A GET whose `list` is mapped to a result. */
function getList(ctx: Ctx, route: string, query: Record<string, string>, what: string, shape: (list: unknown[]) => Obj): Plan {
  return httpPlan({ method: "GET", url: endpoint(ctx.config, route, query) }, (answer) => {
    const read = readAnswer(answer, what);
    if ("problem" in read) return read.problem;
    if (!Array.isArray(read.body.list)) return malformed(answer, what, "list");
    return { result: shape(read.body.list) };
  });
}

/** `{id, name}` from a list entry; undefined when it has no id. */
function entry(item: unknown, ...nameFields: string[]): { id: string; name?: string } | undefined {
  if (!isRecord(item)) return undefined;
  const id = idString(item.id);
  if (id === undefined || id === "") return undefined;
  const out: { id: string; name?: string } = { id };
  for (const field of nameFields) {
    const name = item[field];
    if (typeof name === "string" && name !== "") {
      out.name = name;
      break;
    }
  }
  return out;
}

const entries = (list: unknown[], ...nameFields: string[]) => list.flatMap((item) => entry(item, ...nameFields) ?? []);

// ---- messages -------------------------------------------------------------------------------

const MessageCreateParams = ACTION_PARAMS["message.create"].extend({ via_group: idSchema.optional() });
type MessageCreateParams = z.output<typeof MessageCreateParams>;

export function toWire(content: readonly Element[], path = "content"): WireElement[] {
  const errors: FieldError[] = [];
  const out: WireElement[] = [];
  content.forEach((el, i) => {
    const at = `${path}.${i}`;
    switch (el.type) {
      case "text":
        out.push({ type: "text", text: el.text });
        return;
      case "mention":
        if (el.user_id === "all") out.push({ type: "mention", target: 0 });
        else if (QQ_NUMBER.test(el.user_id)) out.push({ type: "mention", target: exactNumber(el.user_id) as number });
        else errors.push({ path: `${at}.user_id`, message: 'must be a QQ number or "all"' });
        return;
      case "image": {
        const data = /^data:[^,]*;base64,(.*)$/is.exec(el.url);
        if (data) out.push({ type: "image", base64: data[1] ?? "" });
        else if (el.url.startsWith("data:")) errors.push({ path: `${at}.url`, message: "a data: URL must be base64" });
        else out.push({ type: "image", url: el.url });
        return;
      }
      case "emoji":
        if (/^\d+$/.test(el.id)) out.push({ type: "emoji", id: exactNumber(el.id) as number });
        else errors.push({ path: `${at}.id`, message: "must be a QQ face number" });
        return;
      case "unknown":
        if (isRecord(el.raw) && typeof el.raw.type === "string" && PASSTHROUGH_TYPES.has(el.raw.type)) {
          out.push(el.raw as WireElement);
          return;
        }
        errors.push({ path: `${at}.raw`, message: "oicq can send an unknown element only when it is a forwarded, xml or json element of its own" });
        return;
      default:
        errors.push({ path: `${at}.type`, message: `oicq cannot send ${el.type}` });
    }
  });
  if (errors.length > 0) invalid(errors);
  return out;
}

export function planMessageCreate(given: MessageCreateParams, ctx: Ctx): Plan {
  const { chat } = given;
  // A stranger's group, remembered from their messages, unless the caller names one.
  const remembered = chat.type === "private" ? ctx.recall(viaKey(chat.id)) : undefined;
  const params = given.via_group === undefined && typeof remembered === "string" ? { ...given, via_group: remembered } : given;
  const errors: FieldError[] = [];
  if (!QQ_NUMBER.test(chat.id)) errors.push({ path: "chat.id", message: "must be a QQ number" });
  if (params.via_group !== undefined) {
    if (chat.type !== "private") errors.push({ path: "via_group", message: "only a private message goes through a group" });
    else if (!QQ_NUMBER.test(params.via_group)) errors.push({ path: "via_group", message: "must be a group number" });
  }
  if (errors.length > 0) invalid(errors);
  const msgContent = toWire(params.content);

  // Key order as in the daemon's documentation: dest, from, msgContent, reply.
  const body: SendBody = {
    dest: exactNumber(chat.id),
    ...(params.via_group !== undefined && { from: exactNumber(params.via_group) }),
    msgContent,
    ...(params.reply_to !== undefined && { reply: quote(params.reply_to, chat, ctx) }),
  };

  const what = "send the message";
  const url = endpoint(ctx.config, chat.type === "private" ? ROUTE.sendPrivate : ROUTE.sendGroup);
  return httpPlan({ method: "POST", url, headers: JSON_HEADERS, body: JSON.stringify(body) }, (answer) => {
    const read = readAnswer(answer, what, SEND_STATUS_TEXT);
    if ("problem" in read) return read.problem;
    const id = idString(read.body.msgID);
    if (id === undefined || id === "") return malformed(answer, what, "msgID");
    return { result: { message_id: id } };
  });
}

function quote(id: string, chat: MessageCreateParams["chat"], ctx: Ctx): NonNullable<SendBody["reply"]> {
  const known = ctx.recall(messageKey(id));
  if (isRecord(known) && typeof known.to === "string" && QQ_NUMBER.test(known.to)) {
    return { to: exactNumber(known.to), summary: typeof known.summary === "string" ? known.summary : "", id };
  }
  if (chat.type === "private") return { to: exactNumber(chat.id), summary: "", id };
  return invalid([{ path: "reply_to", message: "no recent message with this id on this connection; quoting in a group needs its sender" }]);
}

export function planMessageDelete(params: ActionParams<"message.delete">, ctx: Ctx): Plan {
  if (!QQ_NUMBER.test(params.chat.id)) invalid([{ path: "chat.id", message: "must be a QQ number" }]);
  const route = params.chat.type === "private" ? ROUTE.revokePrivate : ROUTE.revokeGroup;
  return post(ctx, route, { channel: exactNumber(params.chat.id), msgID: params.message_id }, "recall the message");
}

// ---- requests -------------------------------------------------------------------------------

function planRequest(accept: boolean) {
  return (params: ActionParams<"request.approve">, ctx: Ctx): Plan => {
    if (params.comment !== undefined) invalid([{ path: "comment", message: "oicq cannot send a comment with its answer to a request" }]);
    const req = pendingRequest(ctx.recall(requestKey(params.request_id)));
    if (!req) invalid([{ path: "request_id", message: "no pending request with this id on this connection" }]);
    const what = `${accept ? "approve" : "reject"} the request`;
    const eventID = req.eventID !== undefined ? { eventID: req.eventID } : {};
    switch (req.kind) {
      case "friend":
        return post(ctx, ROUTE.acceptFriend, { who: exactNumber(req.who), ...eventID, accept }, what);
      case "invite":
        return post(ctx, ROUTE.acceptGroupInvite, { who: exactNumber(req.who), group: exactNumber(req.group ?? ""), ...eventID, accept }, what);
      case "join":
        return post(ctx, ROUTE.acceptJoin, { group: exactNumber(req.group ?? ""), requester: exactNumber(req.who), ...eventID, accept }, what);
    }
  };
}

function pendingRequest(value: unknown): PendingRequest | undefined {
  if (!isRecord(value) || typeof value.who !== "string") return undefined;
  const { kind } = value;
  if (kind !== "friend" && kind !== "invite" && kind !== "join") return undefined;
  if (kind !== "friend" && typeof value.group !== "string") return undefined;
  const req: PendingRequest = { kind, who: value.who };
  if (typeof value.group === "string") req.group = value.group;
  if (typeof value.eventID === "string") req.eventID = value.eventID;
  return req;
}

// ---- groups ---------------------------------------------------------------------------------

function group(id: string, path = "group_id"): unknown {
  if (!QQ_NUMBER.test(id)) invalid([{ path, message: "must be a group number" }]);
  return exactNumber(id);
}

function user(id: string, path = "user_id"): unknown {
  if (!QQ_NUMBER.test(id)) invalid([{ path, message: "must be a QQ number" }]);
  return exactNumber(id);
}

/** A whole-group mute has no duration on QQ: any non-zero `duration_s` turns it on until lifted. */
export function planMute(params: ActionParams<"group.mute">, ctx: Ctx): Plan {
  const target = params.user_id === undefined ? 0 : user(params.user_id);
  return post(ctx, ROUTE.mute, { group: group(params.group_id), target, duration: params.duration_s }, "mute");
}

export function planUpdate(params: ActionParams<"group.update">, ctx: Ctx): Plan {
  if (params.notice !== undefined) invalid([{ path: "notice", message: "oicq cannot change a group's notice" }]);
  if (params.name === undefined) invalid([{ path: "name", message: "required: oicq can change only a group's name" }]);
  return post(ctx, ROUTE.setGroupName, { group: group(params.group_id), name: params.name }, "rename the group");
}

// ---- queries --------------------------------------------------------------------------------

export function planSelf(_params: ActionParams<"self.get">, ctx: Ctx): Plan {
  const what = "describe this account";
  return httpPlan({ method: "GET", url: endpoint(ctx.config, ROUTE.basicInfo) }, (answer) => {
    const read = readAnswer(answer, what);
    if ("problem" in read) return read.problem;
    const found = entry(read.body.basic, "nickname");
    return found ? { result: { user: found } } : malformed(answer, what, "basic.id");
  });
}

/** The daemon describes other users only through the friend list. */
export function planUser(params: ActionParams<"user.get">, ctx: Ctx): Plan {
  const what = "list the friends";
  user(params.user_id);
  return httpPlan({ method: "GET", url: endpoint(ctx.config, ROUTE.friendList) }, (answer) => {
    const read = readAnswer(answer, what);
    if ("problem" in read) return read.problem;
    if (!Array.isArray(read.body.list)) return malformed(answer, what, "list");
    const found = entries(read.body.list, "nickname").find((f) => f.id === params.user_id);
    if (!found) return { problem: problem("not_found", `${params.user_id} is not a friend of this account; oicq describes only friends`) };
    return { result: { user: found } };
  });
}

// ---- raw ------------------------------------------------------------------------------------

/** `upstream.raw {http}`: the request as given; the result is the daemon's JSON answer. */
export function planRaw(params: ActionParams<"upstream.raw">, ctx: Ctx): Plan {
  if (!("http" in params)) invalid([{ path: "frame", message: "the oicq daemon's socket takes no client frames; use http" }]);
  const { method, path, body } = params.http;
  if (method === "GET" && body !== undefined) invalid([{ path: "http.body", message: "a GET carries no body" }]);
  const request =
    body === undefined
      ? { method, url: endpoint(ctx.config, path) }
      : { method, url: endpoint(ctx.config, path), headers: JSON_HEADERS, body: JSON.stringify(body) };
  return httpPlan(request, (answer) => {
    const text = answer.text();
    if (!isSuccess(answer)) return { problem: problem("upstream_error", `oicq answered HTTP ${answer.status}`, { upstream: upstreamSaid(answer) }) };
    let json: Json;
    try {
      json = parseLossless(text);
    } catch {
      return { result: { text } };
    }
    if (!isRecord(json)) return { result: { data: json } };
    const status = isRecord(json.status) ? json.status.code : undefined;
    if (typeof status === "number" && status !== 0) return { problem: refused(status, json.status, STATUS_TEXT, "oicq refused the request") };
    return { result: json };
  });
}

export const actions: Readonly<Record<string, PlatformAction<OicqConfig>>> = {
  "message.create": platformAction(MessageCreateParams, planMessageCreate),
  "message.delete": unified("message.delete", planMessageDelete),
  "request.approve": unified("request.approve", planRequest(true)),
  "request.reject": unified("request.reject", planRequest(false)),
  "group.mute": unified("group.mute", planMute),
  "group.kick": unified("group.kick", (p, ctx: Ctx) => post(ctx, ROUTE.kick, { group: group(p.group_id), who: user(p.user_id) }, "kick the member")),
  "group.admin.set": unified("group.admin.set", (p, ctx: Ctx) =>
    post(ctx, ROUTE.setAdmin, { group: group(p.group_id), who: user(p.user_id), set: p.admin }, "change the admin"),
  ),
  "group.invite": unified("group.invite", (p, ctx: Ctx) => post(ctx, ROUTE.invite, { group: group(p.group_id), who: user(p.user_id) }, "invite to the group")),
  "group.update": unified("group.update", planUpdate),
  "group.leave": unified("group.leave", (p, ctx: Ctx) => post(ctx, ROUTE.leaveGroup, { group: group(p.group_id) }, "leave the group")),
  "group.list": unified("group.list", (_p, ctx: Ctx) => getList(ctx, ROUTE.groupList, {}, "list the groups", (list) => ({ groups: entries(list, "name") }))),
  "friend.list": unified("friend.list", (_p, ctx: Ctx) =>
    getList(ctx, ROUTE.friendList, {}, "list the friends", (list) => ({ friends: entries(list, "nickname") })),
  ),
  "group.member.list": unified("group.member.list", (p, ctx: Ctx) => {
    group(p.group_id);
    return getList(ctx, ROUTE.memberList, { group: p.group_id }, "list the members", (list) => ({ members: entries(list, "alias", "nickname") }));
  }),
  "self.get": unified("self.get", planSelf),
  "user.get": unified("user.get", planUser),
  "upstream.raw": unified("upstream.raw", planRaw),
};
