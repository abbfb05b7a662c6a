/**
 * oicq (seed 000) on the wire: a QQ bridge daemon with two faces on one host and port.
 *
 * - Its WebSocket only pushes events, as JSON text `{type, data}` with `type` one of `msg`,
 *   `revoke`, `user`, `group`. It takes no frames from the client, needs no authentication
 *   and upgrades on any path. Its only keep-alive is WebSocket pings (every 3 s).
 * - Everything the client does is an HTTP request on the same host and port: POST with a JSON
 *   body for actions, GET for queries. Every answer is JSON `{status: {code}, ...}`: 0 is
 *   success, -1 and -2 are failures (see STATUS_TEXT).
 *
 * QQ numbers (users and groups) are JSON numbers both ways and are written back as bare
 * numbers with their exact digits. Message ids (`msgID`, a base64 string of 12 bytes) and
 * event ids (`eventID`, a base64 string of 16 bytes) are opaque strings, though the seed
 * draws them as 0 and "".
 */
import * as z from "zod";
import { httpUrl, wsUrl } from "../kit.ts";

/** The action routes of the daemon's HTTP API. */
export const ROUTE = {
  sendPrivate: "/sendMsg/private",
  sendGroup: "/sendMsg/group",
  revokePrivate: "/revoke/private",
  revokeGroup: "/revoke/group",
  acceptFriend: "/user/acceptFriend",
  acceptGroupInvite: "/user/acceptGroupInvite",
  leaveGroup: "/user/leaveGroup",
  acceptJoin: "/group/acceptJoin",
  setGroupName: "/group/setGroupName",
  mute: "/group/mute",
  kick: "/group/kick",
  setAdmin: "/group/setAdmin",
  invite: "/group/invite",
  friendList: "/user/getFriendList",
  groupList: "/user/getGroupList",
  memberList: "/group/getMemberList",
  basicInfo: "/user/basicInfo",
} as const;

/**
 * What a non-zero `status.code` means. The daemon uses -1 when it could not carry the request
 * out (a message it cannot convert, an exception from the QQ client, a query that found
 * nothing) and -2 when QQ itself said no (the send, recall or group operation returned
 * false). Its answers carry no message text.
 */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  [-1]: "the daemon could not carry out the request",
  [-2]: "QQ refused the operation",
};

/** The same codes for a send, where -1 is about the content. */
export const SEND_STATUS_TEXT: Readonly<Record<number, string>> = {
  [-1]: "the daemon could not convert the message content",
  [-2]: "QQ did not accept the message",
};

/** A QQ number or an id as it arrives: a bare JSON number (kept as digits past 2^53) or a string. */
export type WireId = number | string;

/** One element of `msgContent`, in both directions. */
export type WireElement =
  | { type: "text"; text: string }
  /** Received: `url` and `asEmoji`. Sent: `url` or `base64`, never both. */
  | { type: "image"; url?: string; base64?: string; asEmoji?: boolean }
  /** `replaceText` is received only. */
  | { type: "emoji"; id: WireId; replaceText?: string }
  /** `target` 0 is everyone; `displayText` ("@name") is received only. */
  | { type: "mention"; target: WireId; displayText?: string }
  /** A merged-forward record; its id is resolved with GET /mesg/parseForwardedMsg?id=. */
  | { type: "forwarded"; id: string }
  | { type: "xml"; data: string }
  | { type: "json"; data: string };

/** The element types the daemon sends on as they are (they arrive as `unknown` elements). */
export const PASSTHROUGH_TYPES: ReadonlySet<string> = new Set(["forwarded", "xml", "json"]);

/** `data` of a `msg` packet. */
export interface MsgData {
  type: "private" | "group";
  /** Seconds. */
  time: number;
  /** Private: the peer is a friend. Group: the sender is not anonymous (see decode.ts). */
  known: boolean;
  /** Private: the peer. Group: the group. */
  channel: WireId;
  channel_name: string;
  sender: WireId;
  sender_nick: string;
  /** Private from a stranger: the group through which they reach us, else 0. */
  ref_channel: WireId;
  ref_channel_name: string;
  msgID: string;
  msgContent: WireElement[];
  /** The daemon's text rendering, meant for quoting. */
  msgString: string;
  reply?: { to: WireId; time: number; summary: string; id: string };
}

