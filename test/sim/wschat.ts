// A wschat server (seed 002) for tests and demos: one HTTP server with the socket at
// /ws?access_token=<token>, the REST API of the seed (offline messages, groups, invitations,
// notifications) with its status codes and ownership rules (wschat-state.ts), and a /control
// API for tests that can only speak HTTP (wschat-control.ts).
//
// Users are tokens: `tok-<user>` is user <user>; any other token is refused (401 on the
// upgrade and on REST). So every test can be its own user on one shared simulator.
//
// For the tests of "nothing lost, nothing twice", the dropping GET /api/message can be held:
// `holdDrops(true)` parks the next ones unanswered and undone until `releaseDrops(apply)`
// answers them (apply: drop the messages, as the server would have) or abandons them
// (the server never saw them). Scripts and holds can be limited to one user, so that tests
// sharing the simulator do not disturb each other.
//
//   node test/sim/wschat.ts --port 9004 [--log]

import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { WebSocket } from "ws";
import { SocketSim } from "./base.ts";
import type { ConnectionRecord, ReceivedFrame, SocketSimApi } from "./base.ts";
import { BadRequest, type Params } from "./control.ts";
import { cliOptions, listen, readBody, sendJson } from "./http.ts";
import { Hold } from "./hold.ts";
import { isObject, parseLossless } from "./json.ts";
import { ScriptQueue } from "./script.ts";
import { now } from "./wait.ts";
import { WSCHAT_PUSHES, wschatControl } from "./wschat-control.ts";
import { ServerState, tokenOf, userOf, type Group, type Id, type MessageFrame, type Outcome } from "./wschat-state.ts";

export type { Group, Id, Invitation, MessageFrame } from "./wschat-state.ts";
export { tokenOf } from "./wschat-state.ts";
export type { ConnectionRecord, ReceivedFrame } from "./base.ts";

export interface WschatOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Print one line per frame, request and connection. */
  log?: boolean;
}

export interface WschatConnection extends ConnectionRecord {
  /** The token's user; undefined when the upgrade was refused. */
  user: Id | undefined;
}

export interface WschatFrame extends ReceivedFrame {
  /** Who sent it. */
  user: Id;
}

/** One REST request. */
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The caller (from access_token), if the token was accepted. */
  user: Id | undefined;
  /** The body parsed (big integers as digit strings); null when empty or not JSON. */
  body: unknown;
  at: number;
  scripted: boolean;
  /** A dropping offline fetch parked by holdDrops. */
  held: boolean;
  /** Set once answered (absent: unanswered, abandoned or still held). */
  response?: { status: number; body: string; at: number };
}

/** How a test can make a route misbehave (POST /control/script). */
export interface Script {
  httpStatus?: number;
  body?: string;
  delayMs?: number;
  silent?: boolean;
}

/** Params of a pushed message: from another user to `to`, or to `group`'s members. */
export interface MessageParams {
  from?: Id;
  to?: Id;
  group?: Id;
  content?: unknown;
  timestamp?: number;
}

/** The routes a script may name. */
export const SCRIPT_ROUTES = [
  "GET /api/message",
  "GET /api/group",
  "POST /api/group",
  "GET /api/group/{id}",
  "PUT /api/group/{id}",
  "DELETE /api/group/{id}",
  "GET /api/request",
  "POST /api/request",
  "PUT /api/request/{id}",
  "DELETE /api/request/{id}",
  "POST /notification",
] as const;

/** The default sender of pushed messages. */
export const PEER = "u-10002";

export interface WschatSim extends SocketSimApi<WschatConnection, WschatFrame> {
  /** The server's state: groups, invitations, the offline store, blocks; its operations answer as the REST API does. */
  readonly model: ServerState;
  /** REST requests since start or the last reset. */
  readonly requests: readonly ApiRequest[];
  /** A message from another user (default PEER) to `to`, or to `group`'s members. */
  message(p: MessageParams): MessageFrame;
  /** A raw text frame to `to`'s sockets (or everyone's). */
  raw(p: { to?: Id; text: string }): string;
  addGroup(group: Omit<Group, "id"> & { id?: Id }): Group;
  /** `from` (a member) invites `to` into `group`, as POST /api/request would. */
  invite(p: { from: Id; group: Id; to: Id }): Outcome;
  /** Close `user`'s sockets (code 1012); returns how many. */
  disconnect(user: Id): number;
  /** Refuse `user`'s upgrades with this status until called with null. */
  refuseUser(user: Id, status: number | null): void;
  /** Hang every REST request while paused. */
  pause(paused: boolean): void;
  /** Park dropping offline fetches (of `user` only, if given) from now on, or stop parking new ones. */
  holdDrops(on: boolean, user?: Id): void;
  /** Answer the parked fetches (`apply`: drop the messages) or abandon them; returns how many. */
  releaseDrops(apply: boolean): number;
  readonly heldDrops: number;
  /** Answer the next request on `route` (or every one, `always`; of `user` only, if given) this way; null clears a standing one. */
  script(route: (typeof SCRIPT_ROUTES)[number], spec: Script | null, options?: { always?: boolean; user?: Id }): void;
  /** POST /control/script's body (`route`, `user?`, the spec, `always?`, `clear?`) applied. */
  scriptFromControl(p: Params): object;
  waitForHeldDrop(count?: number, timeoutMs?: number): Promise<number>;
  waitForRequest(predicate: (r: ApiRequest) => boolean, since?: number, timeoutMs?: number): Promise<ApiRequest>;
  state(): ReturnType<Wschat["state"]>;
}

