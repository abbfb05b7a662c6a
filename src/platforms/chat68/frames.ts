/**
 * chat68 (seed 001) on the wire: a 68chat automation client running beside the 68chat desktop
 * app, with two faces on the user's machine.
 *
 * - A WebSocket (`ws://127.0.0.1:5600`; older builds 5599), JSON text both ways. It greets
 *   with `{"message":"Hello"}`. The client sends requests `{id, type, data?}`; each is
 *   answered with the same `id` and `type`, either `data` or `error {errorCode, errorDesc}`.
 *   `type: "request"` proxies a call to the 68chat web API (`data.type` names it, `data.url`
 *   is its address under the account's API host, which `getApiUrl` tells); its answer's `data`
 *   carries `commonResult.errCode` (200: success). The client also pushes
 *   `{operator, operatorType?, data}` frames: new messages, recalls, group changes, and the
 *   result of a send (`msgListPropertyUpdate`, matched by the send's `custom_msg_id`).
 * - A side HTTP API (port 5598): the same calls as POSTs (`/request`, `/getGroups`,
 *   `/getApiUrl`, `/restart68`, `/sendMsg`, `/sendFile`) plus `/deleteMsg`, which the socket
 *   lacks. Answers are `{data}` or `{errorCode, errorDesc}`.
 *
 * Ids: users and groups are 7-digit numbers, messages 10-digit numbers, both sent as bare JSON
 * numbers or digit strings; they are parsed losslessly and written back as bare numbers with
 * their exact digits. `customMsgId` is a string of 11 digits chosen by the sender.
 */
import * as z from "zod";
import { httpUrl, wsUrl } from "../kit.ts";

/** The greeting the client sends when a socket opens. It is no event. */
export const GREETING = "Hello";

/** `type` of a client request on the socket (and of its answer). */
export const REQUEST = {
  /** A 68chat web API call proxied by the client. */
  request: "request",
  getGroups: "getGroups",
  getApiUrl: "getApiUrl",
  sendMsg: "sendMsg",
  sendFile: "sendFile",
  restart68: "restart68",
} as const;

/** `operator` of a pushed frame. */
export const OPERATOR = {
  msgNew: "msgNew",
  groupUpdate: "groupUpdate",
  recall: "recall_msg",
  /** The result of a send: not an event, the confirmation of a message.create. */
  sendResult: "msgListPropertyUpdate",
} as const;

/** `operatorType` (= `data.notificationType`) of a group notification pushed as msgNew, msgType 50. */
export const NOTIFICATION = {
  /** Whole-group mute switched on or off (`bfShutup`). */
  shutupAll: "groupShutupAll",
  /** Burn-after-reading switched on or off (the text says which). */
  readCancel: "operatorReadCancel",
} as const;

/** `msgType` (and `chatType` of a sent element): the origin's table, plus 50 for group notifications. */
export const MSG_TYPE = {
  text: 0,
  image: 1,
  voice: 2,
  video: 3,
  location: 4,
  card: 5,
  system: 6,
  file: 7,
  notice: 8,
  gif: 9,
  redPacket: 10,
  html: 11,
  dice: 12,
  transfer: 13,
  transferResult: 14,
  redPacketResult: 15,
  html2: 16,
  imageList: 17,
  poker: 18,
  redPacketChange: 19,
  redPacketEvent: 20,
  stream: 100,
  recallOk: 201,
  errorTip: 202,
  recall: 203,
  unknown: -1,
  undecryptable: -2,
  /** A group notification (`operatorType` says which); `chatType` 50 when sending one. */
  groupNotification: 50,
} as const;

/** What each msgType is, as the origin names it (README and `unknown` elements quote these). */
export const MSG_TYPE_NAME: Readonly<Record<number, string>> = {
  0: "text",
  1: "image",
  2: "voice",
  3: "video",
  4: "location",
  5: "name card",
  6: "system message",
  7: "file",
  8: "notice",
  9: "animated sticker",
  10: "red packet",
  11: "html",
  12: "dice",
  13: "transfer",
  14: "transfer result",
  15: "red packet result",
  16: "html (alternate)",
  17: "image list",
  18: "playing cards",
  19: "red packet change",
  20: "red packet event",
  50: "group notification",
  100: "stream",
  101: "system tip",
  102: "group tip",
  103: "system tip",
  104: "group tip",
  201: "recall succeeded",
  202: "error tip",
  203: "recall",
  [-1]: "unknown message",
  [-2]: "undecryptable message",
};

