// An oicq daemon (seed 000, SalimTerryLi/oicq_webd) for tests and demos: one HTTP server
// that upgrades to the event WebSocket on any path (no auth), answers the daemon's HTTP
// action API on the same host and port (see oicq-api.ts), and serves an HTTP control API
// under /control (see oicq-control.ts) for tests that can only speak HTTP.
//
// Keep-alive is the daemon's: a protocol ping to every client each `pingIntervalMs`
// (3 s), and a client that has not answered the previous ping by the next tick is
// terminated. Client frames are recorded and otherwise ignored, as the daemon does.
//
//   node test/sim/oicq.ts --port 8888 [--self-id 2488351734] [--ping-interval 3000]

import { createServer, STATUS_CODES } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { createRequire } from "node:module";
import type { RawData, WebSocket } from "ws";
import type * as WsModule from "ws";

// Loaded through require: in a test runner's setup, an ESM import of "ws" can resolve to its
// browser stub.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as typeof WsModule;
import { clock, closeServer, cliOptions, flatHeaders, listen, readBody, sendJson, assertSendableCloseCode } from "./http.ts";
import { parseLossless } from "./json.ts";
import { ActionApi, scripted } from "./oicq-api.ts";
import type { Answer, ScriptSpec } from "./oicq-api.ts";
import { handleControl } from "./oicq-control.ts";
import * as frames from "./oicq-frames.ts";
import type { Frame, MsgData, Reply } from "./oicq-frames.ts";
import { ANONYMOUS, DaemonState, DEFAULT_SELF_ID, FRIEND, FRIEND_2, GROUP, GROUP_2, STRANGER } from "./oicq-state.ts";
import type { SentMessage } from "./oicq-state.ts";
import type {
  AdminParams,
  ContentParams,
  FriendParams,
  FriendRequestParams,
  GroupInviteParams,
  GroupJoinedParams,
  GroupLeftParams,
  GroupMessageParams,
  JoinRequestParams,
  MemberJoinedParams,
  MemberLeftParams,
  MuteParams,
  PrivateMessageParams,
  RevokeParams,
} from "./oicq-params.ts";
import { now, Waiters } from "./wait.ts";

export type { Element, Reply } from "./oicq-frames.ts";
export type * from "./oicq-params.ts";
export type { ScriptSpec } from "./oicq-api.ts";
export type { SentMessage } from "./oicq-state.ts";
export { el } from "./oicq-frames.ts";
export { ANONYMOUS, DEFAULT_SELF_ID, FRIEND, FRIEND_2, GROUP, GROUP_2, STRANGER } from "./oicq-state.ts";

/** QQ number of the default new contact (friend request, join request, new member). */
export const NEWCOMER = 3398741520;
/** The group of the default invite and groupJoined. */
export const NEW_GROUP = 951357846;
/** What oicq reports as the duration of a whole-group mute. */
export const WHOLE_GROUP_MUTE = 0xffffffff;

export interface OicqOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The logged-in QQ account (digits). */
  selfId?: string;
  /** Protocol ping interval; the daemon's is 3000. */
  pingIntervalMs?: number;
  /** Print one line per packet, request and connection. */
  log?: boolean;
}

export interface ReceivedFrame {
  /** The frame text (binary frames decoded as UTF-8). */
  text: string;
  /** Parsed with 64-bit integers kept as digit strings; null when not JSON. */
  parsed: unknown;
  binary: boolean;
  at: number;
}

export interface ConnectionRecord {
  /** Path of the upgrade request, without the query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  at: number;
  open: boolean;
  /** 101 when accepted, else the HTTP status it was refused with. */
  status: number;
  /** Pings the sim sent, pongs it got back, pings the client sent. */
  pings: number;
  pongs: number;
  clientPings: number;
  /** Set when the socket closed. */
  closedAt?: number;
  closeCode?: number;
}

/** A client the ping rule terminated (no pong to the previous ping by the next tick). */
export interface Termination {
  at: number;
  path: string;
  /** Index into `connections`. */
  connection: number;
  pings: number;
  pongs: number;
}

