/**
 * imrelay/client: a typed client of the relay's HTTP API and a webhook receiver helper.
 *
 * Standard fetch and streams only (no Node built-ins): it runs in Node, Deno, Bun and
 * Workers. Its types come from the same zod schemas that validate the relay's requests and
 * generate its OpenAPI document; they are imported as types only, so zod is not loaded at
 * run time.
 */
import type * as z from "zod";
import type { ACTION_PARAMS, ACTION_RESULTS, UnifiedAction } from "../events/actions.ts";
import type { Event } from "../events/payloads.ts";
import type { EventType } from "../events/types.ts";
import type * as S from "../api/schemas.ts";
import { readSse } from "./sse.ts";

export type { Event, EventBatch, EventOf, WebhookBody } from "../events/payloads.ts";
export type { EventType } from "../events/types.ts";
export { eventsOf, isBatch, verifyWebhook, receiveWebhook, WebhookVerificationError } from "./receiver.ts";
export { readSse, type SseMessage } from "./sse.ts";
/** The smallest event id of a moment: `after` it streams or lists the events from then on. */
export { eventIdAt } from "../lib/ulid.ts";

export type Connection = z.output<typeof S.Connection>;
export type ConnectionCreated = z.output<typeof S.ConnectionCreated>;
export type ConnectionPut = z.input<typeof S.ConnectionPut>;
export type ConnectionPatch = z.input<typeof S.ConnectionPatch>;
export type Delivery = z.output<typeof S.Delivery>;
export type EventPage = z.output<typeof S.EventPage>;
export type DeliveryPage = z.output<typeof S.DeliveryPage>;
export type PlatformList = z.output<typeof S.PlatformList>;
export type ProblemDetails = z.output<typeof S.Problem>;
export type ProblemCode = ProblemDetails["code"];

export type ActionName = UnifiedAction;
export type ActionParams<A extends ActionName> = z.input<(typeof ACTION_PARAMS)[A]>;
export type ActionResult<A extends ActionName> = z.output<(typeof ACTION_RESULTS)[A]>;

