/**
 * roomim (seed 004): one WebSocket carries everything, JSON both ways. The socket is ready
 * as soon as it opens (authentication, if the server needs any, rides in the URL's query or
 * in `headers`); there is no login frame and no application heartbeat.
 */
import type { Platform } from "../contract.ts";
import type { EventType } from "../../events/types.ts";
import { publicUrl } from "../kit.ts";
import { decode, ROOM_SHELF } from "./decode.ts";
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

/** Rooms whose type is remembered. */
const ROOM_MEMORY = 10_000;

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
  link: {
    dial(ctx) {
      const { url, headers } = ctx.config;
      return headers ? { url, headers: { ...headers } } : { url };
    },
    readiness: "open",
  },
  /** Room types: a room not remembered reads as a group, so the oldest can go. */
  memory: { [ROOM_SHELF]: { capacity: ROOM_MEMORY } },
  decode,
};

export default roomim;
