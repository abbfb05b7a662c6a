// The oicq daemon's HTTP action API, answered the way its web_daemon.js does: Express
// routing (paths case-insensitive, a trailing slash ignored, "Cannot GET /x" pages for
// anything else), 415 for a POST without a JSON content type, 400 ("Bad Request") when a
// required field is missing, otherwise 200 with `{"status":{"code":N}, ...}`.
//
//   POST /sendMsg/private      {dest, from?, msgContent[], reply?{to, time?, id, summary}} → {msgID}
//   POST /sendMsg/group        {dest, msgContent[], reply?}                       → {msgID}
//   POST /revoke/private       {channel, msgID}           0 for a msgID it can recall there, else -1
//   POST /revoke/group         {channel, msgID}
//   POST /user/acceptFriend    {who, eventID, accept}
//   POST /user/acceptGroupInvite {who, eventID, accept}
//   POST /user/leaveGroup      {group}                    -2 when not in it; pushes groupLeft
//   POST /group/acceptJoin     {group, eventID, accept}
//   POST /group/setGroupName   {group, name}
//   POST /group/mute           {group, target (0: whole group), duration (s)}
//   POST /group/kick           {group, who}
//   POST /group/setAdmin       {group, who, set}
//   POST /group/invite         {group, who}
//   POST /mesg/genForwardedMsg {msgs: [{id, nickname?, time?, msgContent}]}     → {id}
//   GET  /                     {name, version} (the daemon's fingerprint, no status)
//   GET  /user/basicInfo                                  → {basic: {id, nickname}}
//   GET  /user/getFriendList                              → {list: [{id, nickname}]}
//   GET  /user/getGroupList                               → {list: [{id, name}]}
//   GET  /group/getMemberList?group=                      → {list: [{id, nickname, alias}]}
//   GET  /user/getMemberDetail?group=&member=             → {info: {join_time, last_active_time, tag, isOwner, isAdmin}}
//   GET  /mesg/parseForwardedMsg?id=                      → {msgs: [{id, time, nickname, msgContent}]}
//   GET  /mesg/queryMsg?type=&channel=&id=                → {data: <msg packet data>}
//
// Any route can be scripted (see ScriptSpec) to answer an error code, an HTTP status,
// garbage, or late.

import { STATUS_CODES } from "node:http";
import { isObject, parseLossless } from "./json.ts";
import type { ScriptFields } from "./script.ts";
import * as frames from "./oicq-frames.ts";
import type { Frame, MsgData } from "./oicq-frames.ts";
import type { DaemonState, ForwardNode } from "./oicq-state.ts";

/** The daemon's package name and version, answered by GET /. */
export const FINGERPRINT = { name: "oicq2-webapid", version: "0.1.2" } as const;

/**
 * How to answer the next request (or every request) on one route: `code` answers
 * `{"status":{"code":code}}` (with `message` inside status when given), `httpStatus` alone
 * Express's plain-text status page, `body` raw text sent as application/json.
 */
