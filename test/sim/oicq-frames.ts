// oicq daemon event packets (seed 000), built in the seed's key order. QQ and group numbers
// are JSON numbers (all below 2^53), `time` is in seconds, msgID and eventID are base64
// strings laid out the way the daemon packs them. Each builder returns a plain object whose
// insertion order is the wire order; `encode` turns it into the text sent.

import { randomBytes } from "node:crypto";

export type Frame = Record<string, unknown>;

export function encode(frame: Frame): string {
  return JSON.stringify(frame);
}

// ---- message content elements (docs/README.md of the daemon) --------------

export type Element =
  | { type: "text"; text: string }
  | { type: "image"; asEmoji: boolean; url: string }
  | { type: "emoji"; id: number; replaceText: string }
  | { type: "mention"; target: number; displayText: string }
  | { type: "forwarded"; id: string }
  | { type: "xml"; data: string }
  | { type: "json"; data: string };

/** Builders for received elements, with the daemon's key order. */
export const el = {
  text: (text: string): Element => ({ type: "text", text }),
  image: (url: string, asEmoji = false): Element => ({ type: "image", asEmoji, url }),
  emoji: (id: number, replaceText: string): Element => ({ type: "emoji", id, replaceText }),
  /** target 0 is everyone (@全体成员). */
  mention: (target: number, displayText: string): Element => ({ type: "mention", target, displayText }),
  forwarded: (id: string): Element => ({ type: "forwarded", id }),
  xml: (data: string): Element => ({ type: "xml", data }),
  json: (data: string): Element => ({ type: "json", data }),
};

/**
 * An element rebuilt in the daemon's key order (elements given through the control API may
 * come in any order). Unknown types pass through as given.
 */
export function normalizeElement(e: Record<string, unknown>): Record<string, unknown> {
  switch (e.type) {
    case "text":
      return { type: "text", text: e.text };
    case "image":
      return { type: "image", asEmoji: e.asEmoji ?? false, url: e.url };
    case "emoji":
      return { type: "emoji", id: e.id, replaceText: e.replaceText };
    case "mention":
      return { type: "mention", target: e.target, displayText: e.displayText };
    case "forwarded":
      return { type: "forwarded", id: e.id };
    case "xml":
    case "json":
      return { type: e.type, data: e.data };
    default:
      return e;
  }
}

/**
 * The summary text oicq writes as raw_message (the daemon's msgString): text as is, mentions
 * as their display text, other elements as bracketed placeholders.
 */
export function msgString(content: readonly Record<string, unknown>[]): string {
  return content
    .map((e) => {
      switch (e.type) {
        case "text":
          return String(e.text ?? "");
        case "image":
          return e.asEmoji === true ? "[动画表情]" : "[图片]";
        case "emoji":
          return `[${String(e.replaceText ?? "表情")}]`;
        case "mention":
          return String(e.displayText ?? "");
        case "forwarded":
          return "[聊天记录]";
        case "xml":
          return "[XML卡片消息]";
        case "json":
          return "[JSON卡片消息]";
        default:
          return "";
      }
    })
    .join("");
}

// ---- ids ---------------------------------------------------------------

/** A msgID as the daemon packs it: time, seq and rand as little-endian u32, base64 (12 bytes). */
export function packMsgID(time: number, seq: number, rand: number): string {
  const buffer = Buffer.alloc(12);
  buffer.writeUInt32LE(time >>> 0, 0);
  buffer.writeUInt32LE(seq >>> 0, 4);
  buffer.writeUInt32LE(rand >>> 0, 8);
  return buffer.toString("base64");
}

/** The time, seq and rand of a msgID, or null when it is not 12 bytes of base64. */
export function unpackMsgID(msgID: unknown): { time: number; seq: number; rand: number } | null {
  if (typeof msgID !== "string") return null;
  const buffer = Buffer.from(msgID, "base64");
  if (buffer.length !== 12) return null;
  return { time: buffer.readUInt32LE(0), seq: buffer.readUInt32LE(4), rand: buffer.readUInt32LE(8) };
}

/** An eventID as the daemon packs it: the requester (or group) and the request seq as u64 LE (16 bytes). */
export function packEventID(id: number, seq: number): string {
  const buffer = Buffer.alloc(16);
  buffer.writeBigUInt64LE(BigInt(id), 0);
  buffer.writeBigUInt64LE(BigInt(seq), 8);
  return buffer.toString("base64");
}

/** A forwarded-message id in the shape QQ's m_resid has: 64 base64 characters. */
export function forwardID(): string {
  return randomBytes(48).toString("base64");
}

