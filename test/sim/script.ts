// Scripted answers: a test tells a simulator how to answer the next request (or every
// request) of one kind, instead of the way the upstream would. The queue is keyed by route
// or request kind ("sendMsg/group", "send-message", a socket request's name); one-shot
// scripts are used up first, in the order given, then a standing one applies.
//
// A spec says how to misbehave, and the simulator turns it into its own wire format:
//   { code, message }   an error in the protocol's own shape (the message field's name is the
//                       protocol's: `message`, `msg`, ...)
//   { httpStatus }      a bare HTTP status (with code or body: their status)
//   { body }            garbage: the raw answer as given
//   { silent: true }    no answer at all (only where the queue allows it)
//   { delayMs }         late; alone, the usual answer after the delay

import { BadRequest, optional, type Params } from "./control.ts";

/** The fields every scripted answer may carry (the protocol adds its message field). */
export interface ScriptFields {
  /** Answer an error (or any status) in the protocol's own shape with this code. */
  code?: number;
  /** The HTTP status: alone, a plain-text status page; with code or body, theirs. */
  httpStatus?: number;
  /** The raw answer, garbage included (in the protocol's notation, e.g. hex for bytes). */
  body?: string;
  /** Wait this long first; alone, the usual answer then follows. */
  delayMs?: number;
  /** Answer nothing at all (where the queue allows it). */
  silent?: boolean;
}

export interface ScriptQueueOptions {
  /** The message field's name in specs and control bodies. Default "message". */
  text?: string;
  /** The routes that may be scripted; any non-empty route when absent. */
  routes?: readonly string[];
  /** Shown in the error for a missing route, e.g. `"sendMsg/group"`. */
  example?: string;
  /** Map a route to its key (e.g. lower case, no slashes); identity when absent. */
  key?: (route: string) => string;
  /** Throws BadRequest when a scripted body is not acceptable (e.g. not hex). */
  checkBody?: (body: string) => void;
  /** Whether `{ silent: true }` (no answer at all) is allowed. */
  silence?: boolean;
}

export interface ScriptList<S> {
  once: Record<string, S[]>;
  always: Record<string, S>;
}

export class ScriptQueue<S extends object> {
  readonly #once = new Map<string, S[]>();
  readonly #always = new Map<string, S>();
  readonly #options: ScriptQueueOptions;

  constructor(options: ScriptQueueOptions = {}) {
    this.#options = options;
  }

  /** Answer the next request on `route` this way. */
  once(route: string, spec: S): void {
    const key = this.#key(route);
    const queue = this.#once.get(key) ?? [];
    queue.push(spec);
    this.#once.set(key, queue);
  }

  /** Answer every request on `route` this way, until called with null. */
  always(route: string, spec: S | null): void {
    if (spec === null) this.#always.delete(this.#key(route));
    else this.#always.set(this.#key(route), spec);
  }

  /** The script for this route, consuming a one-shot one first. */
  take(route: string): S | undefined {
    const key = this.#key(route);
    const queue = this.#once.get(key);
    const spec = queue?.shift();
    if (queue?.length === 0) this.#once.delete(key);
    return spec ?? this.#always.get(key);
  }

  clear(): void {
    this.#once.clear();
    this.#always.clear();
  }

  list(): ScriptList<S> {
    return { once: Object.fromEntries(this.#once), always: Object.fromEntries(this.#always) };
  }

  /** The route named in a control body, checked against the routes that may be scripted. */
  route(value: unknown): string {
    const routes = this.#options.routes;
    if (routes !== undefined) {
      if (!routes.includes(value as string)) throw new BadRequest(`route must be one of ${routes.join(", ")}`);
      return value as string;
    }
    if (typeof value !== "string" || value === "") {
      const example = this.#options.example;
      throw new BadRequest(`route is required${example !== undefined ? `, e.g. ${example}` : ""}`);
    }
    return value;
  }

  /** A spec from a control body: only the known fields, each checked for its type. */
  parse(p: Params): S {
    const text = this.#options.text ?? "message";
    const spec: Record<string, unknown> = {};
    const code = optional(p, "code", "number");
    const message = optional(p, text, "string");
    const httpStatus = optional(p, "httpStatus", "number");
    const body = optional(p, "body", "string");
    const delayMs = optional(p, "delayMs", "number");
    const silent = this.#options.silence === true && p.silent === true;
    if (httpStatus !== undefined && (httpStatus < 100 || httpStatus > 599)) throw new BadRequest("httpStatus must be 100-599");
    if (delayMs !== undefined && delayMs < 0) throw new BadRequest("delayMs must not be negative");
    if (body !== undefined) this.#options.checkBody?.(body);
    if (code !== undefined) spec.code = code;
    if (message !== undefined) spec[text] = message;
    if (httpStatus !== undefined) spec.httpStatus = httpStatus;
    if (body !== undefined) spec.body = body;
    if (delayMs !== undefined) spec.delayMs = delayMs;
    if (silent) spec.silent = true;
    if (Object.keys(spec).length === 0) {
      throw new BadRequest(`a script needs code, httpStatus, body${this.#options.silence ? ", silent" : ""} or delayMs`);
    }
    return spec as S;
  }

  #key(route: string): string {
    return this.#options.key?.(route) ?? route;
  }
}
