// The base every socket simulator is built on: one HTTP server that takes the WebSocket
// upgrade on any path, records every upgrade (and refuses it with a status on demand), keeps
// the open sockets with their records, broadcasts, drops and terminates them, answers the
// shared /control routes, and lets tests wait for what it recorded. A simulator supplies
// only its protocol, through the hooks below.
//
// Building one (base.test.ts has a complete small one: a token checked at the upgrade,
// id-matched replies, scripted answers, a REST route beside the socket, a hung mode; roomim.ts
// is the smallest real one):
//
//   class Chat extends SocketSim<ChatConnection, ChatFrame> {
//     protected override readonly pushes = { kinds: ["message"], field: "sent" };  // POST /control/push/{kind}
//     protected override readonly scripts = new ScriptQueue<Spec>({ ... });      // POST /control/script
//     constructor(server: Server, host: string, port: number, log: boolean) {
//       super(server, { name: "chat", host, port, log, path: "/ws", dropCode: 1012 });
//     }
//     protected override connection(base: ConnectionRecord, req: IncomingMessage): ChatConnection {
//       return { ...base, loggedIn: false };                  // the record's own fields
//     }
//     protected override admit(record: ChatConnection, req: IncomingMessage): number | null {
//       return record.query.access_token === this.token ? super.admit(record, req) : 401;
//     }
//     protected frame(ws: WebSocket, record: ChatConnection, data: Buffer, binary: boolean): void {
//       this.received.push(...);                              // record it, then answer
//       const script = this.scripts.take(kind);               // a scripted answer, if any
//       this.sendTo([ws], reply);
//     }
//     message(p: MessageParams = {}): string { ...; this.broadcast(text); return text; }
//     protected override request(req, res, path): Promise<void> { ... }    // a REST API beside the socket
//     protected override controlRoute(route, body, query): unknown { ... } // its own /control routes
//     state() { return { clients: this.clients(), ... }; }
//     override reset(): void { super.reset(); ...its own state... }
//   }
//   export async function startChat(opts: ChatOptions = {}): Promise<ChatSim> {
//     const server = createServer();
//     const port = await listen(server, opts.port ?? 0, host);
//     return new Chat(server, host, port, opts.log ?? false);
//   }
//
// Public, for tests (SocketSimApi below; a simulator's own interface extends it): url,
// httpUrl, port, connections, received, clients(), drop(code?, reason?), terminate(),
// refuseUpgrades(status | null, { once? }), waitForConnection(n?), waitForFrame(predicate),
// state(), reset(), close().
// Protected, for the simulator: waiters (the base notifies after every hook; notify yourself
// after recording anything else tests wait for, e.g. HTTP requests), sockets(filter?),
// recordOf(ws), sendTo(sockets, data, shown?), broadcast(data), print(line), textFrame(data,
// binary) (the usual ReceivedFrame), refusing; hooks: frame (required), connection, admit,
// opened, closed, closing ("dropped" | "terminated"), request, controlRoute, shutdown (stop
// the simulator's timers on close). hold.ts is a hung upstream (pause, hold requests, resume);
// script.ts the queue of scripted answers; client.ts the tests' socket client, /control
// client and per-file fixture (useSim).
//
// Shared /control routes (control.ts serves them; a simulator's controlRoute() goes first):
//   POST /control/push/{kind}   params of the push method → { [pushes.field]: result }
//   POST /control/drop          { code?, reason?, terminate? } → { dropped }
//   POST /control/terminate     kill every client's TCP connection → { dropped }
//   POST /control/refuse        { status: number | null, once? } → { status }: refuse upgrades
//                               with status until null, or only the next one
//   POST /control/frame         { text } or { hex }: one frame as given to every open socket
//                               → { sockets }
//   POST /control/script        { route, ...spec, always?, clear? } → { route, always, spec }
//   GET  /control/received[?since=n]  → { received: [...] }
//   GET  /control/connections         → { connections: [...] }
//   GET  /control/state               → state()
//   POST /control/reset               → { reset: true }

import { STATUS_CODES } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { createRequire } from "node:module";
import type { RawData, WebSocket } from "ws";
import type * as WsModule from "ws";
import { BadRequest, json, optional, serveControl } from "./control.ts";
import { assertSendableCloseCode, clock, closeServer, flatHeaders, sendJson } from "./http.ts";
import { parseLossless } from "./json.ts";
import type { ScriptQueue } from "./script.ts";
import { now, Waiters } from "./wait.ts";

// Loaded through require: in a test runner's setup, an ESM import of "ws" can resolve to its
// browser stub.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as typeof WsModule;

