/**
 * Offline messages: the server keeps what was sent to this account while it had no socket and
 * hands it out with GET /api/message (`sort`, `drop`, `type`). Nothing may be lost and nothing
 * stored twice, so it takes two requests, the relay storing the first one's messages before it
 * makes the second:
 *
 * 1. `drop=false`: fetch without dropping; every message becomes `message.created` with its
 *    dedupe key (ids.ts). The session commits them before step 2.
 * 2. `drop=true`: the server drops what it hands out. Its answer is decoded too: a message
 *    that reached the store between the two requests is stored now, and the ones of step 1
 *    dedupe.
 *
 * A relay that dies after step 1 fetches the same messages again on its next connect; they
 * dedupe. The one window left is a message that reaches the offline store between the two
 * requests while the relay dies after step 2 and before it committed that answer; while the
 * relay's socket is up the server pushes new messages over it rather than storing them, so
 * that needs the socket to drop in the same instant.
 */
import type { Context, Decoded, HttpAnswer } from "../contract.ts";
import type { DraftEvent } from "../../events/types.ts";
import { isRecord } from "../../lib/json.ts";
import { endpoint, type WschatConfig } from "./config.ts";
import { OfflineAnswer, READINGS, ROUTE, timeMs } from "./frames.ts";
import { messageEvent } from "./decode.ts";
import { bodyOf, said } from "./answers.ts";
import { failed, recovered } from "./faults.ts";

type Ctx = Context<WschatConfig>;

/** GET /api/message, dropping what it returns or not. */
export function offlineRequest(ctx: Ctx, drop: boolean): { method: string; url: string } {
  return {
    method: "GET",
    url: endpoint(ctx.config, ROUTE.messages, { sort: READINGS.offlineOrder, drop: String(drop), type: READINGS.offlineType }),
  };
}

export interface OfflineRead extends Decoded {
  /** How many messages the answer held (0 also when it could not be read). */
  fetched: number;
}

/**
 * The answer of either step (`drop`: the second): each message as `message.created` (an
 * entry that does not fit as `upstream.unknown`), in server time order across senders. A
 * failure is reported once (faults.ts); the messages stay on the server for the next poll.
 */
export function readOffline(answer: HttpAnswer | { error: string }, ctx: Ctx, drop = false): OfflineRead {
  // Each step has its own failure memory: a fetch that works must not hide a drop that keeps failing.
  const call = drop ? "drop" : "messages";
  const what = drop ? "dropping offline messages (GET /api/message?drop=true)" : "offline messages (GET /api/message)";
  const problem = failed(call, what, answer, ctx);
  if (problem) return { ...problem, fetched: 0 };
  const body = bodyOf(answer as HttpAnswer);
  // An empty body is read as no messages.
  const parsed = "json" in body ? OfflineAnswer.safeParse(body.json ?? []) : null;
  if (!parsed?.success) return { ...failed(call, what, { unreadable: said(answer as HttpAnswer) }, ctx)!, fetched: 0 };

  const found: { event: DraftEvent; at: number }[] = [];
  for (const entry of parsed.data) {
    entry.messages.forEach((m, i) => {
      // An entry's messages are that sender's: a message that omits `senderId` is theirs.
      const message = isRecord(m) && m.senderId === undefined ? { ...m, senderId: entry.id } : m;
      const event = isRecord(message)
        ? messageEvent(message, `offline:${entry.id}:${i}`)
        : ({ type: "upstream.unknown", data: { reason: "offline message that is not an object" }, raw: m } satisfies DraftEvent);
      if (event.raw === message && message !== m) event.raw = m;
      found.push({ event, at: timeMs(isRecord(m) ? m.timestamp : undefined) ?? Number.POSITIVE_INFINITY });
    });
  }
  // The server sorts each sender's list; the relay orders them all (a stable sort keeps ties in answer order).
  found.sort((a, b) => a.at - b.at);
  const events = found.map((f) => f.event);
  return { events, ...recovered(call, ctx), fetched: events.length };
}
