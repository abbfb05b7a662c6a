/**
 * oicq packets → unified events.
 *
 * | packet (`type` / `data.type`)               | event                                                 |
 * |---------------------------------------------|-------------------------------------------------------|
 * | msg / private, msg / group                  | `message.created`                                     |
 * | revoke / private, revoke / group            | `message.deleted`                                     |
 * | user / online, user / offline               | `self.online`, `self.offline`                         |
 * | user / newFriendRequest                     | `friend.requested`                                    |
 * | user / groupInvite                          | `group.invited`                                       |
 * | user / friendAdded, user / friendRemoved    | `friend.added`, `friend.removed`                      |
 * | user / groupJoined, user / groupLeft        | `group.joined`, `group.left`                          |
 * | group / joinRequest                         | `group.member.requested`                              |
 * | group / mute                                | `group.member.muted`                                  |
 * | group / admin                               | `group.admin.changed`                                 |
 * | group / memberJoined, group / memberLeft    | `group.member.joined`, `group.member.left`            |
 * | anything else, non-JSON text, binary        | `upstream.unknown` (with a reason)                    |
 *
 * Messages:
 * - `chat` is `{type, id: channel, name: channel_name}`; `sender` is `{id, name: sender_nick}`.
 * - A private message from a stranger (`known: false`) keeps the group through which they
 *   reach us (`ref_channel`) as `message.via_group {id, name}`: answering a stranger goes
 *   through that group (message.create's `via_group`).
 * - A group message with `known: false` comes from an anonymous sender (the daemon sets
 *   `known` when the message has no anonymous identity; the seed's wording reads the other
 *   way, its code decides): `sender.anonymous: true`, `sender.id` being the anonymous id.
 * - A private message whose sender is not the peer (`channel`) was sent by this account from
 *   another device: `message.self: true`.
 * - `text` is the daemon's `msgString` when it has one, else the plain text of `content`.
 * - `reply` becomes `reply_to {id, text: summary}`.
 * - Each message's sender and summary are remembered (the `msg` shelf, the last 200, see
 *   frames.ts) so that a later message.create can quote it with `reply_to` alone.
 *
 * Recalls: in a private chat the revoker is the peer, so the chat id is the revoker; a
 * `channel` above 0 is the stranger's source group (kept as `message.via_group`), 0 a friend,
 * -1 a stranger whose source group the daemon does not know.
 *
 * Requests: approving or rejecting takes only the `request_id`, so each request's context is
 * remembered as `request:<id>` (see frames.ts, PendingRequest) for a week or until answered. The id is the daemon's
 * `eventID` when it has one; daemons without event ids keep one pending request per
 * `friend:<who>`, `invite:<group>:<inviter>` and `join:<group>:<who>`, which become the id.
 *
 * Content elements: text → text; image → image (`asEmoji` kept as `emoji: true`); emoji →
 * emoji {id, text: replaceText}; mention → mention {user_id: target (0 → "all"), name:
 * displayText without its "@"}; forwarded, xml, json and anything else → `unknown` with the
 * daemon's element as `raw` (a forwarded record's id resolves with upstream.raw
 * GET /mesg/parseForwardedMsg?id=; these elements can be sent back as they are).
 */
import type { Context, Decoded, Frame } from "../contract.ts";
import type { EventType } from "../../events/types.ts";
import { plainText, type Element } from "../../events/elements.ts";
import { idString, isRecord } from "../../lib/json.ts";
import { epochMs, nonEmpty, shown } from "../../lib/values.ts";
import { guardDecode, objectFrame, one, unknown } from "../kit.ts";
import { SUMMARY_MAX, messageKey, requestKey, viaKey, type OicqConfig, type PendingRequest, type RememberedMessage } from "./frames.ts";

type Ctx = Context<OicqConfig>;
type Obj = Record<string, unknown>;

export const decode = guardDecode(decodeFrame);

function decodeFrame(frame: Frame, _ctx: Ctx): Decoded {
  const read = objectFrame(frame);
  if ("unknown" in read) return read.unknown;
  const f = read.object;

  // Some daemon builds push a group recall without its {type: "revoke", data} envelope.
  if ((f.type === "private" || f.type === "group") && "revoker" in f && "msgID" in f) return revoke(f, f);

  const data = f.data;
  if (!isRecord(data)) return unknown(`packet without a data object (type ${shown(f.type)})`, f);
  const kind = data.type;
  switch (f.type) {
    case "msg":
      return message(data, f);
    case "revoke":
      return revoke(data, f);
    case "user":
      switch (kind) {
        case "online":
          return one("self.online", {}, f);
        case "offline":
          return one("self.offline", {}, f);
        case "newFriendRequest":
          return friendRequest(data, f);
        case "groupInvite":
          return groupInvite(data, f);
        case "friendAdded":
        case "friendRemoved":
          return friendChange(kind === "friendAdded" ? "friend.added" : "friend.removed", data, f);
        case "groupJoined":
        case "groupLeft":
          return groupChange(kind === "groupJoined" ? "group.joined" : "group.left", data, f);
      }
      return unknown(`unknown user event ${shown(kind)}`, f);
    case "group":
      switch (kind) {
        case "joinRequest":
          return joinRequest(data, f);
        case "mute":
          return mute(data, f);
        case "admin":
          return admin(data, f);
        case "memberJoined":
        case "memberLeft":
          return memberChange(kind === "memberJoined" ? "group.member.joined" : "group.member.left", data, f);
      }
      return unknown(`unknown group event ${shown(kind)}`, f);
  }
  return unknown(`unknown packet type ${shown(f.type)}`, f);
}

