// A webhook receiver that verifies every delivery with the npm `standardwebhooks` library,
// the way a user of the relay would, and records what it saw and what it answered.
//
//   POST /hooks/{name}   verify with the secret registered for {name}; 401 when that fails
//   /control/...         see sink-control.ts
//
//   node test/sim/sink.ts --port 9002 --secret bot=whsec_... [--secret other=whsec_...]

import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { Webhook } from "standardwebhooks";
import { clock, closeServer, cliOptions, flatHeaders, listen, readBody, sendJson } from "./http.ts";
import { handleControl } from "./sink-control.ts";
import { formatEvent } from "../../src/cli/format.ts";
import { now, Waiters } from "./wait.ts";

export interface SinkOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Print one line per verified webhook. */
  log?: boolean;
}

/** How to answer one request. */
export interface SinkAnswer {
  status: number;
  /** Sent as the Retry-After header. */
  retryAfter?: number | string;
  /** Wait this long before answering. */
  delayMs?: number;
  body?: string;
}

/** The webhook body (public contract, "Events"). */
export interface SinkEvent {
  id: string;
  type: string;
  connection: string;
  platform: string;
  timestamp: number;
  data: Record<string, unknown>;
  raw?: unknown;
}

export interface Delivery {
  /** The {name} of /hooks/{name}. */
  name: string;
  /** webhook-id header. */
  id: string | null;
  /** webhook-timestamp header. */
  timestamp: string | null;
  headers: Record<string, string>;
  /** The raw request body. */
  body: string;
  /** The parsed body, when it is JSON. */
  event: SinkEvent | undefined;
  verified: boolean;
  /** Why verification failed. */
  error?: string;
  /** The status the sink answered with. */
  status: number;
  /** Arrival time, ms since the epoch with sub-ms precision. */
  at: number;
}

export interface Sink {
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  /** The webhook URL for a name: http://host:port/hooks/{name}. */
  hookUrl(name: string): string;
  /** Register the Standard Webhooks secret ("whsec_...") deliveries to {name} are signed with. */
  secret(name: string, secret: string): void;
  /** Queue answers for {name}, consumed one per verified request, then the default 204. */
  respond(name: string, answers: SinkAnswer[]): void;
  /** Answer every verified request to {name} with this status until called with null. */
  down(name: string, status: number | null): void;
  /** Every request, verified or not, in arrival order (all names when name is omitted). */
  deliveries(name?: string): readonly Delivery[];
  /** The deliveries that verified and were accepted (2xx), first one per webhook-id. */
  verified(name: string): readonly Delivery[];
  /** Resolve with verified(name) once the predicate holds over it. */
  waitFor(name: string, predicate: (verified: readonly Delivery[]) => boolean, timeoutMs?: number): Promise<readonly Delivery[]>;
  /** Called after each request is recorded; returns an unsubscribe function. */
  onDelivery(listener: (delivery: Delivery) => void): () => void;
  /** Forget recordings, queued answers and down states; secrets stay registered. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_ANSWER: SinkAnswer = { status: 204 };

/** Recordings for one name. */
class Hook {
  readonly all: Delivery[] = [];
  readonly accepted: Delivery[] = [];
  readonly #acceptedIds = new Set<string>();

  add(delivery: Delivery): void {
    this.all.push(delivery);
    const ok = delivery.verified && delivery.status >= 200 && delivery.status < 300;
    if (ok && delivery.id !== null && !this.#acceptedIds.has(delivery.id)) {
      this.#acceptedIds.add(delivery.id);
      this.accepted.push(delivery);
    }
  }
}

class WebhookSink implements Sink {
  readonly port: number;
  readonly url: string;
  readonly #server: Server;
  readonly #log: boolean;
  readonly #verifiers = new Map<string, Webhook>();
  #hooks = new Map<string, Hook>();
  #all: Delivery[] = [];
  #scripts = new Map<string, SinkAnswer[]>();
  #down = new Map<string, number>();
  readonly #listeners = new Set<(delivery: Delivery) => void>();
  readonly #waiters = new Waiters();