export interface ScriptSpec extends Omit<ScriptFields, "silent"> {
  message?: string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export interface ApiHost {
  readonly daemon: DaemonState;
  /** Send a packet to every client (leaveGroup announces groupLeft as the daemon does). */
  push(frame: Frame): string;
}

interface Request {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  text: string;
}

type Body = Record<string, unknown>;

const JSON_TYPE = "application/json; charset=utf-8";

/** A route key: no leading or trailing slash, lower case (Express matches case-insensitively). */
export function routeKey(path: string): string {
  return path.replace(/^\/+|\/+$/g, "").toLowerCase();
}

export function ok(fields: Record<string, unknown> = {}): Answer {
  return json({ status: { code: 0 }, ...fields });
}

export function code(n: number): Answer {
  return json({ status: { code: n } });
}

function json(value: unknown, status = 200): Answer {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/** Express's res.sendStatus(n). */
export function statusOnly(status: number): Answer {
  return { status, contentType: "text/plain; charset=utf-8", body: STATUS_CODES[status] ?? String(status) };
}

function htmlError(status: number, text: string): Answer {
  const body =
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n` + `<body>\n<pre>${text}</pre>\n</body>\n</html>\n`;
  return { status, contentType: "text/html; charset=utf-8", body };
}

/** The scripted answer, or undefined when the script only delays. */
export function scripted(spec: ScriptSpec): Answer | undefined {
  if (spec.body !== undefined) return { status: spec.httpStatus ?? 200, contentType: JSON_TYPE, body: spec.body };
  if (spec.code !== undefined) {
    const status = { code: spec.code, ...(spec.message !== undefined && { message: spec.message }) };
    return json({ status }, spec.httpStatus ?? 200);
  }
  if (spec.httpStatus !== undefined) return statusOnly(spec.httpStatus);
  return undefined;
}

export class ActionApi {
  readonly #host: ApiHost;

  constructor(host: ApiHost) {
    this.#host = host;
  }

  /** Answer one request the way the daemon does. */
  handle(req: Request): Answer {
    const key = routeKey(req.path);
    const route = ROUTES[key];
    if (!route || route.method !== req.method) return htmlError(404, `Cannot ${req.method} ${req.path}`);
    if (route.method === "GET") return route.get(this.#host, req.query);

    // express.json() then the daemon's own content-type check.
    if (req.contentType === undefined || !req.contentType.includes("application/json")) return statusOnly(415);
    let body: unknown = {};
    if (req.text.trim() !== "") {
      if (!/^\s*[{[]/.test(req.text)) return htmlError(400, "SyntaxError: Unexpected token in JSON body");
      try {
        body = parseLossless(req.text);
      } catch (error) {
        return htmlError(400, `SyntaxError: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!isObject(body) || !route.fields.every((f) => f in body)) return statusOnly(400);
    return route.post(this.#host, body);
  }
}

type Route =
  { method: "GET"; get(host: ApiHost, query: Record<string, string>): Answer } | { method: "POST"; fields: string[]; post(host: ApiHost, body: Body): Answer };

function post(fields: string[], handler: (host: ApiHost, body: Body) => Answer): Route {
  return { method: "POST", fields, post: handler };
}

function get(handler: (host: ApiHost, query: Record<string, string>) => Answer): Route {
  return { method: "GET", get: handler };
}

/** The accept routes: the daemon answers 0 once the fields are there. */
const accept = (fields: string[]): Route => post(fields, () => ok());

const ROUTES: Record<string, Route> = {
  "": get(() => json(FINGERPRINT)),
  "sendmsg/private": post(["dest", "msgContent"], (host, body) => send(host, "private", body)),
  "sendmsg/group": post(["dest", "msgContent"], (host, body) => send(host, "group", body)),
  "revoke/private": post(["msgID", "channel"], (host, body) => recall(host, "private", body)),
  "revoke/group": post(["msgID", "channel"], (host, body) => recall(host, "group", body)),
  "user/acceptfriend": accept(["who", "eventID", "accept"]),
  "user/acceptgroupinvite": accept(["who", "eventID", "accept"]),
  "user/leavegroup": post(["group"], (host, body) => {
    const { daemon: state } = host;
    const group = state.group(Number(body.group));
    if (!group) return code(-2);
    state.removeGroup(group.id);
    host.push(frames.groupLeft({ which: group.id, name: group.name, operator: state.selfId }));
    return ok();
  }),
  "group/acceptjoin": accept(["group", "eventID", "accept"]),
  "group/setgroupname": post(["group", "name"], (host, body) => {
    const group = host.daemon.group(Number(body.group));
    if (group && typeof body.name === "string") group.name = body.name;
    return ok();
  }),
  "group/mute": post(["group", "target", "duration"], () => ok()),
  "group/kick": post(["group", "who"], (host, body) => {
    host.daemon.removeMember(Number(body.group), Number(body.who));
    return ok();
  }),
  "group/setadmin": post(["group", "who", "set"], (host, body) => {
    host.daemon.setRole(Number(body.group), Number(body.who), body.set === true);
    return ok();
  }),
  "group/invite": post(["group", "who"], () => ok()),
  "mesg/genforwardedmsg": post(["msgs"], (host, body) => {
    if (!Array.isArray(body.msgs)) return code(-1);
    const { daemon: state } = host;
    const nodes: ForwardNode[] = [];
    for (const m of body.msgs as unknown[]) {
      if (!isObject(m)) return code(-1);
      const content = received(host, m.msgContent);
      if (content === null) return code(-1);
      const id = Number(m.id);
      nodes.push({
        id,
        time: typeof m.time === "number" ? m.time : frames.seconds(),
        nickname: typeof m.nickname === "string" ? m.nickname : state.peerName(id),
        msgContent: content,
      });
    }
    return ok({ id: state.newForward(nodes) });
  }),
  "user/basicinfo": get((host) => ok({ basic: { id: host.daemon.selfId, nickname: host.daemon.selfNickname } })),
  "user/getfriendlist": get((host) => ok({ list: host.daemon.friends.map((f) => ({ id: f.id, nickname: f.nickname })) })),
  "user/getgrouplist": get((host) => ok({ list: host.daemon.groups.map((g) => ({ id: g.id, name: g.name })) })),
  "group/getmemberlist": get((host, query) => {
    if (!("group" in query)) return statusOnly(400);
    const group = host.daemon.group(Number(query.group));
    if (!group) return code(-1);
    return ok({ list: group.members.map((m) => ({ id: m.id, nickname: m.nickname, alias: m.card })) });
  }),
  "user/getmemberdetail": get((host, query) => {
    if (!("group" in query && "member" in query)) return statusOnly(400);
    const m = host.daemon.member(Number(query.group), Number.parseInt(query.member ?? "", 10));
    if (!m) return code(-1);
    return ok({
      info: {
        join_time: m.join_time,
        last_active_time: m.last_sent_time,
        tag: m.card,
        isOwner: m.role === "owner",
        isAdmin: m.role === "owner" || m.role === "admin",
      },
    });
  }),
  "mesg/parseforwardedmsg": get((host, query) => {
    if (!("id" in query)) return statusOnly(400);
    const nodes = host.daemon.forwards.get(query.id ?? "");
    if (!nodes) return code(-1);
    return ok({ msgs: nodes.map((n) => ({ id: n.id, time: n.time, nickname: n.nickname, msgContent: n.msgContent })) });
  }),
  "mesg/querymsg": get((host, query) => {
    if (!("type" in query && "id" in query && "channel" in query)) return statusOnly(400);
    const data = host.daemon.find(query.type ?? "", Number(query.channel), query.id ?? "");
    return data ? ok({ data: frames.msgData(data) }) : code(-1);
  }),
};

/**
 * msgContent as the daemon sends it, turned into the received form the daemon would report
 * back (images with asEmoji, mentions with their display text), or null when the daemon
 * fails to convert it (-1): not an array, or a forwarded id it cannot expand. Unsupported
 * element types are skipped, as the daemon does.
 */
function received(host: ApiHost, msgContent: unknown): Record<string, unknown>[] | null {
  if (!Array.isArray(msgContent)) return null;
  const { daemon: state } = host;
  const out: Record<string, unknown>[] = [];
  for (const p of msgContent as unknown[]) {
    if (!isObject(p)) continue;
    switch (p.type) {
      case "text":
        out.push(frames.el.text(String(p.text ?? "")));
        break;
      case "image": {
        const url = typeof p.url === "string" ? p.url : `https://gchat.qpic.cn/gchatpic_new/${state.selfId}/${state.nextSeq()}/0`;
        out.push(frames.el.image(url, false));
        break;
      }
      case "mention": {
        const target = Number(p.target);
        out.push(frames.el.mention(target, target === 0 ? "@全体成员" : `@${state.peerName(target)}`));
        break;
      }
      case "emoji":
        out.push(frames.el.emoji(Number(p.id), typeof p.replaceText === "string" ? p.replaceText : "/表情"));
        break;
      case "forwarded":
        if (typeof p.id !== "string" || !state.forwards.has(p.id)) return null;
        out.push(frames.el.forwarded(p.id));
        break;
      case "xml":
      case "json":
        out.push(p.type === "xml" ? frames.el.xml(String(p.data ?? "")) : frames.el.json(String(p.data ?? "")));
        break;
      default:
        break;
    }
  }
  return out;
}

function send(host: ApiHost, type: "private" | "group", body: Body): Answer {
  const { daemon: state } = host;
  const content = received(host, body.msgContent);
  if (content === null) return code(-1);
  let reply: frames.Reply | undefined;
  if ("reply" in body && body.reply !== null) {
    const r = body.reply;
    const quoted = isObject(r) ? frames.unpackMsgID(r.id) : null;
    if (!isObject(r) || quoted === null) return code(-1);
    reply = {
      to: Number(r.to),
      time: typeof r.time === "number" ? r.time : quoted.time,
      summary: String(r.summary ?? ""),
      id: r.id as string,
    };
  }
  // oicq refuses to send a message with nothing in it.
  if (content.length === 0) return code(-2);

  const dest = Number(body.dest);
  const from = type === "private" && "from" in body ? Number(body.from) : undefined;
  const time = frames.seconds();
  const msgID = state.issueMsgID(time);
  state.sent.push({
    type,
    dest,
    ...(from !== undefined && { from }),
    msgContent: body.msgContent as unknown[],
    ...(reply && { reply: body.reply }),
    msgID,
    time,
  });
  if (type === "private") {
    // The daemon stores its own private messages (fetched back from the chat history).
    const data: MsgData = {
      type,
      time,
      known: from === undefined && state.friend(dest) !== undefined,
      channel: dest,
      channel_name: state.peerName(dest, from),
      sender: state.selfId,
      sender_nick: from === undefined ? state.selfNickname : state.memberName(from, state.selfId),
      ref_channel: from ?? 0,
      ref_channel_name: from === undefined ? "" : state.groupName(from),
      msgID,
      msgContent: content,
      msgString: frames.msgString(content),
      ...(reply && { reply }),
    };
    state.remember(data);
  } else {
    // Its own group messages are not stored, but can be recalled.
    state.revocable.set(msgID, { type, channel: dest });
  }
  return ok({ msgID });
}

function recall(host: ApiHost, type: "private" | "group", body: Body): Answer {
  const msgID = body.msgID;
  const known = typeof msgID === "string" ? host.daemon.revocable.get(msgID) : undefined;
  if (!known || known.type !== type || known.channel !== Number(body.channel)) return code(-1);
  host.daemon.revocable.delete(msgID as string);
  return ok();
}
