// A 68chat automation client (seed 001) for tests and demos: its WebSocket (any path; the real
// one listens on ws://127.0.0.1:5600), its side HTTP API on the same port (the real one is on
// 5598: give it as `upstream.api`), and an HTTP control API under /control (chat68-control.ts).
//
// On connect it greets with {"message":"Hello"}; requests are answered with their own `id`
// (chat68-client.ts); a send is answered, then confirmed by a msgListPropertyUpdate after
// `resultDelayMs` and echoed as our own msgNew (isSelf), as the origin's examples show.
//
//   node test/sim/chat68.ts --port 9005

import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { WebSocket } from "ws";
import { SocketSim } from "./base.ts";
import type { ConnectionRecord, ReceivedFrame, SocketSimApi } from "./base.ts";
import { Chat68Client } from "./chat68-client.ts";
import type { ScriptSpec, SentRecord } from "./chat68-client.ts";
import { CHAT68_PUSHES, chat68Control } from "./chat68-control.ts";
import * as frames from "./chat68-frames.ts";
import type { Frame } from "./chat68-frames.ts";
import { cliOptions, listen, readBody } from "./http.ts";
import { idText } from "./json.ts";
import type { IdLike } from "./json.ts";
import type { ScriptList } from "./script.ts";
import { now } from "./wait.ts";

export type { ConnectionRecord, ReceivedFrame } from "./base.ts";
export type { ScriptSpec, SentRecord } from "./chat68-client.ts";
export { GROUP, HOST, FRIEND, SELF, BIG_GROUP } from "./chat68-frames.ts";

export interface Chat68Options {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Print one line per frame in and out, per connection and per side API request. */
  log?: boolean;
}

export interface MessageParams {
  chat?: "group" | "friend";
  /** The group, or the friend on the other side. Default: the seed's group, or its Pwgen. */
  chatId?: IdLike;
  from?: { uid: IdLike; nickName: string };
  msgType?: number;
  content?: string;
  isSelf?: boolean;
  atUids?: IdLike[];
  msgId?: IdLike;
  customMsgId?: string;
  time?: number;
}

export interface RecallParams {
  /** Default: the last message pushed. */
  msgId?: IdLike;
  /** Default: the account itself. */
  target?: IdLike;
  time?: number;
}

export interface GroupParams {
  groupId?: IdLike;
  on?: boolean;
  values?: Record<string, unknown>;
}

export interface SideRequest {
  method: string;
  path: string;
  body: string;
  status: number;
  at: number;
}

export interface Chat68Sim extends SocketSimApi<ConnectionRecord, ReceivedFrame> {
  readonly client: Chat68Client;
  readonly requests: readonly SideRequest[];
  /** Each push builds a frame, sends it to every open client and returns its text. */
  message(p?: MessageParams): string;
  recall(p?: RecallParams): string;
  groupUpdate(p?: GroupParams): string;
  shutupAll(p?: GroupParams): string;
  readCancel(p?: GroupParams): string;
  raw(text: string): string;
  binary(bytes: Uint8Array): Uint8Array;
  /** Whether new sockets are greeted (default true). */
  greet(on: boolean): void;
  script(route: string, spec: ScriptSpec, always?: boolean): void;
  sent(): readonly SentRecord[];
  state(): {
    clients: number;
    received: number;
    connections: number;
    greet: boolean;
    sent: number;
    deleted: number;
    restarts: number;
    scripts: ScriptList<ScriptSpec>;
  };
}

class Chat68 extends SocketSim implements Chat68Sim {
  readonly client = new Chat68Client();
  requests: SideRequest[] = [];
  protected override readonly pushes = CHAT68_PUSHES;
  protected override readonly scripts = this.client.scripts;