// ---- messages -------------------------------------------------------------------------------

function message(d: Obj, raw: Obj): Decoded {
  const type = d.type;
  const id = nonEmpty(idString(d.msgID));
  const channel = qq(d.channel);
  const sender = qq(d.sender);
  if ((type !== "private" && type !== "group") || !id || !channel || !sender) {
    return unknown("message without a type (private|group), msgID, channel or sender", raw, epochMs(d.time));
  }

  const content = Array.isArray(d.msgContent) ? d.msgContent.map(element) : [];
  const msgString = nonEmpty(d.msgString);
  const text = msgString ?? plainText(content);

  const chat: Obj = { type, id: channel };
  const chatName = nonEmpty(d.channel_name);
  if (chatName !== undefined) chat.name = chatName;
  const from: Obj = { id: sender };
  const senderName = nonEmpty(d.sender_nick);
  if (senderName !== undefined) from.name = senderName;
  if (type === "group" && d.known === false) from.anonymous = true;

  const msg: Obj = { id, chat, sender: from, content, text };
  if (isRecord(d.reply)) {
    const replyId = nonEmpty(idString(d.reply.id));
    if (replyId !== undefined) {
      const replyTo: Obj = { id: replyId };
      const summary = nonEmpty(d.reply.summary);
      if (summary !== undefined) replyTo.text = summary;
      msg.reply_to = replyTo;
    }
  }
  const remember: Record<string, unknown> = {};
  if (type === "private") {
    const via = viaGroup(d.ref_channel, d.ref_channel_name);
    if (d.known === false && via) msg.via_group = via;
    if (sender !== channel) msg.self = true;
    // The group a stranger writes through, for replies that do not name it; a friend needs none.
    else if (d.known === false && via) remember[viaKey(channel)] = via.id;
    else if (d.known === true) remember[viaKey(channel)] = null;
  }

  const decoded = one("message.created", { message: msg }, raw, epochMs(d.time));
  const remembered: RememberedMessage = { to: sender, summary: (msgString ?? plainText(content)).slice(0, SUMMARY_MAX) };
  decoded.remember = { [messageKey(id)]: remembered, ...remember };
  return decoded;
}

function element(el: unknown): Element {
  if (!isRecord(el)) return { type: "unknown", raw: el };
  switch (el.type) {
    case "text":
      if (typeof el.text === "string") return { type: "text", text: el.text };
      break;
    case "image":
      if (typeof el.url === "string" && el.url !== "") {
        const image: Element & Obj = { type: "image", url: el.url };
        if (el.asEmoji === true) image.emoji = true;
        return image;
      }
      break;
    case "emoji": {
      const id = nonEmpty(idString(el.id));
      if (id === undefined) break;
      const emoji: Element = { type: "emoji", id };
      const text = nonEmpty(el.replaceText);
      if (text !== undefined) emoji.text = text;
      return emoji;
    }
    case "mention": {
      const target = idString(el.target);
      if (target === undefined || target === "") break;
      const mention: Element = { type: "mention", user_id: target === "0" ? "all" : target };
      const name = nonEmpty(typeof el.displayText === "string" ? el.displayText.replace(/^@/, "") : undefined);
      if (name !== undefined) mention.name = name;
      return mention;
    }
  }
  return { type: "unknown", raw: el };
}

function revoke(d: Obj, raw: Obj): Decoded {
  const type = d.type;
  const id = nonEmpty(idString(d.msgID));
  const revoker = qq(d.revoker);
  const channel = idString(d.channel);
  const at = epochMs(d.time);
  if ((type !== "private" && type !== "group") || !id || !revoker) return unknown("recall without a type (private|group), msgID or revoker", raw, at);

  let msg: Obj;
  if (type === "group") {
    const group = qq(channel);
    if (!group) return unknown("group recall without a channel", raw, at);
    msg = { id, chat: { type: "group", id: group } };
  } else {
    msg = { id, chat: { type: "private", id: revoker } };
    const via = viaGroup(channel, undefined);
    if (via) msg.via_group = via;
  }
  return one("message.deleted", { message: msg, operator: { id: revoker } }, raw, at);
}

// ---- user events ----------------------------------------------------------------------------

