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

import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { WebSocket } from "ws";
import { SocketSim } from "./base.ts";
import type { ConnectionRecord as BaseRecord, ReceivedFrame, SocketSimApi } from "./base.ts";
import { Hold } from "./hold.ts";
import { cliOptions, flatHeaders, listen, readBody } from "./http.ts";
import { parseLossless } from "./json.ts";
import { ActionApi, scripted } from "./oicq-api.ts";
import type { Answer, ScriptSpec } from "./oicq-api.ts";
import { OICQ_PUSHES, oicqControl, oicqScripts } from "./oicq-control.ts";
import type { ScriptList } from "./script.ts";
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
import { now } from "./wait.ts";

export type { Element, Reply } from "./oicq-frames.ts";
export type * from "./oicq-params.ts";
export type { ScriptSpec } from "./oicq-api.ts";
export type { SentMessage } from "./oicq-state.ts";
export type { ReceivedFrame } from "./base.ts";
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

export interface ConnectionRecord extends BaseRecord {
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
  scripts: ScriptList<ScriptSpec>;
}

export interface OicqSim extends SocketSimApi<ConnectionRecord, ReceivedFrame> {
  readonly selfId: string;
  readonly pingIntervalMs: number;
  readonly requests: readonly ApiRequest[];
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
  /**
   * A hung daemon: no pings, no pongs, action API requests held until resumed (the control
   * API still answers); TCP stays open. Pushes the test makes still go out.
   */
  pause(paused: boolean): void;
  /** Stop (or resume) sending pings, and with them the terminations. */
  stopPinging(stopped: boolean): void;
  /** Answer the next request on `route` (e.g. "sendMsg/group") this way. */
  script(route: string, spec: ScriptSpec): void;
  /** Answer every request on `route` this way, until called with null. */
  scriptAlways(route: string, spec: ScriptSpec | null): void;

  waitForRequest(predicate: (request: ApiRequest) => boolean, timeoutMs?: number): Promise<ApiRequest>;
  waitForTermination(count?: number, timeoutMs?: number): Promise<Termination>;
  state(): OicqState;
  /** Clear recordings and scripts, restore the fixtures; resume, ping, accept upgrades. */
  reset(): void;
}

interface Subscriber {
  record: ConnectionRecord;
  index: number;
  alive: boolean;
}

class Oicq extends SocketSim<ConnectionRecord> implements OicqSim {
  readonly selfId: string;
  readonly pingIntervalMs: number;
  readonly daemon: DaemonState;
  requests: ApiRequest[] = [];
  terminations: Termination[] = [];
  protected override readonly pushes = OICQ_PUSHES;
  protected override readonly scripts = oicqScripts();

  /** Subscribers in the order they connected (the daemon's list). */
  readonly #subscribers = new Map<WebSocket, Subscriber>();
  readonly #api: ActionApi;
  readonly #hold = new Hold();
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #pinging = true;
  #lastPushed: string | undefined;

  constructor(server: Server, host: string, port: number, selfId: string, pingIntervalMs: number, log: boolean) {
    super(server, { name: "oicq", host, port, path: "/", dropCode: 1001, log, autoPong: false });
    this.selfId = selfId;
    this.pingIntervalMs = pingIntervalMs;
    this.daemon = new DaemonState(Number(selfId));
    this.#api = new ActionApi(this);
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
    this.broadcast(text);
    return text;
  }

  binary(bytes: Uint8Array): Uint8Array {
    this.broadcast(bytes);
    return bytes;
  }

  // ---- control -------------------------------------------------------------

  pause(paused: boolean): void {
    this.#hold.pause(paused);
    this.print(paused ? "paused (hung daemon)" : "resumed");
  }

  stopPinging(stopped: boolean): void {
    this.#pinging = !stopped;
  }

  script(route: string, spec: ScriptSpec): void {
    this.scripts.once(route, spec);
  }

  scriptAlways(route: string, spec: ScriptSpec | null): void {
    this.scripts.always(route, spec);
  }

  // ---- observation ---------------------------------------------------------

