/**
 * roomim (seed 004): one WebSocket carries everything, JSON both ways. The socket is ready
 * as soon as it opens (authentication, if the server needs any, rides in the URL's query or
 * in `headers`); there is no login frame and no application heartbeat.
 */
import type { Platform } from "../contract.ts";
import type { EventType } from "../../events/types.ts";
import { decode } from "./decode.ts";
import { actions } from "./encode.ts";
import { RoomimConfig } from "./frames.ts";

const EVENTS = [
  "message.created",
  "message.deleted",
  "message.read",
  "chat.cleared",
  "friend.requested",
  "friend.added",
  "group.joined",
] as const satisfies readonly EventType[];

/** The URL as a GET may show it: no query, no fragment, no user info. */
function publicUrl(url: string): string {
  return url.replace(/[?#].*$/s, "").replace(/^(wss?:\/\/)[^/@]*@/i, "$1");
}

export const roomim: Platform<RoomimConfig> = {
  name: "roomim",
  seed: "004",
  upstream: RoomimConfig,
  redact(config) {
    const shown: Record<string, unknown> = { url: publicUrl(config.url) };
    if (config.headers) shown.headers = Object.fromEntries(Object.keys(config.headers).map((name) => [name, "***"]));
    shown.revoke = { ...config.revoke };
    return shown;
  },
  events: EVENTS,
  actions,
  dial(ctx) {
    const { url, headers } = ctx.config;
    return headers ? { url, headers: { ...headers } } : { url };
  },
  readiness: "open",
  decode,
};

export default roomim;
