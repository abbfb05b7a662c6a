/**
 * The platform adapter contract.
 *
 * An adapter stays pure: frames in, events out; an action in, a plan out; a link step in,
 * an HTTP request out. It owns no socket, timer, fetch or storage; the session performs all
 * I/O once for every platform. What an adapter needs to remember across frames (a request's
 * context, a room's type, its own user id) it asks the session to keep through `remember`
 * (bounded by its `memory` shelves) and reads back through `ctx.recall`.
 *
 * The shared pieces every adapter uses (decode guard, event builders, the invalid-params
 * problem, URL schemas, typed action builders) are in ./kit.ts.
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
  /** A value stored earlier with `remember` (key "shelf:id" or a plain key), or undefined. */
  recall(key: string): unknown;
  /** A fresh correlation key (unique per connection). */
  newKey(): string;
}

/** How to reach the upstream's socket. */
export interface Dial {
  url: string;
  headers?: Record<string, string>;
  protocols?: string[];
}

/** One HTTP request the session makes for the adapter. */
export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  text(): string;
}

/** Key/value pairs to keep for this connection (JSON values; null forgets). See `Platform.memory`. */
export type Remember = Record<string, unknown>;

/**
 * An answer to something waiting, matched by its correlation key. A `quiet` one may answer
 * nothing of ours (e.g. chat68's result of a send made from the desktop app, whose message
 * arrives as an event anyway): when nothing waits for it, it is dropped rather than kept as
 * `upstream.unknown`.
 */
export type Reply = ({ key: string; result: Record<string, unknown> } | { key: string; problem: Problem }) & { quiet?: boolean };

/** How an action ended: a result (200, or 202 with `accepted`), or a problem. */
export type ActionOutcome =
  { result: Record<string, unknown>; remember?: Remember; /** 202: the upstream gives no confirmation. */ accepted?: boolean } | { problem: Problem };

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
  /** Answers to actions (acknowledgements and confirmations alike). */
  replies?: Reply[];
  signals?: Signal[];
  remember?: Remember;
}

/**
 * What a socket action waits for.
 * - a string: the reply with that correlation key is the outcome;
 * - `{ key, confirm }`: two phases. The reply `key` is the acknowledgement: a problem there is
 *   the outcome. A result there is followed by the reply `confirm` (a key the upstream chose,
 *   e.g. chat68's `customMsgId` in a later `msgListPropertyUpdate`), which is the outcome.
 *   Both waiters are registered when the frames are sent, so a confirmation that overtakes
 *   its acknowledgement is not lost. One action timeout covers both phases.
 */
export type Await = string | { key: string; confirm: string };

/** What performing an action takes. A plan may continue after its outcome (upload, then send). */
export type Plan =
  | {
      kind: "socket";
      frames: Frame[];
      /** null when the upstream gives no answer (202, `message_id: null`). */
      await: Await | null;
      /**
       * Runs after a successful outcome; returns the final outcome or the next plan. (Not named
       * `then`: a plan with a `then` method is a thenable, which an async function returning it
       * would call instead of returning it.)
       */
      after?(outcome: Extract<ActionOutcome, { result: unknown }>, ctx: Context<any>): ActionOutcome | Plan;
    }
  | ({
      kind: "http";
      /** The upstream's answer → the outcome, or the next plan (at most 4 steps in all). */
      parse(answer: HttpAnswer, ctx: Context<any>): ActionOutcome | Plan;
    } & HttpRequest)
  /** Nothing to do on the wire (e.g. an answer the adapter knows from memory). */
  | { kind: "done"; outcome: ActionOutcome };

export interface PlatformAction<Config, Params = any> {
  /** Params schema; unified actions default to events/actions.ts's. */
  params?: z.ZodType<Params>;
  /** Builds the plan; throws ProblemError (400 invalid_request, 501...) when it cannot. */
  plan(params: Params, ctx: Context<Config>): Plan;
}

/**
 * An HTTP step of a link (before dialling, after each connect, or on a poll): the session
 * makes `request` (a failure or timeout is handed over as `{ error }`) and gives the answer
 * to `then`. What `then` decodes is stored (written, committed) BEFORE the session makes the
 * `next` request: so "fetch, store, then acknowledge/drop" loses nothing if the relay dies
 * between the two. Events may carry a `dedupe` key (DraftEvent.dedupe) so that a refetch after
 * such a death stores nothing twice.
 */
export interface LinkStep {
  request: HttpRequest;
  then(answer: HttpAnswer | { error: string }, ctx: Context<any>): StepResult;
}
export interface StepResult extends Decoded {
  next?: LinkStep | null;
  /** Only for `prepare`: a change to how to dial (e.g. a gateway URL learned over HTTP). */
  dial?: Partial<Dial>;
  /** Only for `prepare`: the step found the credentials refused → `failed`. */
  refused?: string;
}

/** Everything about holding the upstream session. */
export interface Link<Config> {
  dial(ctx: Context<Config>): Dial;
  /** HTTP before every dial (optional). */
  prepare?(ctx: Context<Config>): LinkStep | null;
  /** Frames to send right after the socket opens (login). */
  hello?(ctx: Context<Config>): Frame[];
  /** `open`: connected when the socket opens. `signal`: connected on a `ready` signal. */
  readiness: "open" | "signal";
  /** With `signal` readiness: how long to wait for `ready` before the login counts as refused. */
  readyTimeoutMs?: number;
  /** Application-level heartbeat, acked by a `heartbeat_ack` signal. */
  heartbeat?: { intervalMs: number; timeoutMs: number; frame(ctx: Context<Config>): Frame };
  /**
   * Liveness checked over the upstream's HTTP API, for protocols whose only keep-alive is
   * WebSocket pings (the runtime answers those itself and never shows them): a request that
   * fails, answers non-2xx or is later than `timeoutMs` drops the socket and reconnects.
   */
  probe?: { intervalMs: number; timeoutMs: number; request(ctx: Context<Config>): HttpRequest };
  /** HTTP after every `connected` (first connect and every reconnect): e.g. fetch offline messages. */
  connected?(ctx: Context<Config>): LinkStep | null;
  /**
   * HTTP repeated while connected: e.g. poll for invitations the upstream does not push. A
   * step of null skips this turn (what the poll needs is not configured on this connection).
   */
  poll?: { intervalMs: number; step(ctx: Context<Config>): LinkStep | null };
}

/**
 * Bounded short-lived memory: a shelf is the prefix of a `remember` key ("msg:123" is on shelf
 * "msg"). The session keeps at most `capacity` entries per shelf (oldest written go first) and
 * forgets entries older than `ttlMs`. Keys whose prefix names no shelf are kept until forgotten
 * (use only for a handful of keys, e.g. "self").
 */
export type Memory = Readonly<Record<string, { capacity?: number; ttlMs?: number }>>;

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
  link: Link<Config>;
  memory?: Memory;
  decode(frame: Frame, ctx: Context<Config>): Decoded;
}