export function randomU32(): number {
  return randomBytes(4).readUInt32LE(0);
}

/** Unix time in seconds. */
export function seconds(at: number = Date.now()): number {
  return Math.floor(at / 1000);
}

// ---- packets -------------------------------------------------------------

export interface Reply {
  to: number;
  time: number;
  summary: string;
  id: string;
}

/** The `data` of a "msg" packet (also what the daemon stores for mesg/queryMsg). */
export interface MsgData {
  type: "private" | "group";
  time: number;
  known: boolean;
  channel: number;
  channel_name: string;
  sender: number;
  sender_nick: string;
  ref_channel: number;
  ref_channel_name: string;
  msgID: string;
  msgContent: Record<string, unknown>[];
  msgString: string;
  /** Present only on a reply. */
  reply?: Reply;
}

/** Seed "消息包结构": reply only when the message quotes another. */
export function msgData(d: MsgData): Frame {
  return {
    type: d.type,
    time: d.time,
    known: d.known,
    channel: d.channel,
    channel_name: d.channel_name,
    sender: d.sender,
    sender_nick: d.sender_nick,
    ref_channel: d.ref_channel,
    ref_channel_name: d.ref_channel_name,
    msgID: d.msgID,
    msgContent: d.msgContent,
    msgString: d.msgString,
    ...(d.reply && { reply: { to: d.reply.to, time: d.reply.time, summary: d.reply.summary, id: d.reply.id } }),
  };
}

export function msg(d: MsgData): Frame {
  return { type: "msg", data: msgData(d) };
}

/** Seed "撤回消息包结构". */
export function revoke(f: { type: "private" | "group"; time: number; revoker: number; channel: number; known: boolean; msgID: string }): Frame {
  return {
    type: "revoke",
    data: { type: f.type, time: f.time, revoker: f.revoker, channel: f.channel, known: f.known, msgID: f.msgID },
  };
}

function user(data: Frame): Frame {
  return { type: "user", data };
}

function group(data: Frame): Frame {
  return { type: "group", data };
}

export const online = (): Frame => user({ type: "online" });
export const offline = (): Frame => user({ type: "offline" });

export function newFriendRequest(f: { who: number; nick: string; source: string; comment: string; eventID: string }): Frame {
  return user({ type: "newFriendRequest", who: f.who, nick: f.nick, source: f.source, comment: f.comment, eventID: f.eventID });
}

export function groupInvite(f: { group: number; groupName: string; inviter: number; eventID: string }): Frame {
  return user({ type: "groupInvite", group: f.group, groupName: f.groupName, inviter: f.inviter, eventID: f.eventID });
}

export function friendAdded(f: { who: number; nick: string }): Frame {
  return user({ type: "friendAdded", who: f.who, nick: f.nick });
}

export function friendRemoved(f: { who: number; nick: string }): Frame {
  return user({ type: "friendRemoved", who: f.who, nick: f.nick });
}

export function groupJoined(f: { name: string; which: number }): Frame {
  return user({ type: "groupJoined", name: f.name, which: f.which });
}

/** operator 0: the bot left; otherwise the admin who removed it. */
export function groupLeft(f: { which: number; name: string; operator: number }): Frame {
  return user({ type: "groupLeft", which: f.which, name: f.name, operator: f.operator });
}

export function joinRequest(f: { who: number; group: number; comment: string; inviter: number; eventID: string }): Frame {
  return group({ type: "joinRequest", who: f.who, group: f.group, comment: f.comment, inviter: f.inviter, eventID: f.eventID });
}

/** who 0: the whole group; duration 0: lifted. */
export function mute(f: { who: number; group: number; operator: number; duration: number }): Frame {
  return group({ type: "mute", who: f.who, group: f.group, operator: f.operator, duration: f.duration });
}

export function admin(f: { who: number; group: number; status: boolean }): Frame {
  return group({ type: "admin", who: f.who, group: f.group, status: f.status });
}

export function memberJoined(f: { who: number; nick: string; group: number; group_name: string }): Frame {
  return group({ type: "memberJoined", who: f.who, nick: f.nick, group: f.group, group_name: f.group_name });
}

/** The seed: "群员减少时无该字段" — nick is left out unless given. */
export function memberLeft(f: { who: number; nick?: string; group: number; group_name: string; operator: number }): Frame {
  return group({
    type: "memberLeft",
    who: f.who,
    ...(f.nick !== undefined && { nick: f.nick }),
    group: f.group,
    group_name: f.group_name,
    operator: f.operator,
  });
}
