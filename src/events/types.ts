/** The unified event vocabulary of API.md. */
export const EVENT_TYPES = [
  "message.created",
  "message.updated",
  "message.deleted",
  "message.appended",
  "message.read",
  "chat.cleared",
  "friend.requested",
  "friend.added",
  "friend.removed",
  "group.invited",
  "group.joined",
  "group.left",
  "group.member.requested",
  "group.member.joined",
  "group.member.left",
  "group.member.muted",
  "group.admin.changed",
  "group.updated",
  "self.online",
  "self.offline",
  "draft.updated",
  "file.shared",
  "notification.received",
  "typing",
  "connection.connected",
  "connection.disconnected",
  "connection.failed",
  "webhook.test",
  "upstream.unknown",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The relay's own events: every platform emits them (`webhook.test` on request). */
export const LIFECYCLE_EVENTS = [
  "connection.connected",
  "connection.disconnected",
  "connection.failed",
  "webhook.test",
  "upstream.unknown",
] as const satisfies readonly EventType[];

export type ChatType = "private" | "group";
export interface ChatRef {
  type: ChatType;
  id: string;
  name?: string;
}
export interface UserRef {
  id: string;
  name?: string;
}

/** What an adapter produces from a frame: an event without the relay's envelope. */
export interface DraftEvent {
  type: EventType;
  data: Record<string, unknown>;
  /** The upstream frame, decoded, ids as strings. */
  raw?: unknown;
  /** Upstream time in ms, when the frame carries one. */
  timestamp?: number;
  /**
   * A key unique per upstream message on this connection (e.g. "msg:<id>"): an event whose
   * dedupe key is already stored (within retention) is not stored again, so a refetch after
   * a restart stores nothing twice.
   */
  dedupe?: string;
}

/** An event as stored, pulled and delivered. */
export interface RelayEvent {
  id: string;
  type: EventType;
  connection: string;
  platform: string;
  timestamp: number;
  data: Record<string, unknown>;
  raw?: unknown;
  /** Set when the event was too large to keep whole: its `raw` is cut (see session/bounds.ts). */
  truncated?: true;
}
