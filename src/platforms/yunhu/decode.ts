/**
 * Yunhu frames → unified events and session signals.
 *
 * | frame (`info.cmd`)                         | output                                                        |
 * |--------------------------------------------|---------------------------------------------------------------|
 * | heartbeat_ack                              | signals `ready` (self: userId) and `heartbeat_ack`            |
 * | text "数据不合法" (or any "invalid" text)   | signal `refused` with that text                               |
 * | push_message                               | `message.created` (`self: true` when sent by this account)    |
 * | push_message with delete_timestamp         | `message.deleted` (`operator`: the sender, when given)        |
 * | edit_message                               | `message.updated` with `edited_at`                            |
 * | blocked_message                            | `notification.received {kind: "message.blocked", message}`    |
 * | stream_message                             | `message.appended {message {id, chat}, text}`                 |
 * | draft_input                                | `draft.updated {chat {id, type?}, text}`                      |
 * | file_send_message                          | `file.shared` (see `fileShared`)                              |
 * | invite_apply                               | `group.invited {request: {}}` (the push carries no details)   |
 * | any other cmd, other text, undecodable     | `upstream.unknown`, raw `{base64, cmd?}` or the decoded frame |
 *
 * Chats: ChatType 1 (user) and 3 (bot) are `private`, 2 is `group`; a chat's type is
 * remembered as `chat:<id>` from pushed messages for the frames that do not carry it (edits,
 * streams, drafts) and for sending. In a private chat the chat id is the peer: `chat_id`,
 * or `recv_id` when `chat_id` is this account (our own message from another device).
 *
 * Content by `content_type`: 1 text, 2 image, 3 markdown, 4 file, 5 form (an `unknown`
 * element with the form), 7 sticker (an image of `sticker_url`, or an emoji of the sticker
 * id when there is no URL), 8 html, 11 audio, 13 call (text of `call_text` /
 * `call_status_text`). Types the protocol leaves unnumbered are told by their fields:
 * video (`video_url`), post (`post_title`/`post_content`: markdown when
 * `post_content_type` is "2", else text, titled), tip (`tip`, as text). `mentioned_id`
 * becomes mention elements ahead of the content; the message's `text` is the content's
 * plain text without them (yunhu's own text already spells out "@name").
 *
 * `raw` is the decoded protobuf as JSON (field names as in the schema, 64-bit integers as
 * strings), with the Any's payload decoded in place of its bytes.
 */
import type { Context, Decoded, Frame } from "../contract.ts";
import type { ChatRef } from "../../events/types.ts";
import { plainText, type Element } from "../../events/elements.ts";
import { base64 } from "../../lib/bytes.ts";
import { isRecord, JsonLimitError, parseLossless } from "../../lib/json.ts";
import { epochMs } from "../../lib/values.ts";
import { errorText } from "../../lib/problem.ts";
import { guardDecode, jsonFailure, one, unknown } from "../kit.ts";
import { CHAT_TYPE, CMD, CONTENT_TYPE, chatKey, pb, type YunhuConfig } from "./frames.ts";

type Ctx = Context<YunhuConfig>;
type Obj = Record<string, unknown>;

const AS_JSON = { longs: String, enums: Number, bytes: String, arrays: false, defaults: false } as const;

/** A text frame saying the data (the login) is invalid. */
const INVALID_TEXT = /不合法|无效|invalid|illegal/i;

export const decode = guardDecode(decodeFrame);