/** Separator of the fields packed into `content` (image `url||thumb||size||0`, file `url||name||size`, dice `points||nonce`). */
export const FIELD_SEPARATOR = "||";

/** `readStatus` of a send result. */
export const READ_STATUS = { failed: 0, sent: 1 } as const;

/** `commonResult.errCode` of a successful web API call. */
export const OK_CODE = 200;

/** `data.op` of a GroupUpdate web API call (the origin's enum, the ones the relay uses). */
export const GROUP_OP = { shutup: 11, notice: 12, clearNotice: 13, addAdmin: 14, editAdmin: 15 } as const;

/** The 68chat web API calls the relay makes through `request`: `type` and path under the API host. */
export const WEB_API = {
  userInfo: { type: "UserInfo", path: "/user/userInfo" },
  contactsList: { type: "ContactsList", path: "/contacts/contactsList" },
  contactsDetail: { type: "ContactsDetail", path: "/contacts/contactsDetail" },
  contactsApplyList: { type: "ContactsApplyList", path: "/contacts/contactsApplyList" },
  groupDetail: { type: "GroupDetail", path: "/group/groupDetail" },
  groupMemberList: { type: "GroupMemberList", path: "/group/groupMemberListV2", protoType: "group" },
  groupUpdate: { type: "GroupUpdate", path: "/group/groupUpdate" },
  groupMemberShutup: { type: "GroupMemberShutup", path: "/group/groupMemberShutup" },
} as const satisfies Record<string, { type: string; path: string; protoType?: string }>;
export type WebApi = (typeof WEB_API)[keyof typeof WEB_API];

/** The API host the seed's examples use, until the client has told the current one (`getApiUrl`). */
export const DEFAULT_WEB_API_HOST = "https://webbiz.angg1.com";

/** Routes of the side HTTP API the relay calls itself (upstream.raw reaches the others). */
export const ROUTE = { deleteMsg: "/deleteMsg" } as const;

/** Members per page asked of GroupMemberList (the seed's value). */
export const MEMBER_PAGE_SIZE = 1000;

// ---- memory ------------------------------------------------------------------------------------

/**
 * What a recall needs that its caller does not give: the message's `customMsgId` (the side
 * API's /deleteMsg wants it) and, for a pushed one-to-one recall, the chat the message was in.
 * Kept for every message seen or sent, on the `msg` shelf.
 */
export const MESSAGE_SHELF = "msg";
export const messageKey = (id: string): string => `${MESSAGE_SHELF}:${id}`;
/** Messages remembered (the most recent ones) and for how long: long enough for any recall. */
export const MESSAGE_MEMORY = 5000;
export const MESSAGE_TTL_MS = 7 * 24 * 3600_000;
export interface RememberedMessage {
  /** customMsgId */
  c?: string;
  /** chat type: "private" | "group" */
  t: "private" | "group";
  /** chat id */
  i: string;
}
/** The API host learned from `getApiUrl`. */
export const WEB_API_HOST_KEY = "apiUrl";

// ---- correlation keys --------------------------------------------------------------------------

/** Request ids of the liveness heartbeat (a `getApiUrl` on the socket): answered by a signal, never a reply. */
export const HEARTBEAT_PREFIX = "heartbeat-";
/** Key under which a send's result (`msgListPropertyUpdate`) is awaited, from its customMsgId. */
export const confirmKey = (customMsgId: string): string => `send:${customMsgId}`;

// ---- wire schemas ------------------------------------------------------------------------------

/** An id as it arrives: a bare JSON number (digits kept past 2^53 by the lossless parser) or a string. */
export const WireId = z.union([z.string(), z.number()]);

/** `{"message": "Hello"}` */
export const Greeting = z.object({ message: z.literal(GREETING) }).strict();