  constructor(server: Server, host: string, port: number, log: boolean) {
    this.#server = server;
    this.port = port;
    this.url = `http://${host}:${port}`;
    this.#log = log;
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      this.#onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      });
    });
  }

  hookUrl(name: string): string {
    return `${this.url}/hooks/${encodeURIComponent(name)}`;
  }

  secret(name: string, secret: string): void {
    this.#verifiers.set(name, new Webhook(secret));
  }

  respond(name: string, answers: SinkAnswer[]): void {
    const queue = this.#scripts.get(name) ?? [];
    queue.push(...answers);
    this.#scripts.set(name, queue);
  }

  down(name: string, status: number | null): void {
    if (status === null) this.#down.delete(name);
    else this.#down.set(name, status);
  }

  deliveries(name?: string): readonly Delivery[] {
    return name === undefined ? this.#all : (this.#hooks.get(name)?.all ?? []);
  }

  verified(name: string): readonly Delivery[] {
    return this.#hooks.get(name)?.accepted ?? [];
  }

  waitFor(name: string, predicate: (verified: readonly Delivery[]) => boolean, timeoutMs = 5000): Promise<readonly Delivery[]> {
    return this.#waiters.until(
      () => (predicate(this.verified(name)) ? this.verified(name) : undefined),
      timeoutMs,
      `webhooks to "${name}" matching the predicate (${this.verified(name).length} verified so far)`,
    );
  }

  onDelivery(listener: (delivery: Delivery) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  reset(): void {
    this.#hooks = new Map();
    this.#all = [];
    this.#scripts = new Map();
    this.#down = new Map();
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/control/")) return handleControl(this, req, res, path);
    if (!path.startsWith("/hooks/") || path.length === "/hooks/".length) {
      return sendJson(res, 404, { error: "POST webhooks to /hooks/{name}" });
    }
    if (req.method !== "POST") return sendJson(res, 405, { error: "webhooks are POSTed" });

    const body = (await readBody(req)).toString("utf8");
    const at = now();
    const delivery = this.#verify(decodeURIComponent(path.slice("/hooks/".length)), body, req, at);
    const answer = delivery.verified ? this.#nextAnswer(delivery.name) : { status: 401, body: delivery.error };
    delivery.status = answer.status;
    this.#record(delivery);

    if (answer.delayMs) await sleep(answer.delayMs);
    const headers: Record<string, string> = {};
    if (answer.retryAfter !== undefined) headers["retry-after"] = String(answer.retryAfter);
    if (answer.body !== undefined) headers["content-type"] = "text/plain; charset=utf-8";
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }

  #verify(name: string, body: string, req: IncomingMessage, at: number): Delivery {
    const headers = flatHeaders(req.headers);
    const delivery: Delivery = {
      name,
      id: headers["webhook-id"] ?? null,
      timestamp: headers["webhook-timestamp"] ?? null,
      headers,
      body,
      event: undefined,
      verified: false,
      status: 0,
      at,
    };
    const verifier = this.#verifiers.get(name);
    try {
      if (verifier === undefined) throw new Error(`no secret registered for "${name}"`);
      delivery.event = verifier.verify(body, headers) as SinkEvent;
      delivery.verified = true;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
      delivery.event = tryParse(body);
    }
    return delivery;
  }

  #nextAnswer(name: string): SinkAnswer {
    const down = this.#down.get(name);
    if (down !== undefined) return { status: down };
    return this.#scripts.get(name)?.shift() ?? DEFAULT_ANSWER;
  }

  #record(delivery: Delivery): void {
    let hook = this.#hooks.get(delivery.name);
    if (hook === undefined) this.#hooks.set(delivery.name, (hook = new Hook()));
    hook.add(delivery);
    this.#all.push(delivery);
    if (this.#log) this.#print(delivery);
    for (const listener of this.#listeners) listener(delivery);
    this.#waiters.notify();
  }

  #print(d: Delivery): void {
    if (!d.verified) {
      console.log(`${clock(d.at)}  rejected /hooks/${d.name}: ${d.error ?? ""}`);
      return;
    }
    const answered = d.status >= 200 && d.status < 300 ? "" : `  → answered ${d.status}`;
    console.log(`${formatEvent(d.at, d.event?.type ?? "?", d.event?.data)}${answered}`);
  }
}

function tryParse(body: string): SinkEvent | undefined {
  try {
    return JSON.parse(body) as SinkEvent;
  } catch {
    return undefined;
  }
}

export async function startSink(opts: SinkOptions = {}): Promise<Sink> {
  const host = opts.host ?? "127.0.0.1";
  const server = createServer();
  const port = await listen(server, opts.port ?? 0, host);
  return new WebhookSink(server, host, port, opts.log ?? false);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const sink = await startSink({ port: Number(cliOptions(argv, "port")[0] ?? 9002), log: true });
  for (const pair of cliOptions(argv, "secret")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`--secret expects name=whsec_..., got "${pair}"`);
    sink.secret(pair.slice(0, eq), pair.slice(eq + 1));
  }
  console.log(`webhook sink on ${sink.url}: POST ${sink.url}/hooks/{name}`);
}