export interface ConnectionRecord {
  /** Path of the upgrade request, without the query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  at: number;
  open: boolean;
  /** 101 when accepted, else the HTTP status it was refused with. */
  status: number;
}

/** A client frame as most simulators record it. */
export interface ReceivedFrame {
  /** The frame text (binary frames decoded as UTF-8). */
  text: string;
  /** Parsed with 64-bit integers kept as digit strings; null when not JSON. */
  parsed: unknown;
  binary: boolean;
  at: number;
}

export interface SocketSimOptions {
  /** The upstream's name, in log lines and refusal bodies. */
  name: string;
  host: string;
  /** The bound port. */
  port: number;
  /** The path of `url` (any path is accepted). */
  path: string;
  /** The close code drop() sends by default. */
  dropCode: number;
  /** Print one line per frame in and out and per connection. */
  log: boolean;
  /** Whether ws answers client pings by itself (default true). */
  autoPong?: boolean;
}

/** What every socket simulator offers tests (a simulator's own interface extends it). */
export interface SocketSimApi<C extends ConnectionRecord = ConnectionRecord, F = ReceivedFrame> {
  readonly port: number;
  /** ws://host:port{path}; any path is accepted. */
  readonly url: string;
  /** http://host:port: the base of /control and of any HTTP API. */
  readonly httpUrl: string;
  /** Client frames since start or the last reset. */
  readonly received: readonly F[];
  /** Every upgrade since start or the last reset, accepted or refused. */
  readonly connections: readonly C[];
  /** Close every client socket with a close frame; returns how many. */
  drop(code?: number, reason?: string): number;
  /** Kill every client's TCP connection without a close frame; returns how many. */
  terminate(): number;
  /** Refuse upgrades with this HTTP status until called with null (with `once`, only the next one). */
  refuseUpgrades(status: number | null, options?: { once?: boolean }): void;
  waitForFrame(predicate: (frame: F) => boolean, timeoutMs?: number): Promise<F>;
  /** Resolve with the count-th connection accepted since start or the last reset. */
  waitForConnection(count?: number, timeoutMs?: number): Promise<C>;
  /** Open client sockets. */
  clients(): number;
  /** What GET /control/state answers. */
  state(): object;
  /** Clear recordings and the simulator's modes; upgrades accepted. */
  reset(): void;
  close(): Promise<void>;
}

/** POST /control/push/{kind} calls the simulator's method `kind` with the body and answers `{ [field]: result }`. */
export interface PushTable {
  kinds: readonly string[];
  field: string;
}

export abstract class SocketSim<C extends ConnectionRecord = ConnectionRecord, F = ReceivedFrame> implements SocketSimApi<C, F> {
  readonly port: number;
  /** ws://host:port{path}. */
  readonly url: string;
  /** http://host:port, the base of /control (and of any HTTP API). */
  readonly httpUrl: string;
  connections: C[] = [];
  received: F[] = [];

  protected readonly waiters = new Waiters();
  protected readonly name: string;
  /** The push methods /control/push/{kind} may call. */
  protected readonly pushes: PushTable | undefined = undefined;
  /** Scripted answers /control/script feeds. */
  protected readonly scripts: ScriptQueue<object> | undefined = undefined;

  readonly #server: Server;
  readonly #wss: WsModule.WebSocketServer;
  readonly #sockets = new Map<WebSocket, C>();
  readonly #log: boolean;
  readonly #dropCode: number;
  #refuse: number | null = null;
  #refuseOnce = false;

