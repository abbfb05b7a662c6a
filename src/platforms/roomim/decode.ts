/**
 * roomim frames → unified events and action replies.
 *
 * | frame                                                        | output                               |
 * |--------------------------------------------------------------|--------------------------------------|
 * | response 1 (our send acknowledged)                           | reply `{message_id, timestamp}`      |
 * | response 1 with the configured revoke request/msgType        | reply `{}`                           |
 * | response ≥ 2000 (refused, e.g. 2002 blocked)                 | reply problem `upstream_rejected`    |
 * | response 2 with the configured revoke request/msgType        | `message.deleted`                    |
 * | response 2, msgType 1 / 3                                    | `message.created`                    |
 * | response null, msgType 1 / 3 (our other device)              | `message.created` with `self: true`  |
 * | response 302 / 303 (our other device)                        | `message.read` / `chat.cleared`      |
 * | response 2, msgType 102                                      | `friend.requested`                   |
 * | response 2, msgType 107, roomType 1 / other                  | `friend.added` / `group.joined`      |
 * | anything else, unparseable text, binary                      | `upstream.unknown`                   |
 *
 * Chat types: roomim addresses every conversation as a room and its message frames do not
 * say whether a room is a one-to-one chat or a group. A room counts as `private` once a 102
 * or a 107 frame with roomType 1 has shown it is (remembered as `room:<id>` = "private");
 * every other room is reported as `group`.
 *
 * The account's own user id is not announced either: it is learned from the `from` of our
 * acknowledged sends (remembered as `self`) and used as the sender of our messages synced
 * from another device.
 */
import type { Context, Decoded, Frame, Reply } from "../contract.ts";
import type { EventType, ChatRef } from "../../events/types.ts";
import type { Element } from "../../events/elements.ts";
import { idString, isRecord } from "../../lib/json.ts";
import { problem } from "../../lib/problem.ts";
import * as kit from "../kit.ts";
import { epochMs, nonEmpty, shown } from "../../lib/values.ts";
import { MENTION_TYPE, MSG_TYPE, REFUSALS, RESPONSE, REVOKE_KEY_PREFIX, ROOM_TYPE, type RoomimConfig } from "./frames.ts";

type Ctx = Context<RoomimConfig>;
type Obj = Record<string, unknown>;

export const SELF_KEY = "self";
/** The room memory shelf: rooms whose type a frame showed. */
export const ROOM_SHELF = "room";
export const roomKey = (room: string): string => `${ROOM_SHELF}:${room}`;

export const decode = kit.guardDecode(decodeFrame);

function decodeFrame(frame: Frame, ctx: Ctx): Decoded {
  const read = kit.objectFrame(frame);
  if ("unknown" in read) return read.unknown;
  const f = read.object;
  const response = code(f.response);
  const revoke = isRevoke(f, ctx.config);

  if (response === RESPONSE.sent) return ack(f, revoke);
  if (response !== undefined && response >= RESPONSE.firstRefusal) return refusal(f, response, revoke);
  if (response === RESPONSE.readElsewhere || response === RESPONSE.clearedElsewhere) return elsewhere(f, response, ctx);

  const pushed = response === RESPONSE.pushed;
  const synced = f.response === null || f.response === undefined;
  if (!pushed && !synced) return unknown(`unknown response ${shown(f.response)}`, f);

  const msgType = code(f.msgType);
  if (revoke) return deleted(f, synced, ctx);
  if (msgType === MSG_TYPE.text || msgType === MSG_TYPE.image) return created(f, msgType, synced, ctx);
  if (pushed && msgType === MSG_TYPE.friendRequest) return friendRequested(f);
  if (pushed && msgType === MSG_TYPE.roomInit) return roomInit(f, ctx);
  return unknown(`unknown msgType ${shown(f.msgType)} with response ${shown(f.response)}`, f);
}

// ---- replies to our own actions -------------------------------------------------------------

function ack(f: Obj, revoke: boolean): Decoded {
  const key = idString(f.localId);
  if (!key) return unknown("acknowledgement without localId", f);
  let reply: Reply;
  if (revoke || key.startsWith(REVOKE_KEY_PREFIX)) {
    reply = { key, result: {} };
  } else {
    const result: Obj = { message_id: idString(f.msgId) ?? null };
    const ts = epochMs(f.timestamp);
    if (ts !== undefined) result.timestamp = ts;
    reply = { key, result };
  }
  return withSelf({ events: [], replies: [reply] }, f);
}

function refusal(f: Obj, response: number, revokeFrame: boolean): Decoded {
  const key = idString(f.localId);
  if (!key) return unknown(`refusal ${response} without localId`, f);
  const revoke = revokeFrame || key.startsWith(REVOKE_KEY_PREFIX);
  const text = REFUSALS[response] ?? null;
  const what = revoke ? "recall" : "message";
  const detail = `roomim refused the ${what} (${response}${text ? `: ${text}` : ""})`;
  return withSelf({ events: [], replies: [{ key, problem: problem("upstream_rejected", detail, { upstream: { code: response, text } }) }] }, f);
}

/** An answer to our own frame is sent from this account: its `from` is our user id. */
function withSelf(decoded: Decoded, f: Obj): Decoded {
  const self = idString(f.from);
  if (self) decoded.remember = { [SELF_KEY]: self };
  return decoded;
}

// ---- events ---------------------------------------------------------------------------------