  #greet = true;
  #lastMessage: string | undefined;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(server: Server, host: string, port: number, log: boolean) {
    super(server, { name: "chat68", host, port, path: "/", dropCode: 1001, log });
  }

  // ---- pushes --------------------------------------------------------------------------------

  message(p: MessageParams = {}): string {
    const chat = p.chat ?? "group";
    const chatId = idText(p.chatId ?? (chat === "group" ? frames.GROUP : frames.HOST.uid));
    const msgId = idText(p.msgId ?? this.client.nextMessageId());
    const customMsgId = p.customMsgId ?? String(10_000_000_000 + Math.floor(Math.random() * 89_999_999_999));
    const from = p.from ?? (p.isSelf ? this.client.self : frames.HOST);
    const group = this.client.groups.get(chatId);
    this.client.remember(msgId, { chat, chatId, customMsgId });
    this.#lastMessage = msgId;
    return this.#push(
      frames.msgNew({
        chat,
        chatId,
        from,
        msgType: p.msgType ?? 0,
        content: p.content ?? "hhh",
        msgId,
        customMsgId,
        time: p.time ?? Date.now(),
        isSelf: p.isSelf ?? false,
        ...(group && { groupName: group.name }),
        ...(p.atUids && { atUids: p.atUids }),
      }),
    );
  }

  recall(p: RecallParams = {}): string {
    const msgId = p.msgId !== undefined ? idText(p.msgId) : this.#lastMessage;
    if (msgId === undefined) throw new Error("recall: no msgId given and no message pushed yet");
    this.client.messages.delete(msgId);
    return this.#push(frames.recalled(msgId, p.target ?? this.client.self.uid, p.time ?? Date.now()));
  }

  groupUpdate(p: GroupParams = {}): string {
    return this.#push(frames.groupUpdate(p.groupId ?? frames.GROUP, p.values ?? { name: "新的群名" }));
  }

  shutupAll(p: GroupParams = {}): string {
    return this.#push(frames.shutupAll(p.groupId ?? frames.GROUP, p.on ?? true, Date.now()));
  }

  readCancel(p: GroupParams = {}): string {
    return this.#push(frames.readCancel(p.groupId ?? frames.GROUP, p.on ?? true, Date.now()));
  }

  raw(text: string): string {
    this.broadcast(text);
    return text;
  }

  binary(bytes: Uint8Array): Uint8Array {
    this.broadcast(bytes);
    return bytes;
  }

  // ---- control -------------------------------------------------------------------------------

  greet(on: boolean): void {
    this.#greet = on;
  }

  script(route: string, spec: ScriptSpec, always = false): void {
    const queue = this.client.scripts;
    queue.route(route);
    if (always) queue.always(route, spec);
    else queue.once(route, spec);
  }

  sent(): readonly SentRecord[] {
    return this.client.sent;
  }

  state() {
    return {
      clients: this.clients(),
      received: this.received.length,
      connections: this.connections.length,
      greet: this.#greet,
      sent: this.client.sent.length,
      deleted: this.client.deleted.length,
      restarts: this.client.restarts,
      scripts: this.client.scripts.list(),
    };
  }

  override reset(): void {
    super.reset();
    this.#cancelTimers();
    this.client.reset();
    this.requests = [];
    this.#greet = true;
    this.#lastMessage = undefined;
  }

  protected override shutdown(): void {
    this.#cancelTimers();
  }

  protected override controlRoute(route: string, body: Buffer, query: URLSearchParams): unknown {
    return chat68Control(this, route, body, query);
  }

  // ---- the socket and the side API -----------------------------------------------------------

  protected override opened(ws: WebSocket): void {
    if (this.#greet) this.sendTo([ws], frames.encode(frames.greeting()));
  }

  protected frame(ws: WebSocket, _record: ConnectionRecord, data: Buffer, binary: boolean): void {
    const frame = this.textFrame(data, binary);
    this.received.push(frame);
    if (binary) return;
    for (const { text, delayMs } of this.client.onFrame(frame.text)) this.#later(delayMs, () => this.sendTo([ws], text), ws);
  }

  protected override async request(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = (await readBody(req)).toString("utf8");
    const method = req.method ?? "GET";
    const answer = this.client.onSideRequest(method, path, body);
    const record: SideRequest = { method, path, body, status: answer?.status ?? 0, at: now() };
    this.requests.push(record);
    this.print(`api ${method} ${path} ${body} → ${answer ? `${answer.status} ${answer.body}` : "(silent)"}`);
    this.waiters.notify();
    if (answer === null) return; // silent: held until the client gives up or the simulator closes
    if (answer.delayMs > 0) await new Promise((resolve) => this.#later(answer.delayMs, () => resolve(undefined)));
    res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(answer.body) });
    res.end(answer.body);
  }

  // ---- internals -----------------------------------------------------------------------------

  #push(frame: Frame): string {
    const text = frames.encode(frame);
    this.broadcast(text);
    return text;
  }

  /** Run `fn` after `ms` (at once for 0), unless the simulator resets or the socket closed. */
  #later(ms: number, fn: () => void, ws?: WebSocket): void {
    const run = () => {
      if (ws === undefined || ws.readyState === 1 /* OPEN */) fn();
    };
    if (ms <= 0) return run();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  #cancelTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

export async function startChat68(opts: Chat68Options = {}): Promise<Chat68Sim> {
  const host = opts.host ?? "127.0.0.1";
  const server = createServer();
  const port = await listen(server, opts.port ?? 0, host);
  return new Chat68(server, host, port, opts.log ?? false);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const port = Number(cliOptions(argv, "port")[0] ?? 9005);
  const sim = await startChat68({ port, log: true });
  console.log(`chat68 simulator on ${sim.url} (side API and control: ${sim.httpUrl})`);
}