interface Held {
  request: ApiRequest;
  user: Id;
  query: URLSearchParams;
  res: ServerResponse;
}

class Wschat extends SocketSim<WschatConnection, WschatFrame> implements WschatSim {
  readonly model: ServerState;
  requests: ApiRequest[] = [];
  protected override readonly pushes = WSCHAT_PUSHES;
  protected override readonly scripts = new ScriptQueue<Script>({ routes: SCRIPT_ROUTES, silence: true });
  readonly #hold = new Hold();
  readonly #seen = new Set<Id>();
  readonly #refused = new Map<Id, number>();
  /** Whose dropping fetches are parked: nobody's (null), everyone's, or these users'. */
  #holdDrops: "everyone" | Set<Id> | null = null;
  #held: Held[] = [];

  constructor(server: Server, host: string, port: number, log: boolean) {
    super(server, { name: "wschat", host, port, path: "/ws", dropCode: 1012, log });
    this.model = new ServerState({ online: (user) => this.sockets((r) => r.user === user).length > 0, seen: () => this.#seen });
  }

  // ---- the socket ------------------------------------------------------------------------

  protected override connection(base: ConnectionRecord): WschatConnection {
    return { ...base, user: userOf(base.query.access_token) };
  }

  protected override admit(record: WschatConnection, req: IncomingMessage): number | null {
    if (record.user === undefined) return 401;
    this.#seen.add(record.user);
    return this.#refused.get(record.user) ?? super.admit(record, req);
  }

  protected frame(_ws: WebSocket, record: WschatConnection, data: Buffer, binary: boolean): void {
    const frame = { ...this.textFrame(data, binary), user: record.user! };
    this.received.push(frame);
    const m = frame.parsed;
    // The seed's client frames; anything else is ignored, as a server that does not understand it would.
    if (!isObject(m)) return;
    if (m.type === "unicast" && m.receiverId !== undefined) this.#apply(this.model.unicast(record.user!, String(m.receiverId), m.content));
    else if (m.type === "multicast" && m.groupId !== undefined) this.#apply(this.model.multicast(record.user!, String(m.groupId), m.content));
  }

  #apply(outcome: Outcome): void {
    for (const { to, frame } of outcome.push ?? [])
      this.sendTo(
        this.sockets((r) => r.user === to),
        JSON.stringify(frame),
      );
    this.waiters.notify();
  }

  // ---- pushes (tests) ----------------------------------------------------------------------

  /** A message from another user, to `to` (private) or to `group`'s members: pushed if they are online, kept offline if not. */
  message(p: MessageParams): MessageFrame {
    const from = String(p.from ?? PEER);
    const content = p.content ?? "hello";
    if (p.group !== undefined) {
      const out = this.model.multicast(from, String(p.group), content, p.timestamp);
      this.#apply(out);
      return out.frame;
    }
    if (p.to === undefined) throw new BadRequest("to or group is required");
    const out = this.model.unicast(from, String(p.to), content, p.timestamp);
    this.#apply(out);
    return out.frame;
  }

  /** Send a raw text frame to `to`'s sockets (or everyone's). */
  raw(p: { to?: Id; text: string }): string {
    this.sendTo(
      this.sockets((r) => p.to === undefined || r.user === p.to),
      p.text,
    );
    return p.text;
  }

  addGroup(group: Omit<Group, "id"> & { id?: Id }): Group {
    return this.model.addGroup(group);
  }

  /** `from` (a member) invites `to` into `group`, as POST /api/request would. */
  invite(p: { from: Id; group: Id; to: Id }): Outcome {
    return this.model.invite(p.from, { groupId: p.group, userId: p.to });
  }

  // ---- misbehaving ----------------------------------------------------------------------------

  disconnect(user: Id): number {
    const sockets = this.sockets((r) => r.user === user);
    for (const ws of sockets) ws.close(1012, "disconnected by the simulator");
    return sockets.length;
  }

  refuseUser(user: Id, status: number | null): void {
    if (status === null) this.#refused.delete(user);
    else this.#refused.set(user, status);
  }

  /** Hang every REST request while paused. */
  pause(paused: boolean): void {
    this.#hold.pause(paused);
  }

  /** Park the dropping offline fetches from now on (true), or stop parking new ones (false). */
  holdDrops(on: boolean, user?: Id): void {
    if (!on) this.#holdDrops = null;
    else if (user === undefined) this.#holdDrops = "everyone";
    else this.#holdDrops = new Set([...(this.#holdDrops instanceof Set ? this.#holdDrops : []), user]);
  }

  #holding(user: Id): boolean {
    return this.#holdDrops === "everyone" || (this.#holdDrops?.has(user) ?? false);
  }