function decodeFrame(frame: Frame, ctx: Ctx): Decoded {
  if (typeof frame === "string") return text(frame);

  let wrapper: pb.WsWrapper;
  try {
    wrapper = pb.WsWrapper.decode(frame);
  } catch (err) {
    return unknown(`not a protobuf frame: ${errorText(err)}`, { base64: base64(frame) });
  }
  const cmd = wrapper.info?.cmd ?? "";
  const info = wrapper.info ? pb.WsInfo.toObject(pb.WsInfo.fromObject(wrapper.info), AS_JSON) : {};
  if (cmd === "") return unknown("frame without info.cmd", { base64: base64(frame) });

  const typeUrl = wrapper.data?.type_url ?? "";
  const value = wrapper.data?.value ?? new Uint8Array(0);
  const rawOf = (payload: Obj | undefined): Obj => {
    const raw: Obj = { info };
    if (wrapper.data) raw.data = payload === undefined ? { type_url: typeUrl } : { type_url: typeUrl, value: payload };
    return raw;
  };

  const payload = <T>(read: () => T, toObject: (m: T) => Obj): { message: T; obj: Obj } | Decoded => {
    try {
      const message = read();
      return { message, obj: toObject(message) };
    } catch (err) {
      return unknown(`${cmd}: undecodable payload: ${errorText(err)}`, { base64: base64(frame), cmd });
    }
  };

  switch (cmd) {
    case CMD.heartbeatAck:
      return { events: [], signals: [{ kind: "ready", self: ctx.config.userId }, { kind: "heartbeat_ack" }] };
    case CMD.inviteApply:
      return one("group.invited", { request: {} }, rawOf(undefined));
    case CMD.pushMessage:
    case CMD.editMessage:
    case CMD.blockedMessage: {
      const p = payload(
        () => pb.PushMessage.decode(value),
        (m) => pb.PushMessage.toObject(m, AS_JSON),
      );
      if (!("obj" in p)) return p;
      const raw = rawOf(p.obj);
      if (cmd === CMD.editMessage) return edited(p.obj, raw, ctx);
      if (cmd === CMD.blockedMessage) return blocked(p.obj, raw, ctx);
      return pushed(p.obj, raw, ctx);
    }
    case CMD.streamMessage: {
      const p = payload(
        () => pb.StreamMessage.decode(value),
        (m) => pb.StreamMessage.toObject(m, AS_JSON),
      );
      if (!("obj" in p)) return p;
      return appended(p.obj, rawOf(p.obj), ctx);
    }
    case CMD.draftInput: {
      const p = payload(
        () => pb.MsgInput.decode(value),
        (m) => pb.MsgInput.toObject(m, AS_JSON),
      );
      if (!("obj" in p)) return p;
      return draft(p.obj, rawOf(p.obj), ctx);
    }
    case CMD.fileSendMessage: {
      const p = payload(
        () => pb.FileSendMessage.decode(value),
        (m) => pb.FileSendMessage.toObject(m, AS_JSON),
      );
      if (!("obj" in p)) return p;
      return fileShared(p.obj, rawOf(p.obj));
    }
    default: {
      const raw: Obj = { info, base64: base64(frame), cmd };
      if (wrapper.data) raw.data = { type_url: typeUrl, value: base64(value) };
      return unknown(`unknown cmd ${JSON.stringify(cmd)}`, raw);
    }
  }
}

// ---- text frames ----------------------------------------------------------------------------

function text(frame: string): Decoded {
  const trimmed = frame.trim();
  if (INVALID_TEXT.test(trimmed)) {
    return { events: [], signals: [{ kind: "refused", reason: trimmed.slice(0, 200) }] };
  }
  let parsed: unknown;
  try {
    parsed = parseLossless(frame);
  } catch (err) {
    return unknown(err instanceof JsonLimitError ? jsonFailure(err) : "text frame", { text: frame });
  }
  return unknown("JSON text frame", isRecord(parsed) ? parsed : { text: frame });
}

// ---- messages -------------------------------------------------------------------------------

function pushed(m: Obj, raw: Obj, ctx: Ctx): Decoded {
  const id = str(m.msg_id);
  const chatId = str(m.chat_id);
  if (!id || !chatId) return unknown("push_message without msg_id or chat_id", raw);
  const sender = isRecord(m.sender) ? m.sender : {};
  const senderId = str(sender.chat_id);
  const upstreamType = num(m.chat_type);
  const chat = chatOf(m, ctx);
  const remember = rememberType(chat.id, upstreamType, ctx);

  const deletedAt = epochMs(m.delete_timestamp);
  if (deletedAt !== undefined) {
    const message: Obj = { id, chat };
    const seq = str(m.msg_seq);
    if (seq) message.seq = seq;
    const data: Obj = { message };
    if (senderId) data.operator = { id: senderId };
    return withRemember(one("message.deleted", data, raw, deletedAt), remember);
  }

  const message = messageOf(m, id, chat);
  const from: Obj = { id: senderId ?? "" };
  const name = str(sender.name);
  if (name) from.name = name;
  message.sender = from;
  if (senderId !== undefined && senderId === ctx.config.userId) message.self = true;
  if (isRecord(m.cmd)) {
    const command: Obj = {};
    const cmdId = str(m.cmd.cmd_id);
    if (cmdId) command.id = cmdId;
    const cmdName = str(m.cmd.name);
    if (cmdName) command.name = cmdName;
    message.command = command;
  }
  const seq = str(m.msg_seq);
  if (seq) message.seq = seq;
  return withRemember(one("message.created", { message }, raw, epochMs(m.timestamp)), remember);
}