/** One request to the action API. */
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The body parsed with big integers kept as digit strings; null when empty or not JSON. */
  body: unknown;
  text: string;
  at: number;
  /** Answered from a script rather than the route. */
  scripted: boolean;
  /** Set once answered. */
  response?: { status: number; body: string; at: number };
}

export interface OicqState {
  clients: number;
  received: number;
  requests: number;
  connections: number;
  terminations: number;
  sent: number;
  paused: boolean;
  pinging: boolean;
  refuse: number | null;
  pingIntervalMs: number;
  scripts: ReturnType<ActionApi["scripts"]>;
}

export interface OicqSim {
  readonly port: number;
  /** ws://host:port/ (any path is accepted). */
  readonly url: string;
  /** http://host:port: the action API and the /control API. */
  readonly httpUrl: string;
  readonly selfId: string;
  readonly pingIntervalMs: number;
  readonly received: readonly ReceivedFrame[];
  readonly requests: readonly ApiRequest[];
  readonly connections: readonly ConnectionRecord[];
  readonly terminations: readonly Termination[];
  /** Messages sent through sendMsg/private and sendMsg/group. */
  readonly sent: readonly SentMessage[];

  /** Each push builds a packet, sends it to every open client and returns its text. */
  privateMessage(params?: PrivateMessageParams): string;
  groupMessage(params?: GroupMessageParams): string;
  revoke(params?: RevokeParams): string;
  online(): string;
  offline(): string;
  newFriendRequest(params?: FriendRequestParams): string;
  groupInvite(params?: GroupInviteParams): string;
  friendAdded(params?: FriendParams): string;
  friendRemoved(params?: FriendParams): string;
  groupJoined(params?: GroupJoinedParams): string;
  groupLeft(params?: GroupLeftParams): string;
  joinRequest(params?: JoinRequestParams): string;
  mute(params?: MuteParams): string;
  admin(params?: AdminParams): string;
  memberJoined(params?: MemberJoinedParams): string;
  memberLeft(params?: MemberLeftParams): string;
  raw(text: string): string;
  binary(bytes: Uint8Array): Uint8Array;

  /** Close every client socket with a close frame (default 1001, the daemon's on shutdown); returns how many. */
  drop(code?: number, reason?: string): number;
  /** Kill every client's TCP connection without a close frame; returns how many. */
  terminate(): number;
  /**
   * A hung daemon: no pings, no pongs, action API requests held until resumed (the control
   * API still answers); TCP stays open. Pushes the test makes still go out.
   */
  pause(paused: boolean): void;
  /** Stop (or resume) sending pings, and with them the terminations. */
  stopPinging(stopped: boolean): void;
  /** Refuse upgrades with this HTTP status until called with null. */
  refuseUpgrades(status: number | null): void;
  /** Answer the next request on `route` (e.g. "sendMsg/group") this way. */
  script(route: string, spec: ScriptSpec): void;
  /** Answer every request on `route` this way, until called with null. */
  scriptAlways(route: string, spec: ScriptSpec | null): void;

  waitForRequest(predicate: (request: ApiRequest) => boolean, timeoutMs?: number): Promise<ApiRequest>;
  /** Resolve with the count-th connection accepted since start or the last reset. */
  waitForConnection(count?: number, timeoutMs?: number): Promise<ConnectionRecord>;
  waitForTermination(count?: number, timeoutMs?: number): Promise<Termination>;
  /** Open client sockets. */
  clients(): number;
  state(): OicqState;
  /** Clear recordings and scripts, restore the fixtures; resume, ping, accept upgrades. */
  reset(): void;
  close(): Promise<void>;
}

interface Subscriber {
  record: ConnectionRecord;
  index: number;
  alive: boolean;
}