/** `group.member.list` → `groupMemberList`. */
type Camel<S extends string> = S extends `${infer H}.${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

export interface ActionOptions {
  /** Sent as Idempotency-Key: a repeat within 24 h returns the first answer without acting again. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** One method per unified action, e.g. `actions.messageCreate(conn, params)`. */
export type Actions = {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "params may be left out" is exactly `{}` extending them
  [A in ActionName as Camel<A>]: {} extends ActionParams<A>
    ? (connection: string, params?: ActionParams<A>, options?: ActionOptions) => Promise<ActionResult<A>>
    : (connection: string, params: ActionParams<A>, options?: ActionOptions) => Promise<ActionResult<A>>;
} & {
  /** Any action by name, platform-specific ones included (`yunhu.draft`, `upstream.raw`, …). */
  perform(connection: string, name: string, params?: unknown, options?: ActionOptions): Promise<Record<string, unknown>>;
};

/** A problem+json answer (or a network failure, with status 0 and code `network_error`). */
export class ImrelayError extends Error {
  readonly status: number;
  readonly code: ProblemCode | "network_error" | "unexpected_response";
  readonly problem: ProblemDetails | null;
  /** Seconds, from Retry-After (429, 503). */
  readonly retryAfter: number | null;

  constructor(status: number, problem: ProblemDetails | null, message: string, retryAfter: number | null = null) {
    super(message);
    this.name = "ImrelayError";
    this.status = status;
    this.problem = problem;
    this.code = problem?.code ?? (status === 0 ? "network_error" : "unexpected_response");
    this.retryAfter = retryAfter;
  }
}

export interface ClientOptions {
  /** The relay's base URL, e.g. https://imrelay.example.workers.dev */
  url: string;
  /** RELAY_TOKEN */
  token: string;
  /** A fetch to use instead of the global one (a service binding's, a test's). */
  fetch?: typeof fetch;
}

export type StreamStatus = { state: "open" } | { state: "reconnecting"; error: unknown; inMs: number };

export interface StreamOptions {
  /** Start after this event id (default: from the oldest stored event). */
  after?: string;
  /** An event type, `prefix.*` or `*`. */
  type?: string;
  signal?: AbortSignal;
  /** Reconnect after a drop, resuming after the last event seen (default true). */
  reconnect?: boolean;
  /** Called when the stream (re)opens and when it drops. */
  onStatus?(status: StreamStatus): void;
}

const path = (id: string) => `/v1/connections/${encodeURIComponent(id)}`;
const query = (q: Record<string, string | number | undefined | null>) => {
  const entries = Object.entries(q).filter(([, v]) => v !== undefined && v !== null) as [string, string | number][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
};
const dotted = (method: string) => method.replace(/[A-Z]/g, (c) => `.${c.toLowerCase()}`);

export function createClient(options: ClientOptions) {
  const base = options.url.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(method: string, route: string, body?: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, ...init.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await doFetch(`${base}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: init.signal });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new ImrelayError(0, null, `cannot reach ${base}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  async function call<T>(method: string, route: string, body?: unknown, init?: { headers?: Record<string, string>; signal?: AbortSignal }): Promise<T> {
    const res = await send(method, route, body, init);
    return (res.status === 204 ? null : await res.json()) as T;
  }

  async function* stream(connection: string, opts: StreamOptions = {}): AsyncGenerator<Event> {
    let after = opts.after;
    let failures = 0;
    for (;;) {
      try {
        const res = await send("GET", `${path(connection)}/events/stream${query({ after, type: opts.type })}`, undefined, {
          signal: opts.signal,
          headers: { accept: "text/event-stream" },
        });
        opts.onStatus?.({ state: "open" });
        for await (const message of readSse(res.body!, opts.signal)) {
          failures = 0;
          const event = JSON.parse(message.data) as Event;
          after = event.id;
          yield event;
        }
        if (opts.signal?.aborted) return;
        throw new Error("the stream ended");
      } catch (err) {
        if (opts.signal?.aborted || opts.reconnect === false) throw err;
        // A problem the request itself caused will not go away by retrying.
        if (err instanceof ImrelayError && err.status >= 400 && err.status < 500 && err.status !== 429) throw err;
        const inMs = Math.min(30_000, 500 * 2 ** failures++);
        opts.onStatus?.({ state: "reconnecting", error: err, inMs });
        await sleep(inMs, opts.signal);
      }
    }
  }

  const actions = new Proxy({} as Actions, {
    get(_target, method) {
      if (typeof method !== "string") return undefined;
      if (method === "perform") {
        return (connection: string, name: string, params?: unknown, o: ActionOptions = {}) =>
          call("POST", `${path(connection)}/actions/${encodeURIComponent(name)}`, params ?? {}, {
            signal: o.signal,
            headers: o.idempotencyKey ? { "idempotency-key": o.idempotencyKey } : {},
          });
      }
      return (connection: string, params?: unknown, o?: ActionOptions) => (actions.perform as Actions["perform"])(connection, dotted(method), params, o);
    },
  });

  return {
    health: () => call<z.output<typeof S.Health>>("GET", "/healthz"),
    /** The relay's clock (its Date header, to the second): start a stream at "now" with eventIdAt(time). */
    relayTime: async (): Promise<number> => {
      const res = await send("GET", "/healthz");
      await res.body?.cancel();
      const date = Date.parse(res.headers.get("date") ?? "");
      return Number.isNaN(date) ? Date.now() : date;
    },
    openapi: () => call<Record<string, unknown>>("GET", "/openapi.json"),
    platforms: { list: () => call<PlatformList>("GET", "/v1/platforms") },
    connections: {
      list: () => call<{ connections: Connection[] }>("GET", "/v1/connections"),
      get: (id: string) => call<Connection>("GET", path(id)),
      /** Creates or replaces; a generated `webhook.secret` is in this answer only. */
      put: (id: string, body: ConnectionPut) => call<ConnectionCreated>("PUT", path(id), body),
      patch: (id: string, body: ConnectionPatch) => call<Connection>("PATCH", path(id), body),
      delete: (id: string) => call<null>("DELETE", path(id)),
      reconnect: (id: string) => call<{ reconnecting: true }>("POST", `${path(id)}/reconnect`),
      /** Stores and delivers a `webhook.test` event. */
      testWebhook: (id: string) => call<{ event_id: string }>("POST", `${path(id)}/webhook/test`),
    },
    events: {
      list: (connection: string, q: { after?: string; limit?: number; type?: string } = {}) => call<EventPage>("GET", `${path(connection)}/events${query(q)}`),
      /** Live events: the stored ones after `after`, then each new one; resumes by itself after a drop. */
      stream,
    },
    deliveries: {
      list: (connection: string, q: { status?: Delivery["status"]; after?: string; limit?: number } = {}) =>
        call<DeliveryPage>("GET", `${path(connection)}/deliveries${query(q)}`),
      /** Requeues these deliveries (default: every failed one). */
      retry: (connection: string, eventIds?: string[]) =>
        call<{ requeued: number }>("POST", `${path(connection)}/deliveries/retry`, eventIds ? { event_ids: eventIds } : {}),
    },
    actions,
  };
}

export type Client = ReturnType<typeof createClient>;

async function errorOf(res: Response): Promise<ImrelayError> {
  const text = await res.text().catch(() => "");
  const retryAfter = res.headers.get("retry-after");
  let problem: ProblemDetails | null = null;
  try {
    const parsed = JSON.parse(text) as ProblemDetails;
    if (parsed && typeof parsed.code === "string") problem = parsed;
  } catch {
    // not problem+json
  }
  const message = problem ? `${problem.status} ${problem.code}: ${problem.detail}` : `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
  return new ImrelayError(res.status, problem, message, retryAfter === null ? null : Number(retryAfter));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** Narrows an event by type: `if (isEvent(e, "message.created")) e.data.message.text`. */
export function isEvent<T extends EventType>(event: Event, type: T): event is Extract<Event, { type: T }> {
  return event.type === type;
}