function edited(m: Obj, raw: Obj, ctx: Ctx): Decoded {
  const id = str(m.msg_id);
  const chatId = str(m.chat_id) ?? str(m.recv_id);
  if (!id || !chatId) return unknown("edit_message without msg_id or chat_id", raw);
  const message = messageOf(m, id, chatOf(m, ctx));
  const editedAt = epochMs(m.edit_time);
  const data: Obj = { message };
  if (editedAt !== undefined) data.edited_at = editedAt;
  return one("message.updated", data, raw, editedAt);
}

function blocked(m: Obj, raw: Obj, ctx: Ctx): Decoded {
  const id = str(m.msg_id);
  const chatId = str(m.chat_id) ?? str(m.recv_id);
  if (!id || !chatId) return unknown("blocked_message without msg_id or chat_id", raw);
  const chat: Obj = { id: chatId };
  const type = knownType(chatId, ctx);
  if (type) chat.type = type;
  return one("notification.received", { kind: "message.blocked", message: { id, chat } }, raw);
}

function appended(m: Obj, raw: Obj, ctx: Ctx): Decoded {
  const id = str(m.msg_id);
  const chatId = str(m.chat_id) ?? str(m.recv_id);
  if (!id || !chatId) return unknown("stream_message without msg_id or chat_id", raw);
  // recv_id is the group in a group chat and this account in a private one.
  const recv = str(m.recv_id);
  const type = knownType(chatId, ctx) ?? (recv !== undefined && recv === ctx.config.userId ? "private" : recv === chatId ? "group" : "private");
  return one("message.appended", { message: { id, chat: { type, id: chatId } }, text: str(m.content) ?? "" }, raw);
}

function draft(m: Obj, raw: Obj, ctx: Ctx): Decoded {
  const chatId = str(m.chat_id);
  if (!chatId) return unknown("draft_input without chat_id", raw);
  const chat: Obj = { id: chatId };
  const type = knownType(chatId, ctx);
  if (type) chat.type = type;
  return one("draft.updated", { chat, text: str(m.input) ?? "" }, raw);
}

/**
 * `file.shared` (yunhu "super file share", a device-to-device offer):
 * `{from {id, device_id?}, to {id}, kind (send_type, e.g. "candidate"), data (the JSON
 * `data` parsed, or its text when it is not JSON), temp_code?}`.
 */
function fileShared(m: Obj, raw: Obj): Decoded {
  const from: Obj = { id: str(m.send_user_id) ?? "" };
  const device = str(m.send_deviceId);
  if (device) from.device_id = device;
  const data: Obj = { from, to: { id: str(m.user_id) ?? "" }, kind: str(m.send_type) ?? "" };
  const body = str(m.data);
  if (body !== undefined) {
    try {
      data.data = parseLossless(body);
    } catch {
      data.data = body;
    }
  }
  const code = str(m.temp_code);
  if (code) data.temp_code = code;
  return one("file.shared", data, raw);
}

// ---- pieces ---------------------------------------------------------------------------------

function messageOf(m: Obj, id: string, chat: ChatRef): Obj {
  const c = isRecord(m.content) ? m.content : {};
  const body = contentOf(num(m.content_type), c);
  const mentions: Element[] = strings(c.mentioned_id).map((u) => ({ type: "mention", user_id: u }));
  const message: Obj = { id, chat, content: [...mentions, ...body], text: plainText(body) };
  const quote = str(m.quote_msg_id);
  if (quote) {
    const reply: Obj = { id: quote };
    const quoted = str(c.quote_msg_text);
    if (quoted !== undefined) reply.text = quoted;
    message.reply_to = reply;
  }
  const buttons = str(c.buttons);
  if (buttons !== undefined) {
    try {
      message.buttons = parseLossless(buttons);
    } catch {
      message.buttons = buttons;
    }
  }
  return message;
}

