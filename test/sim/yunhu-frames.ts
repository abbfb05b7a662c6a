// Yunhu frames and HTTP bodies (seed 003), as schemas for the codec in yunhu-wire.ts and
// builders for the frames the server pushes. Field numbers are those of the seed's
// chat-ws-go page and the origin's full.proto; every server frame is
//   WsWrapper { WsInfo info = 1 { string seq = 1; string cmd = 2 }; Any data = 2 }
// with Any { string type_url = 1; bytes value = 2 } — the seed draws the same bytes as
// { string any = 1; Msg msg = 2 }.

import { decode, encode } from "./yunhu-wire.ts";
import type { Decoded, Schema } from "./yunhu-wire.ts";

// ---- schemas -------------------------------------------------------------

export const WsInfo: Schema = {
  1: { name: "seq", type: "string" },
  2: { name: "cmd", type: "string" },
};

export const Any: Schema = {
  1: { name: "typeUrl", type: "string" },
  2: { name: "value", type: "bytes" },
};

export const WsWrapper: Schema = {
  1: { name: "info", type: WsInfo },
  2: { name: "data", type: Any },
};

export const Tag: Schema = {
  1: { name: "id", type: "uint" },
  2: { name: "groupId", type: "string" },
  3: { name: "text", type: "string" },
  4: { name: "color", type: "string" },
};

export const Sender: Schema = {
  1: { name: "chatId", type: "string" },
  2: { name: "chatType", type: "uint" },
  3: { name: "name", type: "string" },
  4: { name: "avatarUrl", type: "string" },
  5: { name: "isVip", type: "bool" },
  6: { name: "tagOld", type: "string", repeated: true },
  7: { name: "tag", type: Tag, repeated: true },
};

export const Cmd: Schema = {
  1: { name: "cmdId", type: "uint" },
  2: { name: "name", type: "string" },
  4: { name: "type", type: "int" },
};

export const MsgContent: Schema = {
  1: { name: "text", type: "string" },
  2: { name: "buttons", type: "string" },
  3: { name: "imageUrl", type: "string" },
  4: { name: "fileName", type: "string" },
  5: { name: "fileUrl", type: "string" },
  6: { name: "mentionedId", type: "string", repeated: true },
  7: { name: "form", type: "string" },
  8: { name: "quoteMsgText", type: "string" },
  9: { name: "stickerUrl", type: "string" },
  10: { name: "postId", type: "string" },
  11: { name: "postTitle", type: "string" },
  12: { name: "postContent", type: "string" },
  13: { name: "postContentType", type: "string" },
  15: { name: "expressionId", type: "string" },
  16: { name: "quoteImageUrl", type: "string" },
  17: { name: "quoteImageName", type: "string" },
  18: { name: "fileSize", type: "int" },
  19: { name: "videoUrl", type: "string" },
  20: { name: "videoTime", type: "int" },
  21: { name: "audioUrl", type: "string" },
  22: { name: "audioTime", type: "int" },
  23: { name: "quoteVideoUrl", type: "string" },
  24: { name: "quoteVideoTime", type: "int" },
  25: { name: "stickerItemId", type: "int" },
  26: { name: "stickerPackId", type: "int" },
  29: { name: "callText", type: "string" },
  32: { name: "callStatusText", type: "string" },
  33: { name: "width", type: "int" },
  34: { name: "height", type: "int" },
  37: { name: "tip", type: "string" },
};

/** cmds push_message, edit_message, blocked_message. */
export const PushMessage: Schema = {
  1: { name: "msgId", type: "string" },
  2: { name: "sender", type: Sender },
  3: { name: "recvId", type: "string" },
  4: { name: "chatId", type: "string" },
  5: { name: "chatType", type: "uint" },
  6: { name: "content", type: MsgContent },
  7: { name: "contentType", type: "uint" },
  8: { name: "timestamp", type: "uint" },
  9: { name: "cmd", type: Cmd },
  10: { name: "deleteTimestamp", type: "uint" },
  11: { name: "quoteMsgId", type: "string" },
  12: { name: "msgSeq", type: "uint" },
  14: { name: "editTime", type: "uint" },
};

export const StreamMessage: Schema = {
  1: { name: "msgId", type: "string" },
  2: { name: "recvId", type: "string" },
  3: { name: "chatId", type: "string" },
  4: { name: "content", type: "string" },
};

export const MsgInput: Schema = {
  1: { name: "chatId", type: "string" },
  2: { name: "input", type: "string" },
};

/** The payload of file_send_message, the seed's `Sender` of that frame. */
export const FileSend: Schema = {
  1: { name: "sendUserId", type: "string" },
  2: { name: "userId", type: "string" },
  3: { name: "tempCode", type: "uint" },
  4: { name: "sendType", type: "string" },
  5: { name: "data", type: "string" },
  6: { name: "sendDeviceId", type: "string" },
};

