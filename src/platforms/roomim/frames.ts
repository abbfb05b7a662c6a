/**
 * roomim (seed 004) on the wire: JSON text frames over one WebSocket, in both directions.
 *
 * Every conversation is a "room". The client sends `{request, msgType, localId, room,
 * msgText, payload}`; the server answers with the same frame plus `response`, `from`,
 * `msgId`, `roomSeq` and `timestamp`, and pushes other people's messages the same way.
 * `localId` is chosen by the client and echoed in the answer: it is the correlation key.
 * Ids are 64-bit and arrive either as bare JSON numbers or as digit strings.
 */
import * as z from "zod";
import { HeaderMap } from "../../lib/headers.ts";
import { wsUrl } from "../kit.ts";

/** `request`: what the client asks for (the seed's examples; the codes are not explained). */
export const REQUEST = {
  /** Send a text message (with or without mentions). */
  text: 1,
  /** Send images (the seed's image example). */
  image: 2,
} as const;

/**
 * Prefix of the `localId` of a revoke: its answer is recognised as a revoke's even if the
 * server does not echo `request`/`msgType`.
 */
export const REVOKE_KEY_PREFIX = "rv-";

/** `msgType`: the kind of message or notice. */
export const MSG_TYPE = {
  text: 1,
  image: 3,
  /** Someone asks to become a friend; `room` is the requester's system room. */
  friendRequest: 102,
  /** A room was initialised (a friendship accepted: roomType 1; otherwise a group). */
  roomInit: 107,
} as const;

/** `response`: present on frames from the server. `null` marks a message synced from another of our devices. */
export const RESPONSE = {
  /** Our send succeeded (the ack, matched by `localId`). */
  sent: 1,
  /** Pushed by the server: someone else's message or a notice. */
  pushed: 2,
  /** Another of our devices read the room up to `msgId`. */
  readElsewhere: 302,
  /** Another of our devices cleared the room's unread mark. */
  clearedElsewhere: 303,
  /** Codes from here up are refusals of our send. */
  firstRefusal: 2000,
  blocked: 2002,
} as const;

/** The refusal codes whose meaning is known. */
export const REFUSALS: Readonly<Record<number, string>> = {
  [RESPONSE.blocked]: "blocked by the recipient",
};

/** `payload.roomType` of a 107 frame. */
export const ROOM_TYPE = { private: 1 } as const;

/** `payload.mentionedInfo.type` (RongCloud's model). */
export const MENTION_TYPE = { all: 1, users: 2 } as const;

/** `mentionedContent` when the message has no text of its own (the seed's example). */
export const DEFAULT_MENTIONED_CONTENT = "有人@你";

/** An id on the wire: a bare JSON number (exact digits) or a string. */
export type WireId = number | string;

export interface MentionedInfo {
  type: number;
  userIdList?: WireId[];
  mentionedContent?: string;
}

/** One image of a msgType 3 frame. The seed spells the height `hight`. */
export interface WireImage {
  url: string;
  thumbnail?: string;
  width?: number;
  hight?: number;
  height?: number;
}

export interface MessagePayload {
  extras?: string;
  mentionedInfo?: MentionedInfo;
  imgs?: WireImage[];
}

/** Client → server. Key order as in the seed. */
export interface OutgoingFrame {
  request: number;
  msgType: number;
  localId: string;
  room: unknown;
  msgId?: unknown;
  msgText: string;
  payload: MessagePayload;
}

/** Server → client (every field optional: decoding reads them defensively). */
export interface IncomingFrame {
  request?: number;
  response?: number | null;
  msgType?: number;
  localId?: string;
  room?: WireId;
  from?: WireId | null;
  msgId?: WireId;
  roomSeq?: WireId;
  msgText?: string;
  timestamp?: WireId;
  pts?: number;
  payload?: Record<string, unknown>;
}

/** Payload of a 102 frame: the friend request record. */
export interface FriendRequestPayload {
  id?: WireId;
  fkMianUserId?: WireId;
  fkSubUserId?: WireId;
  noteNickname?: string;
  requestMsg?: string;
  fkRoomId?: WireId | null;
  requestStatus?: number;
  createTime?: number;
}

/** Payload of a 107 frame: the new room. */
export interface RoomInitPayload {
  roomType?: number;
  roomName?: string;
  fkCreatorUserId?: WireId;
  memberCount?: number;
}

/**
 * The `upstream` config. The seed does not say which `request`/`msgType` pair recalls a
 * message (its recall examples are empty apart from the send shape `request 2, msgType 1`),
 * so the pair is configurable.
 */
export const RoomimConfig = z.object({
  url: wsUrl,
  headers: HeaderMap.optional(),
  revoke: z
    .object({
      request: z.number().int().default(2),
      msgType: z.number().int().default(1),
    })
    .default({ request: 2, msgType: 1 }),
});
export type RoomimConfig = z.output<typeof RoomimConfig>;