function created(f: Obj, msgType: number, synced: boolean, ctx: Ctx): Decoded {
  const id = idString(f.msgId);
  const room = idString(f.room);
  if (!id || !room) return unknown("message without msgId or room", f);
  const payload = isRecord(f.payload) ? f.payload : {};
  const text = typeof f.msgText === "string" ? f.msgText : "";

  const content: Element[] = [...mentions(payload.mentionedInfo)];
  if (text !== "") content.push({ type: "text", text });
  if (msgType === MSG_TYPE.image && Array.isArray(payload.imgs)) content.push(...payload.imgs.map(image));

  const sender = synced ? { id: idString(ctx.recall(SELF_KEY)) ?? "" } : { id: idString(f.from) ?? "" };
  const message: Obj = { id, chat: chatOf(room, ctx), sender, content, text };
  const seq = idString(f.roomSeq);
  if (seq !== undefined) message.seq = seq;
  if (typeof payload.extras === "string" && payload.extras !== "") message.extras = payload.extras;
  if (synced) message.self = true;
  return one("message.created", { message }, f);
}

function deleted(f: Obj, synced: boolean, ctx: Ctx): Decoded {
  const id = idString(f.msgId);
  const room = idString(f.room);
  if (!id || !room) return unknown("recall without msgId or room", f);
  const data: Obj = { message: { id, chat: chatOf(room, ctx) } };
  const operator = synced ? idString(ctx.recall(SELF_KEY)) : idString(f.from);
  if (operator) data.operator = { id: operator };
  return one("message.deleted", data, f);
}

function elsewhere(f: Obj, response: number, ctx: Ctx): Decoded {
  const room = idString(f.room);
  if (!room) return unknown(`response ${response} without room`, f);
  const data: Obj = { chat: chatOf(room, ctx) };
  if (response === RESPONSE.readElsewhere) {
    const id = idString(f.msgId);
    if (id) data.message = { id };
    return one("message.read", data, f);
  }
  return one("chat.cleared", data, f);
}

function friendRequested(f: Obj): Decoded {
  const room = idString(f.room);
  const p = isRecord(f.payload) ? f.payload : {};
  const id = idString(p.id) ?? idString(f.msgId);
  const userId = idString(p.fkMianUserId) ?? idString(f.from);
  if (!room || !id || !userId) return unknown("friend request without room, id or user", f);
  const user: Obj = { id: userId };
  if (typeof p.noteNickname === "string" && p.noteNickname !== "") user.name = p.noteNickname;
  const request: Obj = { id, user };
  const comment = nonEmpty(p.requestMsg) ?? nonEmpty(f.msgText);
  if (comment !== undefined) request.comment = comment;
  const decoded = one("friend.requested", { request, chat: { type: "private", id: room } }, f);
  decoded.remember = { [roomKey(room)]: "private" };
  return decoded;
}

function roomInit(f: Obj, ctx: Ctx): Decoded {
  const room = idString(f.room);
  if (!room) return unknown("room initialisation without room", f);
  const p = isRecord(f.payload) ? f.payload : {};
  if (code(p.roomType) === ROOM_TYPE.private) {
    // Both sides receive this frame and `from` is the one who accepted: when that is this
    // account, the new friend is the room's creator (the requester).
    let userId = idString(f.from);
    const self = idString(ctx.recall(SELF_KEY));
    const creator = idString(p.fkCreatorUserId);
    if (userId !== undefined && userId === self && creator && creator !== self) userId = creator;
    if (!userId) return unknown("friendship room without from", f);
    const decoded = one("friend.added", { user: { id: userId }, chat: { type: "private", id: room } }, f);
    decoded.remember = { [roomKey(room)]: "private" };
    return decoded;
  }
  const group: Obj = { id: room };
  const name = nonEmpty(p.roomName);
  if (name !== undefined) group.name = name;
  const decoded = one("group.joined", { group }, f);
  decoded.remember = { [roomKey(room)]: "group" };
  return decoded;
}

// ---- pieces ---------------------------------------------------------------------------------

function mentions(info: unknown): Element[] {
  if (!isRecord(info)) return [];
  const type = code(info.type);
  if (type === MENTION_TYPE.all) return [{ type: "mention", user_id: "all" }];
  if (type === MENTION_TYPE.users && Array.isArray(info.userIdList)) {
    return info.userIdList.flatMap((u): Element[] => {
      const id = idString(u);
      return id ? [{ type: "mention", user_id: id }] : [];
    });
  }
  return [];
}

function image(entry: unknown): Element {
  if (!isRecord(entry) || typeof entry.url !== "string" || entry.url === "") return { type: "unknown", raw: entry };
  const el: Extract<Element, { type: "image" }> = { type: "image", url: entry.url };
  if (typeof entry.thumbnail === "string" && entry.thumbnail !== "") el.thumbnail = entry.thumbnail;
  const width = dimension(entry.width);
  const height = dimension(entry.hight) ?? dimension(entry.height);
  if (width !== undefined) el.width = width;
  if (height !== undefined) el.height = height;
  return el;
}

function chatOf(room: string, ctx: Ctx): ChatRef {
  return { type: ctx.recall(roomKey(room)) === "private" ? "private" : "group", id: room };
}

function isRevoke(f: Obj, config: RoomimConfig): boolean {
  return f.request !== undefined && code(f.request) === config.revoke.request && code(f.msgType) === config.revoke.msgType;
}

/** Events carry the frame's `timestamp` as their time when it has one. */
function one(type: EventType, data: Obj, raw: Obj): Decoded {
  return kit.one(type, data, raw, epochMs(raw.timestamp));
}

function unknown(reason: string, raw: unknown): Decoded {
  return kit.unknown(reason, raw, isRecord(raw) ? epochMs(raw.timestamp) : undefined);
}

/** A numeric code sent as a number or a digit string. */
function code(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

function dimension(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}
