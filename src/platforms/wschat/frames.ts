/**
 * wschat (seed 002) on the wire: a small chat server with one WebSocket and a REST API.
 *
 * - The socket is `ws://host/ws?access_token=<token>`. It carries JSON text frames both ways:
 *   the client sends `{type, receiverId | groupId, content}`; the server pushes
 *   `{type, senderId, receiverId | groupId, content, timestamp}` (`type` "unicast" for a private
 *   message, "multicast" for a group's) and notifications `{type: "NOTIFICATION",
 *   notificationType, content}`. No login frame, no application heartbeat, no message ids, no
 *   acknowledgement of a send.
 * - The REST API lives on the same host. Every request carries `access_token` in its query
 *   ("所有请求参数都要加入 access_token"); the seed's 参数 are query parameters and its 请求体
 *   a JSON body. Refusals are HTTP 403 (not the owner, not a member, not your invitation);
 *   the offline-message route also answers 400 to a bad request.
 *
 * The seed leaves some things open; each reading taken here is one named constant or schema
 * below, so that it is easy to change (see READINGS).
 */
import * as z from "zod";

/** The socket's `type` values. */
export const FRAME_TYPE = {
  private: "unicast",
  group: "multicast",
  notification: "NOTIFICATION",
} as const;

/** The REST routes. */
export const ROUTE = {
  /** GET: offline messages (`sort`, `drop`, `type`). */
  messages: "/api/message",
  /** GET: the groups this account is in (`detailed`); POST: create one (`name`). */
  groups: "/api/group",
  /** GET: one group; PUT: rename (`name`); DELETE: leave, or remove `userId`. */
  group: (id: string) => `/api/group/${encodeURIComponent(id)}`,
  /** GET: invitations to this account; POST: invite `{groupId, userId}`. */
  requests: "/api/request",
  /** PUT: accept; DELETE: decline. */
  request: (id: string) => `/api/request/${encodeURIComponent(id)}`,
  /** POST: push a notification (`type`, `to`, `from` in the query; `{notificationType, content}`). */
  notification: "/notification",
} as const;

/** The query parameter that carries the token, on the socket and on every REST call. */
export const TOKEN_PARAM = "access_token";

/**
 * How the relay reads what the seed leaves open. Each is used in one place.
 *
 * - `idsAs`: ids are written back as JSON strings (the seed's `usersId` is "a string array of
 *   member ids"); received ids may be numbers or strings and become strings either way.
 * - `offlineOrder`: offline messages are fetched with `sort=asc` and then ordered by
 *   `timestamp` across senders (the server sorts within each sender's list only).
 * - `offlineType`: `type=all` — private and group messages kept while offline.
 * - `timestampUnit`: a number below 10^12 is seconds, otherwise ms; an ISO date string is
 *   read as a date.
 */
export const READINGS = {
  idsAs: "string",
  offlineOrder: "asc",
  offlineType: "all",
  timestampUnit: "auto",
} as const;

// ---- values ----------------------------------------------------------------------------------

/** An id as it arrives: a string or a JSON number (digits past 2^53 kept as a string by the lossless parser). */
export const WireId = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));

/** A time as the server writes it: epoch seconds or ms (number or digit string), or an ISO date. */
export const WireTime = z.union([z.number(), z.string()]);

/**
 * Epoch ms of a server time; undefined when it cannot be read. Below 10^12 a number counts as
 * seconds (10^12 ms is September 2001, 10^12 s the year 33658).
 */
export function timeMs(value: unknown): number | undefined {
  if (typeof value === "number") return value > 0 && Number.isFinite(value) ? Math.round(value < 1e12 ? value * 1000 : value) : undefined;
  if (typeof value !== "string") return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return timeMs(Number(value));
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

// ---- socket: server → client -------------------------------------------------------------------

/** A private message: `receiverId` is this account. */
export const UnicastFrame = z.looseObject({
  type: z.literal(FRAME_TYPE.private),
  senderId: WireId,
  receiverId: WireId.optional(),
  content: z.unknown(),
  timestamp: WireTime.optional(),
});
export type UnicastFrame = z.output<typeof UnicastFrame>;

/** A group message. */
export const MulticastFrame = z.looseObject({
  type: z.literal(FRAME_TYPE.group),
  senderId: WireId,
  groupId: WireId,
  content: z.unknown(),
  timestamp: WireTime.optional(),
});
export type MulticastFrame = z.output<typeof MulticastFrame>;

export const MessageFrame = z.discriminatedUnion("type", [UnicastFrame, MulticastFrame]);
export type MessageFrame = z.output<typeof MessageFrame>;

/** A notification: the body POSTed to /notification plus `type: "NOTIFICATION"`. */
export const NotificationFrame = z.looseObject({
  type: z.literal(FRAME_TYPE.notification),
  notificationType: z.string(),
  content: z.unknown().optional(),
});
export type NotificationFrame = z.output<typeof NotificationFrame>;

// ---- socket: client → server -------------------------------------------------------------------

/** What the client sends: a private message names `receiverId`, a group message `groupId`. */
export type ClientFrame =
  { type: typeof FRAME_TYPE.private; receiverId: string; content: unknown } | { type: typeof FRAME_TYPE.group; groupId: string; content: unknown };

// ---- REST bodies -------------------------------------------------------------------------------

/**
 * GET /api/message: one entry per sender, `id` being the sender and `messages` that sender's
 * messages in the socket's format. Each message is read on its own (one that does not fit
 * becomes an upstream.unknown and does not hide the others).
 */
export const OfflineAnswer = z.array(
  z.looseObject({
    id: WireId,
    messages: z.array(z.unknown()),
  }),
);
export type OfflineAnswer = z.output<typeof OfflineAnswer>;

/** A user as `invitedBy` may name them: an id, or an object with one. */
const Inviter = z.union([WireId, z.looseObject({ id: WireId }).transform((u) => u.id)]);

/** GET /api/request: the invitations addressed to this account. */
export const Invitation = z.looseObject({
  id: WireId,
  groupName: z.string().optional(),
  groupId: WireId,
  userId: WireId.optional(),
  invitedBy: Inviter.optional(),
});
export type Invitation = z.output<typeof Invitation>;
export const InvitationList = z.array(z.unknown());

/** GET /api/group/{id}, and each entry of GET /api/group?detailed=true. */
export const GroupInfo = z.looseObject({
  id: WireId,
  name: z.string().optional(),
  managerId: WireId.optional(),
  usersId: z.array(WireId).optional(),
});
export type GroupInfo = z.output<typeof GroupInfo>;

/** GET /api/group: detailed objects (the default), or bare ids with `detailed=false`. */
export const GroupList = z.array(z.union([GroupInfo, WireId]));

/**
 * POST /api/group answers "the new group's id": a bare JSON number or string, an object with
 * `id`, or the id as plain text.
 */
export const CreatedGroup = z.union([WireId, z.looseObject({ id: WireId }).transform((g) => g.id)]);

/** POST /api/request. */
export interface InviteBody {
  groupId: string;
  userId: string;
}

/** POST /notification's body. */
export interface NotificationBody {
  notificationType: string;
  content: unknown;
}

/** POST /notification's `type`. */
export const NOTIFY_TYPES = ["unicast", "multicast", "broadcast"] as const;
