/**
 * Message ids. wschat frames carry none, so the relay makes one from what identifies a message:
 * its chat, its sender, its server timestamp and its content. The same message fetched twice
 * (a refetch of offline messages after the relay died between fetch and drop, or a message
 * that came both over the socket and from the offline store) gets the same id, which is also
 * its event's dedupe key: it is stored once.
 *
 * The reading that follows: two messages with the same chat, sender, timestamp and content
 * are one message. With millisecond timestamps that means the same text sent twice by one
 * person in the same millisecond; with second timestamps, in the same second.
 *
 * A message without a readable timestamp (the seed says every message has one) is told apart
 * by what the caller passes instead: its arrival time on the socket, its position among
 * identical messages in an offline answer.
 */
import { createHash } from "node:crypto";
import type { ChatRef } from "../../events/types.ts";
import { timeMs } from "./frames.ts";

/** JSON with object keys sorted, so that equal values have equal text whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** 128 bits of SHA-256, as 32 hex digits. */
const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 32);

/**
 * The id of a message: stable for the same chat, sender, time and content. `time` is the
 * frame's `timestamp`; when it cannot be read, `fallback` takes its place.
 */
export function messageId(chat: Pick<ChatRef, "type" | "id">, sender: string, time: unknown, content: unknown, fallback: string): string {
  const ms = timeMs(time);
  const when = ms !== undefined ? String(ms) : fallback;
  return digest(canonical([chat.type, chat.id, sender, when, content]));
}

/** Dedupe keys: one per upstream message and one per invitation, per connection. */
export const messageDedupe = (id: string): string => `message:${id}`;
export const invitationDedupe = (id: string): string => `invitation:${id}`;