export function contentOf(type: number | undefined, c: Obj): Element[] {
  const t = str(c.text);
  const withText = (el: Element): Element[] => (t ? [el, { type: "text", text: t }] : [el]);
  switch (type) {
    case CONTENT_TYPE.text:
      return t !== undefined ? [{ type: "text", text: t }] : byFields(c);
    case CONTENT_TYPE.markdown:
      return [{ type: "markdown", text: t ?? "" }];
    case CONTENT_TYPE.html:
      return [{ type: "html", text: t ?? "" }];
    case CONTENT_TYPE.image: {
      const el = image(c);
      return el ? withText(el) : byFields(c);
    }
    case CONTENT_TYPE.file: {
      const el = file(c);
      return el ? [el] : byFields(c);
    }
    case CONTENT_TYPE.form:
      return withText({ type: "unknown", raw: { type: "form", form: parseMaybe(str(c.form)) } });
    case CONTENT_TYPE.sticker: {
      const url = str(c.sticker_url);
      if (url) return [{ type: "image", url }];
      const stickerId = str(c.sticker_item_id) ?? str(c.expression_id);
      return stickerId ? [{ type: "emoji", id: stickerId }] : byFields(c);
    }
    case CONTENT_TYPE.audio: {
      const url = str(c.audio_url);
      if (!url) return byFields(c);
      const el: Element = { type: "audio", url };
      const d = num(c.audio_time);
      if (d !== undefined) el.duration_s = d;
      return [el];
    }
    case CONTENT_TYPE.call: {
      const said = [str(c.call_text), str(c.call_status_text)].filter((s): s is string => s !== undefined).join(" ");
      return said !== "" ? [{ type: "text", text: said }] : byFields(c);
    }
    default:
      return byFields(c);
  }
}

/** Content told by its fields: types without a documented number, or a type whose main field is missing. */
function byFields(c: Obj): Element[] {
  const t = str(c.text);
  const video = str(c.video_url);
  if (video) {
    const el: Element = { type: "video", url: video };
    const d = num(c.video_time);
    if (d !== undefined) el.duration_s = d;
    return t ? [el, { type: "text", text: t }] : [el];
  }
  const title = str(c.post_title);
  const post = str(c.post_content);
  if (title !== undefined || post !== undefined) {
    if (str(c.post_content_type) === "2") return [{ type: "markdown", text: title ? `# ${title}\n\n${post ?? ""}` : (post ?? "") }];
    return [{ type: "text", text: title ? `${title}\n${post ?? ""}` : (post ?? "") }];
  }
  const tip = str(c.tip);
  if (tip !== undefined) return [{ type: "text", text: tip }];
  const img = image(c);
  if (img) return t ? [img, { type: "text", text: t }] : [img];
  const f = file(c);
  if (f) return [f];
  if (t !== undefined) return [{ type: "text", text: t }];
  return [{ type: "unknown", raw: c }];
}

function image(c: Obj): Element | undefined {
  const url = str(c.image_url);
  if (!url) return undefined;
  const el: Element = { type: "image", url };
  const w = num(c.width);
  const h = num(c.height);
  if (w !== undefined) el.width = w;
  if (h !== undefined) el.height = h;
  return el;
}

function file(c: Obj): Element | undefined {
  const url = str(c.file_url);
  const name = str(c.file_name);
  if (!url && !name) return undefined;
  const el: Element = { type: "file" };
  if (url) el.url = url;
  if (name) el.name = name;
  const size = num(c.file_size);
  if (size !== undefined) el.size = size;
  return el;
}

/** `private` for users and bots, `group` for groups. */
function chatTypeOf(upstream: number | undefined): ChatRef["type"] | undefined {
  if (upstream === CHAT_TYPE.group) return "group";
  if (upstream === CHAT_TYPE.user || upstream === CHAT_TYPE.bot) return "private";
  return undefined;
}

function knownType(chatId: string, ctx: Ctx): ChatRef["type"] | undefined {
  const t = ctx.recall(chatKey(chatId));
  return typeof t === "number" ? chatTypeOf(t) : undefined;
}

function chatOf(m: Obj, ctx: Ctx): ChatRef {
  let id = str(m.chat_id) ?? str(m.recv_id) ?? "";
  const type = chatTypeOf(num(m.chat_type)) ?? knownType(id, ctx) ?? "private";
  const recv = str(m.recv_id);
  if (type === "private" && id === ctx.config.userId && recv && recv !== id) id = recv;
  return { type, id };
}

function rememberType(chatId: string, upstream: number | undefined, ctx: Ctx): Record<string, unknown> | undefined {
  if (upstream === undefined || chatTypeOf(upstream) === undefined) return undefined;
  return ctx.recall(chatKey(chatId)) === upstream ? undefined : { [chatKey(chatId)]: upstream };
}

function withRemember(decoded: Decoded, remember: Record<string, unknown> | undefined): Decoded {
  if (remember) decoded.remember = remember;
  return decoded;
}

function str(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function num(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
}

function parseMaybe(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return parseLossless(text);
  } catch {
    return text;
  }
}