  waitForRequest(predicate: (request: ApiRequest) => boolean, timeoutMs = 5000): Promise<ApiRequest> {
    return this.waiters.until(() => this.requests.find(predicate), timeoutMs, "a matching API request");
  }

  waitForTermination(count = 1, timeoutMs = 5000): Promise<Termination> {
    return this.waiters.until(() => this.terminations[count - 1], timeoutMs, `termination #${count}`);
  }

  state(): OicqState {
    return {
      clients: this.clients(),
      received: this.received.length,
      requests: this.requests.length,
      connections: this.connections.length,
      terminations: this.terminations.length,
      sent: this.daemon.sent.length,
      paused: this.#hold.paused,
      pinging: this.#pinging,
      refuse: this.refusing,
      pingIntervalMs: this.pingIntervalMs,
      scripts: this.scripts.list(),
    };
  }

  override reset(): void {
    super.reset();
    this.requests = [];
    this.terminations = [];
    this.#pinging = true;
    this.#lastPushed = undefined;
    this.scripts.clear();
    this.daemon.reset();
    this.pause(false);
  }

  protected override shutdown(): void {
    this.#stopHeartbeat();
    this.#hold.close();
  }

  protected override controlRoute(route: string, body: Buffer, query: URLSearchParams): unknown {
    return oicqControl(this, route, body, query);
  }

  // ---- the action API --------------------------------------------------------

  protected override async request(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
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
    this.print(`http ${record.method} ${req.url}${text ? ` ${text}` : ""}`);
    this.waiters.notify();

    const spec = this.scripts.take(path);
    await this.#hold.whileHeld();
    if (spec?.delayMs) await this.#hold.sleep(spec.delayMs);
    await this.#hold.whileHeld();
    if (this.#hold.closed || res.destroyed) return;

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
    this.print(`http ${answer.status} ${shown.length > 300 ? `${shown.slice(0, 300)}…` : shown}`);
    this.waiters.notify();
  }

  // ---- the event socket -------------------------------------------------------

  protected override connection(base: BaseRecord): ConnectionRecord {
    return { ...base, pings: 0, pongs: 0, clientPings: 0 };
  }

  /** The daemon's PushService.add_subscriber. */
  protected override opened(ws: WebSocket, record: ConnectionRecord): void {
    const subscriber: Subscriber = { record, index: this.connections.indexOf(record), alive: true };
    this.#subscribers.set(ws, subscriber);
    ws.on("pong", () => {
      subscriber.alive = true;
      record.pongs += 1;
    });
    ws.on("ping", (data) => {
      record.clientPings += 1;
      // A hung daemon answers nothing.
      if (!this.#hold.paused && ws.readyState === 1 /* OPEN */) ws.pong(data);
    });
    if (this.#heartbeat === null) this.#heartbeat = setInterval(() => this.#tick(), this.pingIntervalMs);
  }

  protected override closed(ws: WebSocket, record: ConnectionRecord, code: number): void {
    record.closedAt = now();
    record.closeCode = code;
    this.#subscribers.delete(ws);
    if (this.#subscribers.size === 0) this.#stopHeartbeat();
  }

  /** One heartbeat: terminate whoever missed the last ping, ping the rest. */
  #tick(): void {
    if (this.#hold.paused || !this.#pinging) return;
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
        this.print(`terminated ${sub.record.path}: no pong to the last ping`);
        ws.terminate();
        this.waiters.notify();
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

  /** Client frames are recorded and otherwise ignored, as the daemon does. */
  protected frame(_ws: WebSocket, _record: ConnectionRecord, data: Buffer, binary: boolean): void {
    this.received.push(this.textFrame(data, binary));
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
    this.broadcast(text);
    return text;
  }

  /** ApiHost: packets the action API announces. */
  push(frame: Frame): string {
    return this.#push(frame);
  }
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
  console.log(`oicq simulator on ${sim.url} (action API and control: ${sim.httpUrl}, /control), self ${sim.selfId}, ` + `ping every ${sim.pingIntervalMs} ms`);
}