class Oicq implements OicqSim {
  readonly port: number;
  readonly url: string;
  readonly httpUrl: string;
  readonly selfId: string;
  readonly pingIntervalMs: number;
  readonly daemon: DaemonState;
  received: ReceivedFrame[] = [];
  requests: ApiRequest[] = [];
  connections: ConnectionRecord[] = [];
  terminations: Termination[] = [];

  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true, autoPong: false });
  /** Subscribers in the order they connected (the daemon's list). */
  readonly #subscribers = new Map<WebSocket, Subscriber>();
  readonly #api: ActionApi;
  readonly #waiters = new Waiters();
  readonly #log: boolean;
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #paused = false;
  #pinging = true;
  #refuse: number | null = null;
  #held: (() => void)[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #lastPushed: string | undefined;
  #closed = false;

  constructor(server: Server, host: string, port: number, selfId: string, pingIntervalMs: number, log: boolean) {
    this.#server = server;
    this.port = port;
    this.selfId = selfId;
    this.pingIntervalMs = pingIntervalMs;
    this.#log = log;
    this.httpUrl = `http://${host}:${port}`;
    this.url = `ws://${host}:${port}/`;
    this.daemon = new DaemonState(Number(selfId));
    this.#api = new ActionApi(this);
    server.on("request", (req, res) => {
      const path = new URL(req.url ?? "/", "http://sim").pathname;
      if (path === "/control" || path.startsWith("/control/")) {
        handleControl(this, req, res, path).catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
      } else {
        this.#action(req, res, path).catch((error: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: String(error) });
        });
      }
    });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#upgrade(req, socket, head));
  }

  get sent(): readonly SentMessage[] {
    return this.daemon.sent;
  }

  // ---- pushes ------------------------------------------------------------

  privateMessage(p: PrivateMessageParams = {}): string {
    const d = this.daemon;
    const via = p.refChannel !== undefined && p.refChannel !== 0 ? p.refChannel : undefined;
    const channel = p.channel ?? (via !== undefined ? STRANGER : FRIEND);
    const sender = p.sender ?? channel;
    const time = p.time ?? frames.seconds();
    const content = this.#content(p, "在吗？周五的评审改到下午三点了");
    const data: MsgData = {
      type: "private",
      time,
      known: via === undefined,
      channel,
      channel_name: p.channelName ?? d.peerName(channel, via),
      sender,
      sender_nick: p.senderNick ?? (via !== undefined ? d.memberName(via, sender) : d.peerName(sender)),
      ref_channel: via ?? 0,
      ref_channel_name: via !== undefined ? (p.refChannelName ?? d.groupName(via)) : "",
      msgID: p.msgID ?? d.issueMsgID(time),
      msgContent: content,
      msgString: p.msgString ?? frames.msgString(content),
      ...this.#reply(p.reply, "private", channel),
    };
    return this.#pushMessage(data);
  }

  groupMessage(p: GroupMessageParams = {}): string {
    const d = this.daemon;
    const channel = p.channel ?? GROUP;
    const anonymous = p.anonymous === true ? {} : p.anonymous || undefined;
    const sender = anonymous ? (anonymous.id ?? ANONYMOUS.id) : (p.sender ?? FRIEND_2);
    const time = p.time ?? frames.seconds();
    const content = this.#content(p, "大家好，今晚八点线上过一下发布清单");
    const data: MsgData = {
      type: "group",
      time,
      known: !anonymous,
      channel,
      channel_name: p.channelName ?? d.groupName(channel),
      sender,
      sender_nick: p.senderNick ?? (anonymous ? (anonymous.name ?? ANONYMOUS.name) : d.memberName(channel, sender)),
      ref_channel: 0,
      ref_channel_name: "",
      msgID: p.msgID ?? d.issueMsgID(time),
      msgContent: content,
      msgString: p.msgString ?? frames.msgString(content),
      ...this.#reply(p.reply, "group", channel),
    };
    return this.#pushMessage(data);
  }

  revoke(p: RevokeParams = {}): string {
    const d = this.daemon;
    const msgID = p.msgID ?? this.#lastPushed ?? d.issueMsgID(frames.seconds() - 30);
    const m = d.messages.find((x) => x.msgID === msgID);
    const type = p.type ?? m?.type ?? "private";
    let channel: number;
    if (p.channel !== undefined) channel = p.channel;
    else if (type === "group") channel = m?.channel ?? GROUP;
    else if (!m) channel = p.known === false ? -1 : 0;
    else if (m.known) channel = 0;
    else channel = m.ref_channel !== 0 ? m.ref_channel : d.sourceGroupOf(m.channel);
    const frame = frames.revoke({
      type,
      time: p.time ?? frames.seconds(),
      revoker: p.revoker ?? m?.sender ?? (type === "group" ? FRIEND_2 : FRIEND),
      channel,
      known: p.known ?? m?.known ?? true,
      msgID,
    });
    d.revocable.delete(msgID);
    return this.#push(frame);
  }

  online(): string {
    return this.#push(frames.online());
  }

  offline(): string {
    return this.#push(frames.offline());
  }

  newFriendRequest(p: FriendRequestParams = {}): string {
    const who = p.who ?? NEWCOMER;
    return this.#push(
      frames.newFriendRequest({
        who,
        nick: p.nick ?? "刘洋",
        source: p.source ?? "QQ号查找",
        comment: p.comment ?? "我是刘洋，项目组的",
        eventID: p.eventID ?? frames.packEventID(who, this.daemon.nextSeq()),
      }),
    );
  }

  groupInvite(p: GroupInviteParams = {}): string {
    const group = p.group ?? NEW_GROUP;
    return this.#push(
      frames.groupInvite({
        group,
        groupName: p.groupName ?? "产品讨论组",
        inviter: p.inviter ?? FRIEND,
        eventID: p.eventID ?? frames.packEventID(group, this.daemon.nextSeq()),
      }),
    );
  }

  friendAdded(p: FriendParams = {}): string {
    const who = p.who ?? NEWCOMER;
    const nick = p.nick ?? "刘洋";
    this.daemon.addFriend(who, nick);
    return this.#push(frames.friendAdded({ who, nick }));
  }

  friendRemoved(p: FriendParams = {}): string {
    const who = p.who ?? FRIEND_2;
    const nick = p.nick ?? this.daemon.friend(who)?.nickname ?? `QQ${who}`;
    this.daemon.removeFriend(who);
    return this.#push(frames.friendRemoved({ who, nick }));
  }

  groupJoined(p: GroupJoinedParams = {}): string {
    const which = p.which ?? NEW_GROUP;
    const name = p.name ?? this.daemon.group(which)?.name ?? "产品讨论组";
    this.daemon.addGroup(which, name);
    return this.#push(frames.groupJoined({ name, which }));
  }

  groupLeft(p: GroupLeftParams = {}): string {
    const which = p.which ?? GROUP_2;
    const name = p.name ?? this.daemon.groupName(which);
    this.daemon.removeGroup(which);
    return this.#push(frames.groupLeft({ which, name, operator: p.operator ?? 0 }));
  }

  joinRequest(p: JoinRequestParams = {}): string {
    const who = p.who ?? NEWCOMER;
    return this.#push(
      frames.joinRequest({
        who,
        group: p.group ?? GROUP,
        comment: p.comment ?? "问题：从哪里了解到本群？答案：朋友推荐",
        inviter: p.inviter ?? 0,
        eventID: p.eventID ?? frames.packEventID(who, this.daemon.nextSeq()),
      }),
    );
  }

  mute(p: MuteParams = {}): string {
    const who = p.who ?? STRANGER;
    return this.#push(
      frames.mute({
        who,
        group: p.group ?? GROUP,
        operator: p.operator ?? FRIEND,
        duration: p.duration ?? (who === 0 ? WHOLE_GROUP_MUTE : 600),
      }),
    );
  }

  admin(p: AdminParams = {}): string {
    const who = p.who ?? STRANGER;
    const group = p.group ?? GROUP;
    const status = p.status ?? true;
    this.daemon.setRole(group, who, status);
    return this.#push(frames.admin({ who, group, status }));
  }

  memberJoined(p: MemberJoinedParams = {}): string {
    const who = p.who ?? NEWCOMER;
    const nick = p.nick ?? "刘洋";
    const group = p.group ?? GROUP;
    this.daemon.addMember(group, who, nick);
    return this.#push(frames.memberJoined({ who, nick, group, group_name: p.groupName ?? this.daemon.groupName(group) }));
  }

  memberLeft(p: MemberLeftParams = {}): string {
    const who = p.who ?? STRANGER;
    const group = p.group ?? GROUP;
    const groupName = p.groupName ?? this.daemon.groupName(group);
    this.daemon.removeMember(group, who);
    return this.#push(
      frames.memberLeft({
        who,
        ...(p.nick !== undefined && { nick: p.nick }),
        group,
        group_name: groupName,
        operator: p.operator ?? 0,
      }),
    );
  }

  raw(text: string): string {
    this.#broadcast(text);
    return text;
  }

  binary(bytes: Uint8Array): Uint8Array {
    this.#broadcast(bytes);
    return bytes;
  }

  // ---- control -------------------------------------------------------------

  drop(code = 1001, reason = ""): number {
    assertSendableCloseCode(code);
    const open = this.#openSockets();
    for (const socket of open) socket.close(code, reason);
    return open.length;
  }

  terminate(): number {
    const open = this.#openSockets();
    for (const socket of open) socket.terminate();
    return open.length;
  }

  pause(paused: boolean): void {
    this.#paused = paused;
    this.#print(paused ? "paused (hung daemon)" : "resumed");
    if (!paused) this.#release();
  }

  stopPinging(stopped: boolean): void {
    this.#pinging = !stopped;
  }

  refuseUpgrades(status: number | null): void {
    this.#refuse = status;
  }

  script(route: string, spec: ScriptSpec): void {
    this.#api.script(route, spec);
  }

  scriptAlways(route: string, spec: ScriptSpec | null): void {
    this.#api.scriptAlways(route, spec);
  }

  // ---- observation ---------------------------------------------------------

  waitForRequest(predicate: (request: ApiRequest) => boolean, timeoutMs = 5000): Promise<ApiRequest> {
    return this.#waiters.until(() => this.requests.find(predicate), timeoutMs, "a matching API request");
  }

  waitForConnection(count = 1, timeoutMs = 5000): Promise<ConnectionRecord> {
    return this.#waiters.until(
      () => this.connections.filter((c) => c.status === 101)[count - 1],
      timeoutMs,
      `connection #${count}`,
    );
  }

  waitForTermination(count = 1, timeoutMs = 5000): Promise<Termination> {
    return this.#waiters.until(() => this.terminations[count - 1], timeoutMs, `termination #${count}`);
  }

  clients(): number {
    return this.#openSockets().length;
  }

  state(): OicqState {
    return {
      clients: this.clients(),
      received: this.received.length,
      requests: this.requests.length,
      connections: this.connections.length,
      terminations: this.terminations.length,
      sent: this.daemon.sent.length,
      paused: this.#paused,
      pinging: this.#pinging,
      refuse: this.#refuse,
      pingIntervalMs: this.pingIntervalMs,
      scripts: this.#api.scripts(),
    };
  }

  reset(): void {
    this.received = [];
    this.requests = [];
    this.connections = [];
    this.terminations = [];
    this.#refuse = null;
    this.#pinging = true;
    this.#lastPushed = undefined;
    this.#api.clearScripts();
    this.daemon.reset();
    this.pause(false);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const socket of this.#subscribers.keys()) socket.terminate();
    this.#stopHeartbeat();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#release();
    this.#wss.close();
    await closeServer(this.#server);
  }

  // ---- the action API --------------------------------------------------------

  async #action(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sim");
    const text = (await readBody(req)).toString("utf8");
    let body: unknown = null;
    try {
      if (text.trim() !== "") body = parseLossless(text);
    } catch {
      // Recorded as text only.
    }
    const record: ApiRequest = {
      method: req.method ?? "GET",
      path,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req.headers),
      body,
      text,
      at: now(),
      scripted: false,
    };
    this.requests.push(record);
    this.#print(`http ${record.method} ${req.url}${text ? ` ${text}` : ""}`);
    this.#waiters.notify();

    const spec = this.#api.takeScript(path);
    await this.#whileHung();
    if (spec?.delayMs) await this.#sleep(spec.delayMs);
    await this.#whileHung();
    if (this.#closed || res.destroyed) return;

    let answer: Answer | undefined = spec && scripted(spec);
    record.scripted = answer !== undefined;
    answer ??= this.#api.handle({
      method: record.method,
      path,
      query: record.query,
      contentType: req.headers["content-type"],
      text,
    });
    res.writeHead(answer.status, {
      "content-type": answer.contentType,
      "content-length": Buffer.byteLength(answer.body),
      "x-powered-by": "Express",
    });
    res.end(answer.body);
    record.response = { status: answer.status, body: answer.body, at: now() };
    const shown = answer.body.replace(/\s*\n\s*/g, " ");
    this.#print(`http ${answer.status} ${shown.length > 300 ? `${shown.slice(0, 300)}…` : shown}`);
    this.#waiters.notify();
  }

  /** Resolves at once, or when a paused daemon resumes (or the sim closes). */
  #whileHung(): Promise<void> {
    if (!this.#paused || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#held.push(resolve));
  }

  #release(): void {
    const held = this.#held;
    this.#held = [];
    for (const resume of held) resume();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  // ---- the event socket -------------------------------------------------------

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://sim");
    const record: ConnectionRecord = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req.headers),
      at: now(),
      open: false,
      status: 101,
      pings: 0,
      pongs: 0,
      clientPings: 0,
    };
    const index = this.connections.push(record) - 1;
    socket.on("error", () => {});
    if (this.#refuse !== null) {
      record.status = this.#refuse;
      this.#print(`refused upgrade ${req.url} with ${this.#refuse}`);
      const body = `refused by the oicq simulator\n`;
      socket.end(
        `HTTP/1.1 ${this.#refuse} ${STATUS_CODES[this.#refuse] ?? "Refused"}\r\n` +
          `content-type: text/plain\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
      );
      this.#waiters.notify();
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#subscribe(ws, record, index, req.url ?? "/"));
  }

  /** The daemon's PushService.add_subscriber. */
  #subscribe(ws: WebSocket, record: ConnectionRecord, index: number, url: string): void {
    const subscriber: Subscriber = { record, index, alive: true };
    record.open = true;
    this.#subscribers.set(ws, subscriber);
    this.#print(`connected ${url} (${this.#subscribers.size} open)`);
    ws.on("pong", () => {
      subscriber.alive = true;
      record.pongs += 1;
    });
    ws.on("ping", (data) => {
      record.clientPings += 1;
      // A hung daemon answers nothing.
      if (!this.#paused && ws.readyState === 1 /* OPEN */) ws.pong(data);
    });
    ws.on("message", (data, isBinary) => this.#onFrame(data, isBinary));
    ws.on("close", (code, reason) => {
      record.open = false;
      record.closedAt = now();
      record.closeCode = code;
      this.#subscribers.delete(ws);
      this.#print(`closed ${code} ${reason.toString()} (${this.#subscribers.size} open)`);
      if (this.#subscribers.size === 0) this.#stopHeartbeat();
      this.#waiters.notify();
    });
    ws.on("error", () => {});
    if (this.#heartbeat === null) this.#heartbeat = setInterval(() => this.#tick(), this.pingIntervalMs);
    this.#waiters.notify();
  }

  /** One heartbeat: terminate whoever missed the last ping, ping the rest. */
  #tick(): void {
    if (this.#paused || !this.#pinging) return;
    const list = [...this.#subscribers];
    for (let i = list.length - 1; i >= 0; i--) {
      const [ws, sub] = list[i] as [WebSocket, Subscriber];
      if (ws.readyState !== 1 /* OPEN */) continue;
      if (!sub.alive) {
        this.terminations.push({
          at: now(),
          path: sub.record.path,
          connection: sub.index,
          pings: sub.record.pings,
          pongs: sub.record.pongs,
        });
        this.#print(`terminated ${sub.record.path}: no pong to the last ping`);
        ws.terminate();
        this.#waiters.notify();
        continue;
      }
      sub.alive = false;
      sub.record.pings += 1;
      ws.ping();
    }
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }

  #onFrame(data: RawData, isBinary: boolean): void {
    const text = Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.concat(toBuffers(data)).toString("utf8");
    let parsed: unknown = null;
    if (!isBinary) {
      try {
        parsed = parseLossless(text);
      } catch {
        // Not JSON: recorded anyway.
      }
    }
    this.received.push({ text, parsed, binary: isBinary, at: now() });
    this.#print(`in  ${isBinary ? "(binary) " : ""}${text}`);
    this.#waiters.notify();
  }

  // ---- internals ---------------------------------------------------------------

  #content(p: ContentParams, fallback: string): Record<string, unknown>[] {
    const content = p.content ?? [frames.el.text(p.text ?? fallback)];
    return content.map((e) => frames.normalizeElement(e as Record<string, unknown>));
  }

  #reply(reply: ContentParams["reply"], type: "private" | "group", channel: number): { reply?: Reply } {
    if (reply === undefined) return {};
    const d = this.daemon;
    const quoted = d.last(type, channel);
    const time = quoted?.time ?? frames.seconds() - 60;
    const base: Reply = quoted
      ? { to: quoted.sender, time, summary: quoted.msgString, id: quoted.msgID }
      : { to: d.selfId, time, summary: "好的，收到", id: d.issueMsgID(time) };
    return { reply: reply === true ? base : { ...base, ...reply } };
  }

  #pushMessage(data: MsgData): string {
    const text = this.#push(frames.msg(data));
    this.daemon.remember(data);
    this.#lastPushed = data.msgID;
    return text;
  }

  #push(frame: Frame): string {
    const text = frames.encode(frame);
    this.#broadcast(text);
    return text;
  }

  /** ApiHost: packets the action API announces. */
  push(frame: Frame): string {
    return this.#push(frame);
  }

  #broadcast(data: string | Uint8Array): void {
    for (const socket of this.#openSockets()) socket.send(data);
    const shown = typeof data === "string" ? data : `(binary, ${data.byteLength} bytes)`;
    this.#print(`out ${shown}`);
  }

  #openSockets(): WebSocket[] {
    return [...this.#subscribers.keys()].filter((s) => s.readyState === 1 /* OPEN */);
  }

  #print(line: string): void {
    if (this.#log) console.log(`${clock()} oicq ${line}`);
  }
}


function toBuffers(data: RawData): Buffer[] {
  return Array.isArray(data) ? data : [Buffer.from(data as ArrayBuffer)];
}

export async function startOicq(opts: OicqOptions = {}): Promise<OicqSim> {
  const host = opts.host ?? "127.0.0.1";
  const selfId = opts.selfId ?? DEFAULT_SELF_ID;
  if (!/^\d+$/.test(selfId) || !Number.isSafeInteger(Number(selfId))) throw new RangeError(`selfId ${selfId} is not a QQ number`);
  const server = createServer();
  const port = await listen(server, opts.port ?? 0, host);
  return new Oicq(server, host, port, selfId, opts.pingIntervalMs ?? 3000, opts.log ?? false);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const port = Number(cliOptions(argv, "port")[0] ?? 8888);
  const selfId = cliOptions(argv, "self-id")[0];
  const interval = cliOptions(argv, "ping-interval")[0];
  const sim = await startOicq({
    port,
    log: true,
    ...(selfId && { selfId }),
    ...(interval && { pingIntervalMs: Number(interval) }),
  });
  console.log(
    `oicq simulator on ${sim.url} (action API and control: ${sim.httpUrl}, /control), self ${sim.selfId}, ` +
      `ping every ${sim.pingIntervalMs} ms`,
  );
}
