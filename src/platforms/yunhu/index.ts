/**
 * Yunhu (云湖, seed 003): a push socket (JSON frames up, protobuf frames down) plus an HTTP
 * API for sending, editing and recalling.
 *
 * On open the relay logs in (`login {userId, token, platform, deviceId}`) and sends a first
 * heartbeat. The server confirms nothing about the login itself: the first `heartbeat_ack`
 * makes the connection ready, and the text frame "数据不合法" refuses it. Heartbeats go every
 * 30 s; an ack later than 15 s drops the socket.
 */
import type { Context, Platform } from "../contract.ts";
import type { EventType } from "../../events/types.ts";
import { decode } from "./decode.ts";
import { actions, clientFrame } from "./encode.ts";
import { publicUrl } from "../kit.ts";
import { CHAT_MEMORY, CHAT_SHELF, CMD, YunhuConfig, deviceIdOf } from "./frames.ts";

const EVENTS = [
  "message.created",
  "message.updated",
  "message.deleted",
  "message.appended",
  "draft.updated",
  "file.shared",
  "group.invited",
  "notification.received",
] as const satisfies readonly EventType[];

function heartbeat(ctx: Context<YunhuConfig>): string {
  return clientFrame(ctx, CMD.heartbeat, {});
}

export const yunhu: Platform<YunhuConfig> = {
  name: "yunhu",
  seed: "003",
  upstream: YunhuConfig,
  redact(config) {
    const shown: Record<string, unknown> = { userId: config.userId, platform: config.platform, url: publicUrl(config.url), api: publicUrl(config.api) };
    if (config.deviceId !== undefined) shown.deviceId = config.deviceId;
    return shown;
  },
  events: EVENTS,
  actions,
  link: {
    dial(ctx) {
      return { url: ctx.config.url };
    },
    hello(ctx) {
      const { userId, token, platform } = ctx.config;
      return [clientFrame(ctx, CMD.login, { userId, token, platform, deviceId: deviceIdOf(ctx.config, ctx.connection) }), heartbeat(ctx)];
    },
    readiness: "signal",
    readyTimeoutMs: 10_000,
    heartbeat: { intervalMs: 30_000, timeoutMs: 15_000, frame: heartbeat },
  },
  memory: { [CHAT_SHELF]: { capacity: CHAT_MEMORY } },
  decode,
};

export default yunhu;