function friendRequest(d: Obj, raw: Obj): Decoded {
  const who = qq(d.who);
  if (!who) return unknown("friend request without who", raw);
  const eventID = nonEmpty(idString(d.eventID));
  const id = eventID ?? `friend:${who}`;
  const request: Obj = { id, user: named(who, d.nick) };
  const comment = nonEmpty(d.comment);
  if (comment !== undefined) request.comment = comment;
  // The seed draws `source` as text; newer daemons send the number of the group the request
  // came through (0: unknown).
  const source = nonEmpty(idString(d.source));
  if (source !== undefined && source !== "0") request.source = source;
  return pending(one("friend.requested", { request }, raw), id, { kind: "friend", who, ...(eventID !== undefined && { eventID }) });
}

function groupInvite(d: Obj, raw: Obj): Decoded {
  const group = qq(d.group);
  const inviter = qq(d.inviter);
  if (!group || !inviter) return unknown("group invitation without group or inviter", raw);
  const eventID = nonEmpty(idString(d.eventID));
  const id = eventID ?? `invite:${group}:${inviter}`;
  const request = { id, group: named(group, d.groupName), inviter: { id: inviter } };
  return pending(one("group.invited", { request }, raw), id, { kind: "invite", who: inviter, group, ...(eventID !== undefined && { eventID }) });
}

function friendChange(type: EventType, d: Obj, raw: Obj): Decoded {
  const who = qq(d.who);
  if (!who) return unknown(`${type} without who`, raw);
  return one(type, { user: named(who, d.nick) }, raw);
}

/** groupJoined / groupLeft: `which` is the group; `operator` 0 means the account left by itself. */
function groupChange(type: EventType, d: Obj, raw: Obj): Decoded {
  const group = qq(d.which);
  if (!group) return unknown(`${type} without which`, raw);
  const data: Obj = { group: named(group, d.name) };
  const operator = qq(d.operator);
  if (operator) data.operator = { id: operator };
  return one(type, data, raw);
}

// ---- group events ---------------------------------------------------------------------------

function joinRequest(d: Obj, raw: Obj): Decoded {
  const who = qq(d.who);
  const group = qq(d.group);
  if (!who || !group) return unknown("join request without who or group", raw);
  const eventID = nonEmpty(idString(d.eventID));
  const id = eventID ?? `join:${group}:${who}`;
  const request: Obj = { id, group: { id: group }, user: named(who, d.nick) };
  const comment = nonEmpty(d.comment);
  if (comment !== undefined) request.comment = comment;
  const inviter = qq(d.inviter);
  if (inviter) request.inviter = { id: inviter };
  return pending(one("group.member.requested", { request }, raw), id, { kind: "join", who, group, ...(eventID !== undefined && { eventID }) });
}

/** `who` 0 is the whole group; `duration` 0 lifts the mute. */
function mute(d: Obj, raw: Obj): Decoded {
  const group = qq(d.group);
  const duration = typeof d.duration === "number" && Number.isFinite(d.duration) && d.duration >= 0 ? d.duration : undefined;
  if (!group || duration === undefined) return unknown("mute without group or duration", raw);
  const data: Obj = { group: { id: group } };
  const who = qq(d.who);
  if (who) data.user = { id: who };
  const operator = qq(d.operator);
  if (operator) data.operator = { id: operator };
  data.duration_s = duration;
  return one("group.member.muted", data, raw);
}

function admin(d: Obj, raw: Obj): Decoded {
  const who = qq(d.who);
  const group = qq(d.group);
  if (!who || !group || typeof d.status !== "boolean") return unknown("admin change without who, group or status", raw);
  return one("group.admin.changed", { group: { id: group }, user: { id: who }, admin: d.status }, raw);
}

/** memberJoined / memberLeft; `operator` 0 means the member left by themselves. */
function memberChange(type: EventType, d: Obj, raw: Obj): Decoded {
  const who = qq(d.who);
  const group = qq(d.group);
  if (!who || !group) return unknown(`${type} without who or group`, raw);
  const data: Obj = { group: named(group, d.group_name), user: named(who, d.nick) };
  const operator = qq(d.operator);
  if (operator) data.operator = { id: operator };
  return one(type, data, raw);
}

// ---- pieces ---------------------------------------------------------------------------------

function pending(decoded: Decoded, id: string, request: PendingRequest): Decoded {
  decoded.remember = { [requestKey(id)]: request };
  return decoded;
}

/** A QQ number as a string; undefined for 0, negatives, empty or anything else. */
function qq(value: unknown): string | undefined {
  const id = idString(value);
  return id !== undefined && /^[1-9]\d*$/.test(id) ? id : undefined;
}

function viaGroup(channel: unknown, name: unknown): Obj | undefined {
  const id = qq(channel);
  if (!id) return undefined;
  return named(id, name);
}

function named(id: string, name: unknown): Obj {
  const ref: Obj = { id };
  const n = nonEmpty(name);
  if (n !== undefined) ref.name = n;
  return ref;
}
