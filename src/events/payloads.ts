/**
 * The shape of every event as stored, pulled, streamed and delivered (API.md "Events"), as
 * zod schemas: the source of the OpenAPI document's `webhooks` and of the client's `Event`
 * type. Objects are open (`looseObject`): fields may be added to an event without a new
 * version, so a receiver must ignore what it does not know.
 */
import * as z from "zod";
import {
  AudioElement,
  EmojiElement,
  FileElement,
  HtmlElement,
  ImageElement,
  MarkdownElement,
  MentionElement,
  TextElement,
  UnknownElement,
  VideoElement,
} from "./elements.ts";
import { EVENT_TYPES, type EventType } from "./types.ts";

const loose = <S extends z.ZodRawShape>(o: z.ZodObject<S>) => z.looseObject(o.shape);

export const PlatformId = z.string().describe("a platform id, always a string (64-bit ids keep every digit)");
export const EventId = z
  .string()
  .regex(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/)
  .describe("sorts in creation order");

export const Chat = z.looseObject({ type: z.enum(["private", "group"]), id: PlatformId, name: z.string().optional() });
/** A chat some platforms name without its type (yunhu before it has seen the chat). */
const ChatMaybeTyped = z.looseObject({ type: z.enum(["private", "group"]).optional(), id: PlatformId, name: z.string().optional() });
export const User = z.looseObject({
  id: PlatformId,
  name: z.string().optional(),
  anonymous: z.boolean().optional().describe("oicq: an anonymous group sender"),
});
export const Group = z.looseObject({ id: PlatformId, name: z.string().optional() });
const Ref = z.looseObject({ id: PlatformId });

export const EventElement = z.discriminatedUnion("type", [
  loose(TextElement),
  loose(MentionElement),
  z.looseObject({ ...ImageElement.shape, emoji: z.boolean().optional().describe("oicq: the image is a sticker") }),
  loose(FileElement),
  loose(AudioElement),
  loose(VideoElement),
  loose(EmojiElement),
  loose(MarkdownElement),
  loose(HtmlElement),
  loose(UnknownElement),
]);

export const Message = z.looseObject({
  id: PlatformId,
  chat: Chat,
  sender: User,
  content: z.array(EventElement),
  text: z.string().describe("the content as plain text"),
  reply_to: z.looseObject({ id: PlatformId, text: z.string().optional() }).optional(),
  self: z.boolean().optional().describe("sent by this account from another device"),
  seq: z.string().optional().describe("roomim, yunhu: the upstream's sequence number"),
  extras: z.string().optional().describe("roomim: payload.extras"),
  via_group: Group.optional().describe("oicq: the group a stranger's message came through (pass it back as via_group)"),
  command: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional().describe("yunhu: the bot command used"),
});
const MessageRef = z.looseObject({ id: PlatformId, chat: Chat, seq: z.string().optional() });

const lifecycle = z.looseObject({
  code: z.number().int().nullable().optional(),
  reason: z.string().optional(),
  retry_in_ms: z.number().int().optional(),
  attempt: z.number().int().optional(),
});

/** The `data` of every unified type. */
export const EVENT_DATA = {
  "message.created": z.looseObject({ message: Message }),
  "message.updated": z.looseObject({
    message: Message.extend({ sender: User.optional().describe("absent when the upstream does not say (yunhu edits)") }),
    edited_at: z.number().int().optional(),
  }),
  "message.deleted": z.looseObject({ message: MessageRef, operator: Ref.optional() }),
  "message.appended": z.looseObject({ message: MessageRef, text: z.string().describe("a streamed chunk to append") }),
  "message.read": z.looseObject({ chat: Chat, message: Ref.optional() }),
  "chat.cleared": z.looseObject({ chat: Chat, message: Ref.optional() }),
  "friend.requested": z.looseObject({
    request: z.looseObject({ id: PlatformId, user: User, comment: z.string().optional(), source: z.string().optional() }),
    chat: Chat.optional().describe("roomim: the room to talk in"),
  }),
  "friend.added": z.looseObject({ user: User, chat: Chat.optional().describe("roomim: the room to talk in") }),
  "friend.removed": z.looseObject({ user: User }),
  "group.invited": z.looseObject({ request: z.looseObject({ id: PlatformId.optional(), group: Group.optional(), inviter: Ref.optional() }) }),
  "group.joined": z.looseObject({ group: Group, operator: Ref.optional() }),
  "group.left": z.looseObject({ group: Group, operator: Ref.optional() }),
  "group.member.requested": z.looseObject({
    request: z.looseObject({ id: PlatformId, group: Group, user: User, comment: z.string().optional(), inviter: Ref.optional() }),
  }),
  "group.member.joined": z.looseObject({ group: Group, user: User, operator: Ref.optional() }),
  "group.member.left": z.looseObject({ group: Group, user: User, operator: Ref.optional() }),
  "group.member.muted": z.looseObject({
    group: Group,
    user: User.optional().describe("absent: the whole group"),
    operator: Ref.optional(),
    duration_s: z.number().min(-1).describe("seconds; 0: the mute is lifted; -1: until lifted (chat68's whole-group mute has no duration)"),
  }),
  "group.admin.changed": z.looseObject({ group: Group, user: User, admin: z.boolean() }),
  "group.updated": z.looseObject({ group: Group, name: z.string().optional(), notice: z.string().optional(), operator: Ref.optional() }),
  "self.online": z.looseObject({}),
  "self.offline": z.looseObject({}),
  "draft.updated": z.looseObject({}),
  "file.shared": z.looseObject({}),
  "notification.received": z.looseObject({}),
  typing: z.looseObject({}),
  "connection.connected": lifecycle,
  "connection.disconnected": lifecycle,
  "connection.failed": lifecycle,
  "webhook.test": z.looseObject({}),
  "upstream.unknown": z.looseObject({ reason: z.string() }),
} as const satisfies Record<EventType, z.ZodType>;

