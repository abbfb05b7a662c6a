/**
 * The platform adapter contract.
 *
 * An adapter is pure: frames in, events out; an action in, a plan out (frames to send or an
 * HTTP request to make, and how to recognise the answer). It owns no socket, timer or
 * storage; the session does all I/O once for every platform. What an adapter needs to
 * remember across frames (a request's context, a room's type, its own user id) it asks the
 * session to keep through `remember` and reads back through `ctx.recall`.
 */
import type * as z from "zod";
import type { DraftEvent, EventType } from "../events/types.ts";
import type { Problem } from "../lib/problem.ts";

/** A frame on the wire: text or binary. */
export type Frame = string | Uint8Array;

export interface Context<Config> {
  connection: string;
  config: Config;
  now: number;
  /** A value this connection's adapter stored earlier with `remember`, or undefined. */
  recall(key: string): unknown;
  /** A fresh correlation key (unique per connection). */
  newKey(): string;
}

/** How to reach the upstream. */
export interface Dial {
  url: string;
  headers?: Record<string, string>;
  protocols?: string[];
}

/** An answer to an action sent on the socket, matched by its correlation key. */
export type Reply = { key: string; result: Record<string, unknown> } | { key: string; problem: Problem };

export type ActionOutcome = { result: Record<string, unknown> } | { problem: Problem };

/** Session-level signals from the upstream. */
export type Signal =
  /** The login worked: the session is now `connected` (platforms with `readiness: "signal"`). */
  | { kind: "ready"; self?: string }
  /** The upstream refused the credentials: the connection goes to `failed`. */
  | { kind: "refused"; reason: string }
  /** An application-level heartbeat was answered. */
  | { kind: "heartbeat_ack" };

export interface Decoded {
  events: DraftEvent[];
  replies?: Reply[];
  signals?: Signal[];
  /** Key/value pairs to keep for this connection (JSON values; null forgets). */
  remember?: Record<string, unknown>;
}

/** What performing an action takes. */
export type Plan =
  | {
      kind: "socket";
      frames: Frame[];
      /** The correlation key of the reply to wait for; null when the upstream gives none (202). */
      await: string | null;
    }
  | {
      kind: "http";
      method: string;
      url: string;
      headers?: Record<string, string>;
      body?: string | Uint8Array;
      /** Turns the upstream's HTTP answer into a result or a problem. */
      parse(answer: HttpAnswer): ActionOutcome;
    };

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  text(): string;
}

export interface PlatformAction<Config> {
  /** Params schema for platform-specific actions; unified actions use events/actions.ts. */
  params?: z.ZodType;
  /** Builds the plan; throws ProblemError (400 invalid_request, 501...) when it cannot. */
  plan(params: any, ctx: Context<Config>): Plan;
}

export interface Platform<Config = any> {
  name: string;
  /** The seed document number this platform implements. */
  seed: string;
  /** Validates `upstream` in a connection's config. */
  upstream: z.ZodType<Config>;
  /** `upstream` as a GET shows it: no credentials, URLs without their query string. */
  redact(config: Config): Record<string, unknown>;
  /** Event types this adapter may emit (the relay's lifecycle events are added by the registry). */
  events: readonly EventType[];
  actions: Readonly<Record<string, PlatformAction<Config>>>;
  dial(ctx: Context<Config>): Dial;
  /** Frames to send right after the socket opens (login). */
  hello?(ctx: Context<Config>): Frame[];
  /** `open`: connected when the socket opens. `signal`: connected on a `ready` signal. */
  readiness: "open" | "signal";
  /** With `signal` readiness: how long to wait for `ready` before the login counts as refused. */
  readyTimeoutMs?: number;
  /** Application-level heartbeat, when the protocol has one. */
  heartbeat?: { intervalMs: number; timeoutMs: number; frame(ctx: Context<Config>): Frame };
  /**
   * Liveness checked over the upstream's HTTP API, for protocols whose only keep-alive is
   * WebSocket pings (the runtime answers those itself and never shows them): a request that
   * fails, answers non-2xx or is later than `timeoutMs` drops the socket and reconnects.
   */
  probe?: { intervalMs: number; timeoutMs: number; request(ctx: Context<Config>): { method: string; url: string; headers?: Record<string, string> } };
  decode(frame: Frame, ctx: Context<Config>): Decoded;
}