/** The answer to a client request: `{id, type, data}` or `{id, type, error}`. */
export const Answer = z.looseObject({
  id: WireId,
  type: z.string(),
  data: z.unknown().optional(),
  error: z.looseObject({ errorCode: z.union([z.number(), z.string()]).optional(), errorDesc: z.string().optional() }).optional(),
});
export type Answer = z.output<typeof Answer>;

/** `data.commonResult` of a web API answer. */
export const CommonResult = z.looseObject({ errCode: z.union([z.number(), z.string()]) });

/** A pushed frame. */
export const Push = z.looseObject({
  operator: z.string(),
  operatorType: z.string().optional(),
  data: z.unknown(),
});
export type Push = z.output<typeof Push>;

const User = z.looseObject({ uid: WireId.optional(), nickName: z.string().optional() });

/** `data` of msgNew: a friend or group message, or a group notification (msgType 50). */
export const MsgNew = z.looseObject({
  msgType: z.number().int(),
  type: z.enum(["friend", "group"]),
  msgId: WireId.optional(),
  MsgID: WireId.optional(),
  sendUid: WireId.optional(),
  receiveUid: WireId.optional(),
  groupId: WireId.optional(),
  friendId: WireId.optional(),
  id: WireId.optional(),
  content: z.string().optional(),
  sendTime: z.union([z.number(), z.string()]).optional(),
  time: z.union([z.number(), z.string()]).optional(),
  customMsgId: z.string().optional(),
  isSelf: z.boolean().optional(),
  chatType: z.number().optional(),
  groupName: z.string().optional(),
  name: z.string().optional(),
  sendUserName: z.string().optional(),
  sendMember: z.looseObject({ user: User.optional() }).optional(),
  sendUser: User.optional(),
  user: User.optional(),
  atUids: z.array(WireId).optional(),
  fileName: z.string().optional(),
  fileSize: z.union([z.string(), z.number()]).optional(),
  notificationType: z.string().optional(),
  bfShutup: z.boolean().optional(),
});
export type MsgNew = z.output<typeof MsgNew>;

/** `data` of groupUpdate. */
export const GroupUpdate = z.looseObject({
  type: z.literal("group"),
  id: WireId,
  values: z.record(z.string(), z.unknown()),
});

/** `data` of recall_msg: a one-to-one message deleted on both sides. */
export const RecallMsg = z.looseObject({
  recallOneToOneMessages: z.array(z.looseObject({ msgId: WireId, msgTargetId: WireId.optional(), clearTime: z.union([z.string(), z.number()]).optional() })),
});

/** `data` of msgListPropertyUpdate: the results of sends, by customMsgId. */
export const SendResult = z.looseObject({
  id: WireId.optional(),
  type: z.enum(["friend", "group"]).optional(),
  list: z.array(
    z.looseObject({
      customMsgId: WireId,
      updated: z.looseObject({
        readStatus: z.number(),
        MsgID: WireId.optional(),
        time: z.union([z.string(), z.number()]).optional(),
        sendTime: z.union([z.string(), z.number()]).optional(),
      }),
    }),
  ),
});

/** A side API refusal: `{errorCode, errorDesc}` (success is `{data}`). */
export const SideError = z.looseObject({ errorCode: z.union([z.number(), z.string()]), errorDesc: z.string().optional() });

// ---- client frames -----------------------------------------------------------------------------

/** One element of a sendMsg `list`. */
export interface SendElement {
  type: "text";
  values: { chatType: number; content: string; bfAll?: boolean; bfShutup?: boolean };
}

/** `data` of sendMsg. `custom_msg_id`: 11 random digits, not starting with 0. */
export interface SendMsgData {
  id: unknown;
  type: "friend" | "group";
  custom_msg_id: string;
  list: SendElement[];
  quoteInfo?: null;
}

// ---- config ------------------------------------------------------------------------------------

/** The `upstream` config. */
export const Chat68Config = z.object({
  /** The client's socket (ws://127.0.0.1:5600 on the user's machine, or a tunnel to it). */
  url: wsUrl,
  /** The client's side HTTP API (port 5598 locally, or a tunnel to it); message.delete needs it. */
  api: httpUrl.optional(),
  /** Headers sent with the upgrade and every side API request (e.g. a tunnel's access token). */
  headers: z.record(z.string(), z.string()).optional(),
});
export type Chat68Config = z.output<typeof Chat68Config>;
