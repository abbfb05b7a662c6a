/**
 * oicq (seed 000): a QQ bridge daemon. Its WebSocket pushes events only and is ready as soon
 * as it opens (no login, no auth); every action is an HTTP request to the same daemon.
 *
 * The daemon keeps its clients alive with WebSocket pings, which the runtime answers without
 * showing them, so a daemon that hangs would go unnoticed: the session probes the friend list
 * (a cheap query the daemon answers from memory) every 10 s and reconnects when it fails or
 * takes over 5 s.
 */
import type { Platform } from "../contract.ts";
import type { EventType } from "../../events/types.ts";
import { decode } from "./decode.ts";
import { actions } from "./encode.ts";
import { publicUrl } from "../kit.ts";
import { MESSAGE_MEMORY, MESSAGE_SHELF, OicqConfig, REQUEST_SHELF, REQUEST_TTL_MS, ROUTE, VIA_MEMORY, VIA_SHELF, apiBase, endpoint } from "./frames.ts";

const EVENTS = [
  "message.created",
  "message.deleted",
  "self.online",
  "self.offline",
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
] as const satisfies readonly EventType[];

export const oicq: Platform<OicqConfig> = {
  name: "oicq",
  seed: "000",
  upstream: OicqConfig,
  redact(config) {
    return { url: publicUrl(config.url), api: publicUrl(apiBase(config)) };
  },
  events: EVENTS,
  actions,
  link: {
    dial(ctx) {
      return { url: ctx.config.url };
    },
    readiness: "open",
    probe: {
      intervalMs: 10_000,
      timeoutMs: 5_000,
      request(ctx) {
        return { method: "GET", url: endpoint(ctx.config, ROUTE.friendList) };
      },
    },
  },
  memory: { [MESSAGE_SHELF]: { capacity: MESSAGE_MEMORY }, [REQUEST_SHELF]: { ttlMs: REQUEST_TTL_MS }, [VIA_SHELF]: { capacity: VIA_MEMORY } },
  decode,
};

export default oicq;