/** POST /v1/msg/send-message and /v1/msg/edit-message. */
export const SendMsgRequest: Schema = {
  2: { name: "msgId", type: "string" },
  3: { name: "chatId", type: "string" },
  4: { name: "chatType", type: "uint" },
  5: { name: "content", type: MsgContent },
  6: { name: "contentType", type: "uint" },
  7: { name: "commandId", type: "int" },
  8: { name: "quoteMsgId", type: "string" },
};

/** POST /v1/msg/recall-msg. */
export const RecallMsg: Schema = {
  2: { name: "msgId", type: "string", repeated: true },
  3: { name: "chatId", type: "string" },
  4: { name: "chatType", type: "uint" },
};

export const Status: Schema = {
  1: { name: "requestId", type: "int" },
  2: { name: "code", type: "int" },
  3: { name: "msg", type: "string" },
};

export const StatusResponse: Schema = {
  1: { name: "status", type: Status },
};

// ---- enums and type URLs -------------------------------------------------

export const ChatType = { user: 1, group: 2, bot: 3 } as const;
export const ContentType = {
  text: 1,
  image: 2,
  markdown: 3,
  file: 4,
  form: 5,
  post: 6,
  sticker: 7,
  html: 8,
  audio: 11,
  call: 13,
} as const;

export const TYPE_URL = {
  pushMessage: "type.googleapis.com/proto.PushMessage",
  streamMessage: "type.googleapis.com/proto.StreamMessage",
  msgInput: "type.googleapis.com/proto.MsgInput",
} as const;

// ---- frame builders ------------------------------------------------------

export type Fields = Record<string, unknown>;

/** A WsWrapper: info only when `payload` is absent. */
export function wrapper(seq: string, cmd: string, payload?: { typeUrl: string; value: Uint8Array }): Uint8Array {
  return encode(WsWrapper, { info: { seq, cmd }, ...(payload && { data: payload }) });
}

export function heartbeatAck(seq: string): Uint8Array {
  return wrapper(seq, "heartbeat_ack");
}

export function inviteApply(seq: string): Uint8Array {
  return wrapper(seq, "invite_apply");
}

/** push_message, edit_message or blocked_message around a PushMessage. */
export function pushMessage(seq: string, cmd: string, msg: Fields): Uint8Array {
  return wrapper(seq, cmd, { typeUrl: TYPE_URL.pushMessage, value: encode(PushMessage, msg) });
}

export function streamMessage(seq: string, msg: Fields): Uint8Array {
  return wrapper(seq, "stream_message", { typeUrl: TYPE_URL.streamMessage, value: encode(StreamMessage, msg) });
}

export function draftInput(seq: string, input: Fields): Uint8Array {
  return wrapper(seq, "draft_input", { typeUrl: TYPE_URL.msgInput, value: encode(MsgInput, input) });
}

/** The seed labels this payload with the PushMessage type URL too; kept as drawn. */
export function fileSendMessage(seq: string, send: Fields): Uint8Array {
  return wrapper(seq, "file_send_message", { typeUrl: TYPE_URL.pushMessage, value: encode(FileSend, send) });
}

export function statusResponse(requestId: number | bigint | string, code: number, msg: string): Uint8Array {
  return encode(StatusResponse, { status: { requestId, code, msg } });
}

// ---- reading server frames (for tests and logs) --------------------------

/** The payload schema for each cmd; undefined for info-only frames. */
export const PAYLOAD: Record<string, Schema> = {
  push_message: PushMessage,
  edit_message: PushMessage,
  blocked_message: PushMessage,
  stream_message: StreamMessage,
  draft_input: MsgInput,
  file_send_message: FileSend,
};

export interface ReadFrame {
  seq: string;
  cmd: string;
  typeUrl?: string;
  /** The Any value decoded by the cmd's schema (raw hex under "#2" when the cmd is unknown). */
  payload?: Decoded;
}

/** Decode a server frame: the wrapper, then its payload by cmd. */
export function readFrame(bytes: Uint8Array): ReadFrame {
  const outer = decode(WsWrapper, bytes);
  const info = (outer.info ?? {}) as Decoded;
  const out: ReadFrame = { seq: String(info.seq ?? ""), cmd: String(info.cmd ?? "") };
  const data = outer.data as Decoded | undefined;
  if (data !== undefined) {
    out.typeUrl = String(data.typeUrl ?? "");
    const schema = PAYLOAD[out.cmd];
    const hex = String(data.value ?? "");
    out.payload = schema ? decode(schema, new Uint8Array(Buffer.from(hex, "hex"))) : { "#2": hex };
  }
  return out;
}
