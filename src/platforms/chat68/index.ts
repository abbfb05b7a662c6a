/**
 * chat68 (seed 001): a 68chat automation client on the user's machine. One WebSocket carries
 * requests, their answers (matched by `id`) and pushed events; a side HTTP API does recalls.
 *
 * The session is ready as soon as the socket opens: the client needs no login, and its
 * greeting (`{"message":"Hello"}`) is no event. It has no heartbeat of its own (pings, if any,
 * are answered by the runtime unseen), so a client that hangs would go unnoticed: the session
 * asks it `getApiUrl` on the socket every 30 s (the cheapest request it has: it only reports
 * the API host it talks to) and reconnects when no answer comes within 10 s. The
 * same request right after connecting tells the account's web API host, which every web API
 * call (`type: "request"`) is addressed to. Friend requests are polled from the side API
 * (poll.ts), since the client pushes none.
 */
import type { Context, Frame, Platform } from "../contract.ts";
import type { EventType } from "../../events/types.ts";
import { guardDecode, publicUrl } from "../kit.ts";
import { decode } from "./decode.ts";
import { actions } from "./encode.ts";
import { FRIEND_REQUEST_POLL_MS, friendRequestPoll } from "./poll.ts";
import { Chat68Config, HEARTBEAT_PREFIX, MESSAGE_MEMORY, MESSAGE_SHELF, MESSAGE_TTL_MS, REQUEST, type Chat68Config as Config } from "./frames.ts";

const EVENTS = ["message.created", "message.deleted", "group.updated", "group.member.muted", "friend.requested"] as const satisfies readonly EventType[];

/** A getApiUrl on the socket whose answer is a liveness signal. */
const liveness = (ctx: Context<Config>): Frame => JSON.stringify({ id: `${HEARTBEAT_PREFIX}${ctx.newKey()}`, type: REQUEST.getApiUrl });

export const chat68: Platform<Config> = {
  name: "chat68",
  seed: "001",
  upstream: Chat68Config,
  redact(config) {
    const shown: Record<string, unknown> = { url: publicUrl(config.url) };
    if (config.api !== undefined) shown.api = publicUrl(config.api);
    if (config.headers) shown.headers = Object.fromEntries(Object.keys(config.headers).map((name) => [name, "***"]));
    return shown;
  },
  events: EVENTS,
  actions,
  link: {
    dial(ctx) {
      const { url, headers } = ctx.config;
      return headers ? { url, headers: { ...headers } } : { url };
    },
    readiness: "open",
    hello: (ctx) => [liveness(ctx)],
    heartbeat: { intervalMs: 30_000, timeoutMs: 10_000, frame: liveness },
    poll: { intervalMs: FRIEND_REQUEST_POLL_MS, step: friendRequestPoll },
  },
  memory: { [MESSAGE_SHELF]: { capacity: MESSAGE_MEMORY, ttlMs: MESSAGE_TTL_MS } },
  decode: guardDecode(decode),
};

export default chat68;
