/**
 * Size limits at ingest. An event is stored as one SQLite row and delivered as one webhook
 * body, so both share one limit; a frame over the frame limit is not decoded at all. Neither
 * is ever dropped: what is too large becomes an event that says so, with the start of what
 * arrived (its `raw` cut to RAW_HEAD_CHARS and marked `truncated`).
 */
import type { RelayEvent } from "../events/types.ts";
import { base64 } from "../lib/bytes.ts";
import { errorText } from "../lib/problem.ts";
import type { Frame } from "../platforms/contract.ts";

/** The largest stored event and webhook body (SQLite refuses rows over 2 MB). */
export const MAX_EVENT_BYTES = 1024 * 1024;
/** The largest frame decoded (the socket itself takes up to 32 MiB). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** How much of something too large an event keeps, in characters. */
export const RAW_HEAD_CHARS = 65_536;

const encoder = new TextEncoder();

/** UTF-8 length, counted only when the text could be over `limit`. */
const byteLength = (text: string, limit: number): number => (text.length * 3 <= limit ? text.length : encoder.encode(text).length);

export const frameBytes = (frame: Frame): number => (typeof frame === "string" ? byteLength(frame, MAX_FRAME_BYTES) : frame.length);

/** A `raw` standing in for something too large: its size and its start. */
export function truncatedRaw(bytes: number, head: string): { truncated: true; bytes: number; head: string } {
  return { truncated: true, bytes, head: head.slice(0, RAW_HEAD_CHARS) };
}

const isTruncatedRaw = (raw: unknown): boolean => typeof raw === "object" && raw !== null && (raw as { truncated?: unknown }).truncated === true;

/** A frame over MAX_FRAME_BYTES, as the upstream.unknown that reports it. */
export function oversizedFrame(frame: Frame): { type: "upstream.unknown"; data: { reason: string }; raw: unknown } {
  const bytes = frameBytes(frame);
  const head = typeof frame === "string" ? frame.slice(0, RAW_HEAD_CHARS) : `base64:${base64(frame.subarray(0, (RAW_HEAD_CHARS / 4) * 3))}`;
  return { type: "upstream.unknown", data: { reason: `a frame of ${bytes} bytes is over the 1 MiB frame limit: not decoded` }, raw: truncatedRaw(bytes, head) };
}

function tryStringify(value: unknown): { text: string } | { error: string } {
  try {
    return { text: JSON.stringify(value) ?? "null" };
  } catch (err) {
    return { error: errorText(err) };
  }
}

/**
 * The event as stored and delivered, with its JSON body: unchanged when it fits; else with
 * its `raw` cut (`truncated: true`); else an `upstream.unknown` naming the original type and
 * why. Never throws (an event nested too deep to serialise takes the same path).
 */
export function boundedEvent(original: RelayEvent): { event: RelayEvent; body: string } {
  // A raw already standing in for something too large (an oversized frame) marks its event.
  const event = isTruncatedRaw(original.raw) ? { ...original, truncated: true as const } : original;
  const whole = tryStringify(event);
  if ("text" in whole && byteLength(whole.text, MAX_EVENT_BYTES) <= MAX_EVENT_BYTES) return { event, body: whole.text };

  const rawText = tryStringify(event.raw);
  const raw = "text" in rawText ? truncatedRaw(byteLength(rawText.text, Infinity), rawText.text) : truncatedRaw(0, `(not serialisable: ${rawText.error})`);
  const cut: RelayEvent = { ...event, raw, truncated: true };
  const cutText = tryStringify(cut);
  if ("text" in cutText && byteLength(cutText.text, MAX_EVENT_BYTES) <= MAX_EVENT_BYTES) return { event: cut, body: cutText.text };

  const why =
    "text" in whole
      ? `a ${event.type} event of ${byteLength(whole.text, Infinity)} bytes is over the 1 MiB limit of a stored event`
      : `a ${event.type} event could not be serialised (${whole.error})`;
  const unknown: RelayEvent = {
    ...event,
    type: "upstream.unknown",
    data: { reason: `${why}; its raw is cut to its first ${RAW_HEAD_CHARS} characters`, type: event.type },
    raw,
    truncated: true,
  };
  return { event: unknown, body: JSON.stringify(unknown) };
}

/** The stand-in for an event whose write failed even alone: small enough to store. */
export function unstorable(event: RelayEvent, error: string): { event: RelayEvent; body: string } {
  const raw = tryStringify(event.raw);
  const replacement: RelayEvent = {
    ...event,
    type: "upstream.unknown",
    data: { reason: `the event could not be stored: ${error}`, type: event.type },
    raw: truncatedRaw("text" in raw ? raw.text.length : 0, "text" in raw ? raw.text : ""),
    truncated: true,
  };
  return { event: replacement, body: JSON.stringify(replacement) };
}
