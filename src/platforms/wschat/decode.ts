/**
 * wschat frames → unified events.
 *
 * | frame (`type`)    | event                                                                          |
 * |-------------------|--------------------------------------------------------------------------------|
 * | `unicast`         | `message.created`, chat `{type: "private", id: senderId}`                      |
 * | `multicast`       | `message.created`, chat `{type: "group", id: groupId}`                         |
 * | `NOTIFICATION`    | `notification.received {kind: notificationType, content}`                      |
 * | anything else     | `upstream.unknown` (with a reason); so is a known type missing a field it needs |
 *
 * A message's `content` that is a string is one text element (and the `text`); any other
 * JSON value is one `unknown` element carrying it (the server relays content as given). The
 * frame's `timestamp` (when the server received the message) is the event's. The message id
 * is made from the message itself (ids.ts) and is the event's dedupe key, so the same message
 * seen twice — over the socket and again from the offline store, or fetched twice — is stored
 * once.
 */
import type { Context, Decoded, Frame } from "../contract.ts";
import type { ChatRef, DraftEvent, EventType } from "../../events/types.ts";
import type { Element } from "../../events/elements.ts";
import { base64 } from "../../lib/bytes.ts";
import { isRecord, parseLossless } from "../../lib/json.ts";
import { errorText } from "../../lib/problem.ts";
import { shown } from "../../lib/values.ts";
import type { WschatConfig } from "./config.ts";
import { FRAME_TYPE, MessageFrame, NotificationFrame, timeMs, type MessageFrame as Message } from "./frames.ts";
import { messageDedupe, messageId } from "./ids.ts";

type Ctx = Context<WschatConfig>;
type Obj = Record<string, unknown>;
/** A draft event with the dedupe key of the adapter contract. */
export type Draft = DraftEvent & { dedupe?: string };

export function decode(frame: Frame, ctx: Ctx): Decoded {
  try {
    return decodeFrame(frame, ctx);
  } catch (err) {
    // A frame nobody foresaw must still reach the user rather than vanish.
    return unknown(`decoding failed: ${errorText(err)}`, typeof frame === "string" ? { text: frame } : { base64: base64(frame) });
  }
}

function decodeFrame(frame: Frame, ctx: Ctx): Decoded {
  if (typeof frame !== "string") return unknown("binary frame", { base64: base64(frame) });
  let parsed: unknown;
  try {
    parsed = parseLossless(frame);
  } catch {
    return unknown("not JSON", { text: frame });
  }
  if (!isRecord(parsed)) return unknown("JSON frame is not an object", parsed);
  switch (parsed.type) {
    case FRAME_TYPE.private:
    case FRAME_TYPE.group: {
      const event = messageEvent(parsed, `at:${ctx.now}`);
      return { events: [event] };
    }
    case FRAME_TYPE.notification:
      return notification(parsed);
  }
  return unknown(`unknown frame type ${shown(parsed.type)}`, parsed);
}

/**
 * A `unicast` or `multicast` message (from the socket or the offline store) as
 * `message.created`, or an `upstream.unknown` saying which field does not fit. `fallback`
 * stands in for a timestamp that cannot be read (see ids.ts).
 */
export function messageEvent(raw: Obj, fallback: string): Draft {
  const parsed = MessageFrame.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "frame"}: ${i.message}`).join("; ");
    return unknownEvent(`${shown(raw.type)} frame that does not fit (${fields})`, raw);
  }
  const m = parsed.data;
  const chat = chatOf(m);
  const id = messageId(chat, m.senderId, m.timestamp, m.content, fallback);
  const content = contentOf(m.content);
  const event: Draft = {
    type: "message.created",
    data: { message: { id, chat, sender: { id: m.senderId }, content, text: typeof m.content === "string" ? m.content : "" } },
    raw,
    dedupe: messageDedupe(id),
  };
  const at = timeMs(m.timestamp);
  if (at !== undefined) event.timestamp = at;
  return event;
}

/** A private chat is the sender; a group chat is the group. */
export function chatOf(m: Message): ChatRef {
  return m.type === FRAME_TYPE.group ? { type: "group", id: m.groupId } : { type: "private", id: m.senderId };
}

export function contentOf(content: unknown): Element[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : [{ type: "unknown", raw: content }];
}

function notification(raw: Obj): Decoded {
  const parsed = NotificationFrame.safeParse(raw);
  if (!parsed.success) return unknown("NOTIFICATION frame without a notificationType string", raw);
  return one("notification.received", { kind: parsed.data.notificationType, content: parsed.data.content ?? null }, raw);
}

// ---- small builders ---------------------------------------------------------------------------

export function one(type: EventType, data: Obj, raw: unknown, timestamp?: number): Decoded {
  const event: DraftEvent = { type, data, raw };
  if (timestamp !== undefined) event.timestamp = timestamp;
  return { events: [event] };
}

export function unknownEvent(reason: string, raw: unknown): Draft {
  return { type: "upstream.unknown", data: { reason }, raw };
}

export function unknown(reason: string, raw: unknown): Decoded {
  return { events: [unknownEvent(reason, raw)] };
}