/** `data` of a `revoke` packet. */
export interface RevokeData {
  type: "private" | "group";
  time: number;
  /** Who recalled; in a private chat always the peer. */
  revoker: WireId;
  /** Private: 0 for a friend, the stranger's source group, or -1 when it is unknown. Group: the group. */
  channel: WireId;
  known: boolean;
  msgID: string;
}

/** The `reply` object of a send. */
export interface WireReply {
  to: unknown;
  summary: string;
  id: string;
}

/** POST /sendMsg/private and /sendMsg/group. `from` (private only): the group through which a stranger is reached. */
export interface SendBody {
  dest: unknown;
  from?: unknown;
  msgContent: WireElement[];
  reply?: WireReply;
}

/** Pending requests are remembered as `request:<id>` for REQUEST_TTL_MS, or until answered. */
export const REQUEST_SHELF = "request";
export const requestKey = (id: string): string => `${REQUEST_SHELF}:${id}`;
/** QQ lets a request be answered for about a week; one older is forgotten. */
export const REQUEST_TTL_MS = 7 * 86_400_000;

/** What approving or rejecting a request needs, remembered when it arrives. */
export interface PendingRequest {
  kind: "friend" | "invite" | "join";
  /** The requester (friend, join) or the inviter (invite). */
  who: string;
  group?: string;
  eventID?: string;
}

/**
 * Quoting a message needs its sender and a summary, which the caller does not give: both are
 * remembered as `msg:<msgID>` for the last MESSAGE_MEMORY messages received (a memory shelf).
 */
export const MESSAGE_SHELF = "msg";
export const MESSAGE_MEMORY = 200;
export const messageKey = (id: string): string => `${MESSAGE_SHELF}:${id}`;
/**
 * Answering a stranger goes through a group they share: the group each stranger's private
 * messages came through is remembered as `via:<user id>` (the last VIA_MEMORY strangers), so a
 * reply needs nothing but the event's chat; a message from them as a friend forgets it.
 */
export const VIA_SHELF = "via";
export const VIA_MEMORY = 1000;
export const viaKey = (userId: string): string => `${VIA_SHELF}:${userId}`;

/** Summaries are kept to this many characters. */
export const SUMMARY_MAX = 200;

export interface RememberedMessage {
  /** The sender: the quote's `to`. */
  to: string;
  summary: string;
}

/** The `upstream` config. */
export const OicqConfig = z.object({
  /** The daemon's event socket (any path). */
  url: wsUrl,
  /** Base of the daemon's HTTP API; default: the socket's host and port over http/https. */
  api: httpUrl.optional(),
});
export type OicqConfig = z.output<typeof OicqConfig>;

/** The API base in effect: `api`, or the socket's origin with ws→http and wss→https. */
export function apiBase(config: OicqConfig): string {
  if (config.api !== undefined) return config.api;
  const u = new URL(config.url);
  return `${u.protocol === "wss:" ? "https:" : "http:"}//${u.host}`;
}

/**
 * The URL of `route` (a path, possibly with its own query) under the API base. A path prefix
 * and query in the base (e.g. a reverse proxy's) are kept.
 */
export function endpoint(config: OicqConfig, route: string, query: Record<string, string> = {}): string {
  const base = new URL(apiBase(config));
  const rel = new URL(route, "http://route.invalid");
  const u = new URL(base.href);
  u.pathname = base.pathname.replace(/\/+$/, "") + rel.pathname;
  const params = new URLSearchParams(rel.search);
  for (const [k, v] of base.searchParams) if (!params.has(k)) params.append(k, v);
  for (const [k, v] of Object.entries(query)) params.set(k, v);
  const search = params.toString();
  u.search = search === "" ? "" : `?${search}`;
  return u.href;
}