  /** Answer the parked fetches (`apply`: drop the messages) or abandon them; returns how many. */
  releaseDrops(apply: boolean): number {
    const held = this.#held;
    this.#held = [];
    for (const h of held) {
      if (apply) this.#answer(h.request, h.res, this.model.fetchOffline(h.user, h.query));
      else h.res.destroy();
    }
    return held.length;
  }

  get heldDrops(): number {
    return this.#held.length;
  }

  script(route: (typeof SCRIPT_ROUTES)[number], spec: Script | null, options: { always?: boolean; user?: Id } = {}): void {
    const key = scriptKey(route, options.user);
    if (options.always || spec === null) this.scripts.always(key, spec);
    else this.scripts.once(key, spec);
  }

  /** POST /control/script: the shared route's body, plus `user` to script that user's requests only. */
  scriptFromControl(p: Params): object {
    const route = this.scripts.route(p.route) as (typeof SCRIPT_ROUTES)[number];
    const user = p.user === undefined ? undefined : String(p.user);
    const always = p.always === true;
    const spec = always && p.clear === true ? null : this.scripts.parse(p);
    this.script(route, spec, { always, ...(user !== undefined && { user }) });
    return { route, always, spec, ...(user !== undefined && { user }) };
  }

  // ---- REST ---------------------------------------------------------------------------------