  protected constructor(server: Server, options: SocketSimOptions) {
    this.#server = server;
    this.name = options.name;
    this.port = options.port;
    this.#log = options.log;
    this.#dropCode = options.dropCode;
    this.#wss = new WebSocketServer({ noServer: true, ...(options.autoPong === false && { autoPong: false }) });
    this.httpUrl = `http://${options.host}:${options.port}`;
    this.url = `ws://${options.host}:${options.port}${options.path}`;
    server.on("request", (req, res) => {
      const path = new URL(req.url ?? "/", "http://sim").pathname;
      const fail = (error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      };
      if (path === "/control" || path.startsWith("/control/")) {
        serveControl(req, res, path, (r, body, query) => this.controlRoute(r, body, query) ?? this.#sharedRoute(r, body, query)).catch(fail);
      } else {
        this.request(req, res, path).catch(fail);
      }
    });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#upgrade(req, socket, head));
  }

  // ---- hooks ---------------------------------------------------------------

  /** A client frame on an accepted socket; record it (in `received`) and answer it. */
  protected abstract frame(ws: WebSocket, record: C, data: Buffer, binary: boolean): void;

  /** What /control/state answers. */
  abstract state(): object;

  /** The record of a new upgrade, with the simulator's own fields. */
  protected connection(base: ConnectionRecord, _req: IncomingMessage): C {
    return base as C;
  }

  /** The status to refuse this upgrade with, or null to accept it (a refusal set for once is used up). */
  protected admit(_record: C, _req: IncomingMessage): number | null {
    const status = this.#refuse;
    if (this.#refuseOnce) this.refuseUpgrades(null);
    return status;
  }

  /** A socket was accepted (after it is recorded as open). */
  protected opened(_ws: WebSocket, _record: C): void {}

  /** A socket closed (after it is recorded as closed). */
  protected closed(_ws: WebSocket, _record: C, _code: number, _reason: string): void {}

  /** The server is about to close a socket: "dropped" (close frame) or "terminated" (TCP). */
  protected closing(_ws: WebSocket, _record: C, _why: "dropped" | "terminated"): void {}

  /** An HTTP request outside /control. */
  protected async request(_req: IncomingMessage, res: ServerResponse, _path: string): Promise<void> {
    sendJson(res, 426, { error: `${this.name} simulator: connect with a WebSocket upgrade, or use /control` });
  }

  /** The simulator's own /control routes, tried before the shared ones; undefined for no match. */
  protected controlRoute(_route: string, _body: Buffer, _query: URLSearchParams): unknown {
    return undefined;
  }

  // ---- socket control ------------------------------------------------------

  /** Close every client socket with a close frame; returns how many. */
  drop(code = this.#dropCode, reason = ""): number {
    assertSendableCloseCode(code);
    const open = this.#open();
    for (const [ws, record] of open) {
      this.closing(ws, record, "dropped");
      ws.close(code, reason);
    }
    return open.length;
  }

  /** Kill every client's TCP connection without a close frame; returns how many. */
  terminate(): number {
    const open = this.#open();
    for (const [ws, record] of open) {
      this.closing(ws, record, "terminated");
      ws.terminate();
    }
    return open.length;
  }

  /** Refuse upgrades with this HTTP status until called with null (with `once`, only the next one). */
  refuseUpgrades(status: number | null, options: { once?: boolean } = {}): void {
    this.#refuse = status;
    this.#refuseOnce = status !== null && options.once === true;
  }

  /** The status upgrades are refused with, or null. */
  get refusing(): number | null {
    return this.#refuse;
  }

  // ---- observation ---------------------------------------------------------

  waitForFrame(predicate: (frame: F) => boolean, timeoutMs = 5000): Promise<F> {
    return this.waiters.until(() => this.received.find(predicate), timeoutMs, "a matching client frame");
  }

  /** Resolve with the count-th connection accepted since start or the last reset. */
  waitForConnection(count = 1, timeoutMs = 5000): Promise<C> {
    return this.waiters.until(() => this.connections.filter((c) => c.status === 101)[count - 1], timeoutMs, `connection #${count}`);
  }

  /** Open client sockets. */
  clients(): number {
    return this.#open().length;
  }

  /** Clear the recordings; upgrades accepted. Simulators extend it with their own state. */
  reset(): void {
    this.connections = [];
    this.received = [];
    this.refuseUpgrades(null);
  }

  /** Kill every socket and stop listening. */
  async close(): Promise<void> {
    for (const ws of this.#sockets.keys()) ws.terminate();
    this.shutdown();
    this.#wss.close();
    await closeServer(this.#server);
  }

  /** Stop the simulator's own timers; called by close(). */
  protected shutdown(): void {}

  // ---- for simulators ------------------------------------------------------

  /** Open sockets (in the order they connected) whose record passes `filter`. */
  protected sockets(filter: (record: C) => boolean = () => true): WebSocket[] {
    return this.#open()
      .filter(([, record]) => filter(record))
      .map(([ws]) => ws);
  }

  /** The record of an accepted socket. */
  protected recordOf(ws: WebSocket): C | undefined {
    return this.#sockets.get(ws);
  }

  /** Send to these sockets and log it (`shown`: how the log line shows binary data). */
  protected sendTo(sockets: readonly WebSocket[], data: string | Uint8Array, shown?: () => string): void {
    for (const ws of sockets) ws.send(data);
    if (!this.#log) return;
    this.print(`out ${shown ? shown() : typeof data === "string" ? data : `(binary, ${data.byteLength} bytes)`}`);
  }

  /** Send to every open socket. */
  protected broadcast(data: string | Uint8Array): void {
    this.sendTo(this.sockets(), data);
  }

  /** The usual record of a client frame: JSON text parsed losslessly, binary left unparsed. */
  protected textFrame(data: Buffer, binary: boolean): ReceivedFrame {
    const text = data.toString("utf8");
    let parsed: unknown = null;
    if (!binary) {
      try {
        parsed = parseLossless(text);
      } catch {
        // Not JSON: recorded anyway.
      }
    }
    return { text, parsed, binary, at: now() };
  }

  protected print(line: string): void {
    if (this.#log) console.log(`${clock()} ${this.name} ${line}`);
  }

  // ---- internals -----------------------------------------------------------

  #open(): [WebSocket, C][] {
    return [...this.#sockets].filter(([ws]) => ws.readyState === 1 /* OPEN */);
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://sim");
    const record = this.connection(
      { path: url.pathname, query: Object.fromEntries(url.searchParams), headers: flatHeaders(req.headers), at: now(), open: false, status: 101 },
      req,
    );
    this.connections.push(record);
    socket.on("error", () => {});
    const refuse = this.admit(record, req);
    if (refuse !== null) {
      record.status = refuse;
      this.print(`refused upgrade ${req.url} with ${refuse}`);
      const body = `refused by the ${this.name} simulator\n`;
      socket.end(
        `HTTP/1.1 ${refuse} ${STATUS_CODES[refuse] ?? "Refused"}\r\n` +
          `content-type: text/plain\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
      );
      this.waiters.notify();
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      record.open = true;
      this.#sockets.set(ws, record);
      this.print(`connected ${req.url} (${this.#sockets.size} open)`);
      ws.on("message", (data, binary) => {
        const bytes = toBuffer(data);
        this.print(`in  ${binary ? "(binary) " : ""}${bytes.toString("utf8")}`);
        this.frame(ws, record, bytes, binary);
        this.waiters.notify();
      });
      ws.on("close", (code, reason) => {
        record.open = false;
        this.#sockets.delete(ws);
        this.print(`closed ${code} ${reason.toString()} (${this.#sockets.size} open)`);
        this.closed(ws, record, code, reason.toString());
        this.waiters.notify();
      });
      ws.on("error", () => {});
      this.opened(ws, record);
      this.waiters.notify();
    });
  }

  #sharedRoute(route: string, body: Buffer, query: URLSearchParams): unknown {
    const push = /^POST \/control\/push\/([A-Za-z]+)$/.exec(route)?.[1];
    if (push !== undefined && this.pushes !== undefined) {
      const { kinds, field } = this.pushes;
      if (!kinds.includes(push)) throw new BadRequest(`unknown push kind "${push}"; one of ${kinds.join(", ")}`);
      const method = (this as unknown as Record<string, (p: object) => unknown>)[push];
      if (typeof method !== "function") throw new Error(`${this.name} simulator has no push method ${push}`);
      return { [field]: method.call(this, json(body)) };
    }
    switch (route) {
      case "POST /control/drop": {
        const p = json(body);
        const dropped = p.terminate === true ? this.terminate() : this.drop(optional(p, "code", "number"), optional(p, "reason", "string"));
        return { dropped };
      }
      case "POST /control/terminate":
        return { dropped: this.terminate() };
      case "POST /control/refuse": {
        const p = json(body);
        const status = p.status ?? null;
        if (status !== null && (typeof status !== "number" || status < 200 || status > 599)) {
          throw new BadRequest("status must be an HTTP status (200-599) or null");
        }
        const once = p.once === true;
        this.refuseUpgrades(status, { once });
        return once ? { status, once } : { status };
      }
      case "POST /control/frame": {
        const p = json(body);
        const text = optional(p, "text", "string");
        const hex = optional(p, "hex", "string");
        if ((text === undefined) === (hex === undefined)) throw new BadRequest("give text or hex");
        if (hex !== undefined && !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new BadRequest("hex must be pairs of hex digits");
        const sockets = this.sockets();
        this.sendTo(sockets, text ?? Buffer.from(hex ?? "", "hex"));
        return { sockets: sockets.length };
      }
      case "POST /control/script":
        return this.scripts === undefined ? undefined : scriptRoute(this.scripts, json(body));
      case "GET /control/received":
        return { received: this.received.slice(Number(query.get("since") ?? 0)) };
      case "GET /control/connections":
        return { connections: this.connections };
      case "GET /control/state":
        return this.state();
      case "POST /control/reset":
        this.reset();
        return { reset: true };
      default:
        return undefined;
    }
  }
}

/** { route, ...spec, always?, clear? }: script one request on route, or every one, or stop. */
function scriptRoute(scripts: ScriptQueue<object>, p: Record<string, unknown>): unknown {
  const route = scripts.route(p.route);
  const always = p.always === true;
  if (always && p.clear === true) {
    scripts.always(route, null);
    return { route, always, spec: null };
  }
  const spec = scripts.parse(p);
  if (always) scripts.always(route, spec);
  else scripts.once(route, spec);
  return { route, always, spec };
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : (data as Buffer);
}