/**
 * Platform-specific types, whose `data` each platform documents: one variant per platform
 * that emits the type, discriminated by `platform`. A platform emitting one of these types
 * without an entry here falls under the type's open schema in EVENT_DATA.
 */
export const PLATFORM_EVENT_DATA: Partial<Record<EventType, Readonly<Record<string, z.ZodType>>>> = {
  "draft.updated": {
    yunhu: z.looseObject({ chat: ChatMaybeTyped, text: z.string().describe("the draft, replaced whole") }),
  },
  "file.shared": {
    yunhu: z.looseObject({
      from: z.looseObject({ id: PlatformId, device_id: z.string().optional() }),
      to: Ref,
      kind: z.string().describe("send_type, e.g. candidate"),
      data: z.unknown().optional().describe("the offer's data, parsed when it is JSON"),
      temp_code: z.string().optional(),
    }),
  },
  "notification.received": {
    yunhu: z.looseObject({ kind: z.literal("message.blocked"), message: z.looseObject({ id: PlatformId, chat: ChatMaybeTyped }) }),
    wschat: z.looseObject({
      kind: z.string().describe("the frame's notificationType (agreed between the server's back end and its clients)"),
      content: z.unknown().describe("the frame's content, as it came (null when absent)"),
    }),
  },
};

const envelope = {
  id: EventId,
  connection: z.string().describe("the connection id"),
  platform: z.string(),
  timestamp: z.number().int().describe("ms since the epoch (the upstream's time when the frame has one)"),
  raw: z.unknown().optional().describe("the upstream frame, decoded (protobuf as JSON), ids as strings"),
};

type EventVariant<T extends EventType> = z.ZodObject<typeof envelope & { type: z.ZodLiteral<T>; data: (typeof EVENT_DATA)[T] }>;

const variant = <T extends EventType>(type: T): EventVariant<T> => z.object({ ...envelope, type: z.literal(type), data: EVENT_DATA[type] }) as EventVariant<T>;

/** One schema per event type (the `data` of platform-specific types is the open one). */
export const EVENT_SCHEMAS = Object.fromEntries(EVENT_TYPES.map((t) => [t, variant(t)])) as { [T in EventType]: EventVariant<T> };

/** An event of a platform-specific type, with the `data` that platform documents. */
export function platformVariant(type: EventType, platform: string, data: z.ZodType): z.ZodObject {
  return z.object({ ...envelope, type: z.literal(type), platform: z.literal(platform), data });
}

/** Any event, discriminated by `type`. */
export const Event = z.discriminatedUnion(
  "type",
  EVENT_TYPES.map((t) => EVENT_SCHEMAS[t]) as unknown as [EventVariant<"message.created">, ...{ [T in EventType]: EventVariant<T> }[EventType][]],
);
export type Event = z.output<typeof Event>;
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;

/** A batched delivery's body (API.md "Webhooks", `webhook.batch`). */
export const EventBatch = z.object({ type: z.literal("batch"), events: z.array(Event).min(1) });
export type EventBatch = z.output<typeof EventBatch>;

/** What a webhook POST carries: one event, or a batch. */
export const WebhookBody = z.union([Event, EventBatch]).describe("A webhook POST's body: one event, or a batch (`webhook.batch`)");
export type WebhookBody = Event | EventBatch;