  protected override async request(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sim");
    const text = (await readBody(req)).toString("utf8");
    let body: unknown = null;
    try {
      body = text === "" ? null : parseLossless(text);
    } catch {
      // kept as null; the route decides
    }
    const user = userOf(url.searchParams.get("access_token"));
    const route = routeOf(req.method ?? "GET", path);
    const record: ApiRequest = {
      method: req.method ?? "GET",
      path,
      query: Object.fromEntries(url.searchParams),
      user,
      body,
      at: now(),
      scripted: false,
      held: false,
    };
    this.requests.push(record);
    this.print(`${record.method} ${req.url}${text ? ` ${text}` : ""}`);
    this.waiters.notify();

    await this.#hold.whileHeld();
    const script = route ? ((user !== undefined ? this.scripts.take(scriptKey(route.key, user)) : undefined) ?? this.scripts.take(route.key)) : undefined;
    if (script) {
      record.scripted = true;
      if (script.delayMs !== undefined) await this.#hold.sleep(script.delayMs);
      if (script.silent) return void (await this.#hold.sleep(3_600_000));
      if (script.httpStatus !== undefined || script.body !== undefined) {
        return this.#answer(record, res, { status: script.httpStatus ?? 200, body: script.body ?? "" }, true);
      }
    }
    if (!route) return this.#answer(record, res, { status: 404, body: { error: `no route ${record.method} ${path}` } });
    // The push API is for the back end ("消息接口不对前端开放"): it takes no token.
    if (user === undefined && route.key !== "POST /notification")
      return this.#answer(record, res, { status: 401, body: { error: "access_token is missing or not valid" } });
    if (user !== undefined) this.#seen.add(user);

    const q = url.searchParams;
    const id = route.id ?? "";
    const me = user as Id;
    switch (route.key) {
      case "GET /api/message":
        if (this.#holding(me) && (q.get("drop") ?? "true") === "true") {
          record.held = true;
          this.#held.push({ request: record, user: me, query: q, res });
          this.waiters.notify();
          return;
        }
        return this.#answer(record, res, this.model.fetchOffline(me, q));
      case "GET /api/group":
        return this.#answer(record, res, this.model.listGroups(me, q.get("detailed")));
      case "POST /api/group": {
        const out = this.model.createGroup(me, q.get("name"));
        // The new group's id as plain text.
        return this.#answer(record, res, out.status === 200 ? { status: 200, body: String(out.body) } : out, true);
      }
      case "GET /api/group/{id}":
        return this.#answer(record, res, this.model.groupInfo(me, id));
      case "PUT /api/group/{id}":
        return this.#answer(record, res, this.model.renameGroup(me, id, q.get("name")));
      case "DELETE /api/group/{id}":
        return this.#answer(record, res, this.model.deleteFromGroup(me, id, q.get("userId")));
      case "GET /api/request":
        return this.#answer(record, res, this.model.listInvitations(me));
      case "POST /api/request":
        return this.#answer(record, res, this.model.invite(me, body));
      case "PUT /api/request/{id}":
        return this.#answer(record, res, this.model.answerInvitation(me, id, true));
      case "DELETE /api/request/{id}":
        return this.#answer(record, res, this.model.answerInvitation(me, id, false));
      case "POST /notification": {
        const out = this.model.notify(q, body);
        this.#apply(out);
        return this.#answer(record, res, out);
      }
    }
  }

  /** Answers (a string body as text when `plain`, else JSON; undefined: empty) and records it. */
  #answer(record: ApiRequest, res: ServerResponse, outcome: { status: number; body?: unknown }, plain = false): void {
    if (res.destroyed || res.headersSent) return;
    let text = "";
    if (plain && typeof outcome.body === "string") {
      text = outcome.body;
      res.writeHead(outcome.status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
    } else if (outcome.body === undefined) {
      res.writeHead(outcome.status, { "content-length": 0 });
      res.end();
    } else {
      text = JSON.stringify(outcome.body);
      sendJson(res, outcome.status, outcome.body);
    }
    record.response = { status: outcome.status, body: text, at: now() };
    this.print(`  → ${outcome.status} ${text.slice(0, 200)}`);
    this.waiters.notify();
  }

  // ---- control, state -----------------------------------------------------------------------

  protected override controlRoute(route: string, body: Buffer, query: URLSearchParams): unknown {
    return wschatControl(this, route, body, query);
  }

  /** Resolve once `count` dropping fetches are parked. */
  waitForHeldDrop(count = 1, timeoutMs = 10_000): Promise<number> {
    return this.waiters.until(() => (this.#held.length >= count ? this.#held.length : undefined), timeoutMs, `${count} held offline fetch(es)`);
  }

  /** Resolve with the first request after index `since` that passes `predicate`. */
  waitForRequest(predicate: (r: ApiRequest) => boolean, since = 0, timeoutMs = 10_000): Promise<ApiRequest> {
    return this.waiters.until(() => this.requests.slice(since).find(predicate), timeoutMs, "a matching REST request");
  }

  state() {
    return {
      clients: this.clients(),
      received: this.received.length,
      requests: this.requests.length,
      connections: this.connections.length,
      paused: this.#hold.paused,
      holdingDrops: this.#holdDrops instanceof Set ? [...this.#holdDrops] : this.#holdDrops,
      heldDrops: this.#held.length,
      groups: this.model.groups.size,
      invitations: this.model.invitations.size,
      offline: Object.fromEntries([...this.model.offline].map(([user, list]) => [user, list.length])),
      scripts: this.scripts.list(),
      refusing: this.refusing,
    };
  }

  override reset(): void {
    super.reset();
    this.requests = [];
    this.model.reset();
    this.scripts.clear();
    this.#hold.pause(false);
    this.#holdDrops = null;
    this.releaseDrops(false);
    this.#seen.clear();
    this.#refused.clear();
  }

  protected override shutdown(): void {
    this.#hold.close();
    this.releaseDrops(false);
  }
}

/** The key of a script for one user's requests on a route, or for everyone's. */
const scriptKey = (route: string, user?: Id): string => (user === undefined ? route : `${route} as ${user}`);

/** The route's script key and the id in its path, or undefined for no such route. */
function routeOf(method: string, path: string): { key: (typeof SCRIPT_ROUTES)[number]; id?: string } | undefined {
  const one = /^\/api\/(group|request)\/([^/]+)$/.exec(path);
  const key = one ? `${method} /api/${one[1]}/{id}` : `${method} ${path}`;
  if (!(SCRIPT_ROUTES as readonly string[]).includes(key)) return undefined;
  return { key: key as (typeof SCRIPT_ROUTES)[number], ...(one && { id: decodeURIComponent(one[2]!) }) };
}

export async function startWschat(options: WschatOptions = {}): Promise<WschatSim> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  const port = await listen(server, options.port ?? 0, host);
  return new Wschat(server, host, port, options.log ?? false);
}

// Run directly: a standalone server for manual tests and the demo.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(cliOptions(process.argv, "port")[0] ?? 9004);
  const sim = await startWschat({ port, log: process.argv.includes("--log") });
  console.log(`wschat simulator on ${sim.url}?access_token=${tokenOf("me")} (REST and /control at ${sim.httpUrl})`);
}
