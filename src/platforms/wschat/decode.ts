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
import type { ChatRef, DraftEvent } from "../../events/types.ts";
import type { Element } from "../../events/elements.ts";
import { shown } from "../../lib/values.ts";
import { guardDecode, objectFrame, one, unknown } from "../kit.ts";
import type { WschatConfig } from "./config.ts";
import { FRAME_TYPE, MessageFrame, NotificationFrame, timeMs, type MessageFrame as Message } from "./frames.ts";
import { messageDedupe, messageId } from "./ids.ts";

type Ctx = Context<WschatConfig>;
type Obj = Record<string, unknown>;

export const decode = guardDecode(decodeFrame);

function decodeFrame(frame: Frame, ctx: Ctx): Decoded {
  const read = objectFrame(frame);
  if ("unknown" in read) return read.unknown;
  const parsed = read.object;
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
export function messageEvent(raw: Obj, fallback: string): DraftEvent {
  const parsed = MessageFrame.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "frame"}: ${i.message}`).join("; ");
    return unknownEvent(`${shown(raw.type)} frame that does not fit (${fields})`, raw);
  }
  const m = parsed.data;
  const chat = chatOf(m);
  const id = messageId(chat, m.senderId, m.timestamp, m.content, fallback);
  const content = contentOf(m.content);
  const event: DraftEvent = {
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

/** One `upstream.unknown` event (among others of the same answer). */
export const unknownEvent = (reason: string, raw: unknown): DraftEvent => unknown(reason, raw).events[0]!;
