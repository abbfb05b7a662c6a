/**
 * Yunhu (云湖, seed 003) on the wire.
 *
 * - The socket (`wss://chat-ws-go.jwzhd.com/ws`) takes JSON text frames from the client:
 *   `{seq, cmd, data}` with cmd `login`, `heartbeat` or `inputInfo`.
 * - It sends binary protobuf frames: a `WsWrapper {info {seq, cmd}, data: Any}` whose Any
 *   `value` holds the payload message chosen by `info.cmd` (schema: protos/yunhu.proto,
 *   compiled to ./proto.js). Credentials it does not accept are answered with the text
 *   frame "数据不合法" ("the data is invalid").
 * - Sending, editing and recalling are HTTP POSTs to the API base (`https://chat-go.jwzhd.com`)
 *   with protobuf bodies and the account's token in the `token` header; every answer is a
 *   `StatusResponse {status {request_id, code, msg}}`, code 1 being success.
 */
import * as z from "zod";
import { httpUrl, wsUrl } from "../kit.ts";
import { hex } from "../../lib/bytes.ts";

export { yunhu as pb } from "./proto.js";

/** Socket commands (`WsInfo.cmd`). */
export const CMD = {
  login: "login",
  heartbeat: "heartbeat",
  inputInfo: "inputInfo",
  heartbeatAck: "heartbeat_ack",
  pushMessage: "push_message",
  editMessage: "edit_message",
  blockedMessage: "blocked_message",
  streamMessage: "stream_message",
  draftInput: "draft_input",
  fileSendMessage: "file_send_message",
  inviteApply: "invite_apply",
} as const;

/** `ChatType`: who a chat is with. */
export const CHAT_TYPE = { user: 1, group: 2, bot: 3 } as const;

/** `ContentType`, as far as the protocol documents it. */
export const CONTENT_TYPE = {
  text: 1,
  image: 2,
  markdown: 3,
  file: 4,
  form: 5,
  sticker: 7,
  html: 8,
  audio: 11,
  call: 13,
} as const;

/** `Status.code` of a request that worked. */
export const STATUS_OK = 1;

/** The HTTP API's routes. */
export const ROUTE = {
  send: "/v1/msg/send-message",
  edit: "/v1/msg/edit-message",
  recall: "/v1/msg/recall-msg",
} as const;

export const PROTOBUF = "application/x-protobuf";

/** The login platforms the server accepts. */
export const LOGIN_PLATFORMS = ["windows", "macos", "android", "linux", "ios", "fuchsia", "Web"] as const;

/** The `upstream` config. */
export const YunhuConfig = z.object({
  userId: z.string().min(1),
  token: z.string().min(1),
  platform: z.enum(LOGIN_PLATFORMS).default("windows"),
  /** Default: derived from the connection id (see `deviceIdOf`), so it survives reconnects. */
  deviceId: z.string().min(1).optional(),
  url: wsUrl.default("wss://chat-ws-go.jwzhd.com/ws"),
  api: httpUrl.default("https://chat-go.jwzhd.com"),
});
export type YunhuConfig = z.output<typeof YunhuConfig>;

/**
 * The device id in effect: `deviceId`, or the hex of the connection id's UTF-8 bytes. The
 * server tells devices apart by it (draft sync, file shares), so it must not change between
 * reconnects of one connection; the connection id is stable and unique per relay.
 */
export function deviceIdOf(config: YunhuConfig, connection: string): string {
  return config.deviceId ?? hex(new TextEncoder().encode(connection));
}

/**
 * A client message id, 32 hex digits like the official clients' (a UUID without dashes),
 * from a correlation key: its UTF-8 bytes left-padded with zeros to 16 bytes, or folded by
 * XOR into 16 bytes when longer. Deterministic for a key; keys are unique per connection.
 */
export function messageIdOf(key: string): string {
  const bare = key.replace(/-/g, "");
  if (/^[0-9a-f]{32}$/i.test(bare)) return bare.toLowerCase();
  const bytes = new TextEncoder().encode(key);
  const out = new Uint8Array(16);
  if (bytes.length <= 16) out.set(bytes, 16 - bytes.length);
  else bytes.forEach((b, i) => (out[i % 16] = (out[i % 16] ?? 0) ^ b));
  return hex(out);
}

/** The URL of `route` under the API base (a path prefix in the base is kept, its query dropped). */
export function endpoint(config: YunhuConfig, route: string): string {
  const base = new URL(config.api);
  const rel = new URL(route, "http://route.invalid");
  base.pathname = base.pathname.replace(/\/+$/, "") + rel.pathname;
  base.search = rel.search;
  base.hash = "";
  return base.href;
}

/** A client → server socket frame. */
export interface ClientFrame {
  seq: string;
  cmd: string;
  data: Record<string, unknown>;
}

/**
 * Remembered per chat: its upstream `ChatType` (1 user, 2 group, 3 bot), learned from pushed
 * messages; edits, streams and drafts do not say it, and sending needs it.
 */
export const CHAT_SHELF = "chat";
export const chatKey = (chatId: string): string => `${CHAT_SHELF}:${chatId}`;
/** Chats whose type is remembered (a forgotten one is learned again from its next message). */
export const CHAT_MEMORY = 10_000;
