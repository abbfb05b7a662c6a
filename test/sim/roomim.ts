// A roomim upstream (seed 004) for tests and demos: one HTTP server that accepts the
// WebSocket on any path and answers sends the way the seed shows, plus an HTTP control
// API under /control (see roomim-control.ts) for tests that can only speak HTTP.
//
//   node test/sim/roomim.ts --port 9001 [--self-id 1858679205636755457]

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { WebSocket } from "ws";
import { SocketSim } from "./base.ts";
import type { ConnectionRecord, ReceivedFrame, SocketSimApi } from "./base.ts";
import { cliOptions, listen } from "./http.ts";
import { idText, isObject, parseExact } from "./json.ts";
import type { IdLike } from "./json.ts";
import * as frames from "./roomim-frames.ts";
import type { Frame, Image, MentionedInfo } from "./roomim-frames.ts";
import { ROOMIM_PUSHES, roomimControl } from "./roomim-control.ts";

export type { Image, MentionedInfo } from "./roomim-frames.ts";
export type { IdLike } from "./json.ts";
export type { ConnectionRecord, ReceivedFrame } from "./base.ts";

export const DEFAULT_SELF_ID = "1858679205636755457";
/** Defaults for pushed frames: the seed's group room and another user of the seed. */
export const DEFAULT_ROOM = "1858689382414958593";
export const DEFAULT_PEER = "1860863094709035009";
/** Generated message and request ids count up from the seed's message id. */
const ID_BASE = 1858689625873399809n;

export interface RoomimOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The account the sim is logged in as: `from` of acks. */
  selfId?: string;
  /** Print one line per frame in and out, and per connection. */
  log?: boolean;
}

/** How client sends and revokes are answered. */
export type Mode = "ack" | "silent" | "delay";

export interface MessageParams {
  room?: IdLike;
  from?: IdLike;
  text?: string;
  msgType?: number;
  localId?: string;
  msgId?: IdLike;
  roomSeq?: IdLike;
  timestamp?: number;
  mentionedInfo?: MentionedInfo;
  imgs?: Image[];
  extras?: string;
  /** Replaces the payload built from mentionedInfo, imgs and extras. */
  payload?: Record<string, unknown>;
}

export interface ReadParams {
  room?: IdLike;
  from?: IdLike;
  msgId?: IdLike;
  roomSeq?: IdLike;
  text?: string;
  msgType?: number;
  timestamp?: number;
  extras?: string;
}

export interface ClearedParams {
  room?: IdLike;
  timestamp?: number;
}

export interface FriendRequestParams {
  /** The new contact's system room. */
  room?: IdLike;
  from?: IdLike;
  /** fkSubUserId, default the sim's own id. */
  to?: IdLike;
  requestId?: IdLike;
  text?: string;
  nickname?: string;
  fkRoomId?: IdLike | null;
  createTime?: number;
  msgId?: IdLike;
  roomSeq?: IdLike;
  timestamp?: number;
  pts?: number;
}

export interface RoomInitParams {
  room?: IdLike;
  from?: IdLike;
  /** fkCreatorUserId, default the sim's own id. */
  creator?: IdLike;
  /** Fields that override the seed's room record. */
  payload?: Record<string, unknown>;
  msgId?: IdLike;
  roomSeq?: IdLike;
  timestamp?: number;
  pts?: number;
}

export interface RevokedParams {
  /** Default: the last message id the sim issued. */
  msgId?: IdLike;
  /** Default: the room that message was in. */
  room?: IdLike;
  /** The operator. */
  from?: IdLike;
  timestamp?: number;
}

export interface RoomimSim extends SocketSimApi<ConnectionRecord, ReceivedFrame> {
  readonly selfId: string;

  /** Each push builds a frame, sends it to every open client and returns its text. */
  message(params?: MessageParams): string;
  images(params?: MessageParams): string;
  self(params?: MessageParams): string;
  read(params?: ReadParams): string;
  cleared(params?: ClearedParams): string;
  friendRequest(params?: FriendRequestParams): string;
  roomInit(params?: RoomInitParams): string;
  revoked(params?: RevokedParams): string;
  raw(text: string): string;
  binary(bytes: Uint8Array): Uint8Array;

  block(room: IdLike): void;
  unblock(room: IdLike): void;
  mode(name: Mode, delayMs?: number): void;

  state(): { clients: number; received: number; connections: number; mode: Mode; delayMs: number };
  /** Clear recordings; back to ack mode, nothing blocked, upgrades accepted. */
  reset(): void;
}

const DEFAULT_IMAGES: Image[] = [{ url: "https://img.example.com/1.jpg", thumbnail: "https://img.example.com/1.jpg/mini", width: 720, hight: 360 }];

class Roomim extends SocketSim implements RoomimSim {
  readonly selfId: string;
  protected override readonly pushes = ROOMIM_PUSHES;

  #mode: Mode = "ack";
  #delayMs = 0;
  readonly #blocked = new Set<string>();
  /** Message ids the sim has issued, with their room. */
  readonly #issued = new Map<string, string>();
  #lastIssued: string | undefined;
  readonly #roomSeq = new Map<string, number>();
  #idCounter = 0n;

  constructor(server: Server, host: string, port: number, selfId: string, log: boolean) {
    super(server, { name: "roomim", host, port, path: "/", dropCode: 1012, log });
    this.selfId = selfId;
  }

  // ---- pushes ------------------------------------------------------------

  message(p: MessageParams = {}): string {
    return this.#pushChat(p, 2, p.from ?? DEFAULT_PEER);
  }

  images(p: MessageParams = {}): string {
    return this.message({ msgType: 3, imgs: DEFAULT_IMAGES, ...p });
  }

  self(p: MessageParams = {}): string {
    return this.#pushChat(p, null, null);
  }

  read(p: ReadParams = {}): string {
    const room = idText(p.room ?? DEFAULT_ROOM);
    const frame = frames.readSync({
      msgType: p.msgType ?? 1,
      from: p.from ?? DEFAULT_PEER,
      msgId: p.msgId ?? this.#lastInRoom(room) ?? this.#nextId(),
      roomSeq: p.roomSeq ?? Math.max(this.#roomSeq.get(room) ?? 0, 1),
      room,
      msgText: p.text ?? "",
      timestamp: p.timestamp ?? Date.now(),
      payload: { extras: p.extras ?? "" },
    });
    return this.#push(frame);
  }

  cleared(p: ClearedParams = {}): string {
    return this.#push(frames.clearedSync({ timestamp: p.timestamp ?? Date.now(), room: p.room ?? DEFAULT_ROOM }));
  }

  friendRequest(p: FriendRequestParams = {}): string {
    const room = idText(p.room ?? "1860868440666071042");
    const timestamp = p.timestamp ?? Date.now();
    const frame = frames.friendRequest({
      room,
      from: p.from ?? DEFAULT_PEER,
      to: p.to ?? this.selfId,
      requestId: p.requestId ?? this.#nextId(),
      text: p.text ?? "请求加你为好友",
      nickname: p.nickname ?? "平治文",
      fkRoomId: p.fkRoomId ?? null,
      createTime: p.createTime ?? timestamp - 23,
      msgId: p.msgId ?? this.#nextId(),
      roomSeq: p.roomSeq ?? this.#nextSeq(room),
      timestamp,
      pts: p.pts ?? 1,
    });
    return this.#push(frame);
  }

  roomInit(p: RoomInitParams = {}): string {
    const room = idText(p.room ?? "1860881053449904129");
    const frame = frames.roomInit({
      room,
      from: p.from ?? DEFAULT_PEER,
      creator: p.creator ?? this.selfId,
      ...(p.payload && { payload: p.payload }),
      msgId: p.msgId ?? this.#nextId(),
      roomSeq: p.roomSeq ?? this.#nextSeq(room),
      timestamp: p.timestamp ?? Date.now(),
      pts: p.pts ?? 1,
    });
    return this.#push(frame);
  }

  revoked(p: RevokedParams = {}): string {
    const msgId = p.msgId !== undefined ? idText(p.msgId) : this.#lastIssued;
    if (msgId === undefined) throw new Error("revoked: no msgId given and no message issued yet");
    const frame = frames.revoke({
      localId: "",
      room: p.room ?? this.#issued.get(msgId) ?? DEFAULT_ROOM,
      msgId,
      response: 2,
      from: p.from ?? DEFAULT_PEER,
      timestamp: p.timestamp ?? Date.now(),
    });
    return this.#push(frame);
  }

  raw(text: string): string {
    this.broadcast(text);
    return text;
  }

  binary(bytes: Uint8Array): Uint8Array {
    this.broadcast(bytes);
    return bytes;
  }

  // ---- control ----------------------------------------------------------

  block(room: IdLike): void {
    this.#blocked.add(idText(room));
  }

  unblock(room: IdLike): void {
    this.#blocked.delete(idText(room));
  }

  mode(name: Mode, delayMs = 0): void {
    this.#mode = name;
    this.#delayMs = delayMs;
  }

  // ---- observation -------------------------------------------------------

  state() {
    return {
      clients: this.clients(),
      received: this.received.length,
      connections: this.connections.length,
      mode: this.#mode,
      delayMs: this.#delayMs,
    };
  }

  override reset(): void {
    super.reset();
    this.#mode = "ack";
    this.#delayMs = 0;
    this.#blocked.clear();
  }

  protected override controlRoute(route: string, body: Buffer, query: URLSearchParams): unknown {
    return roomimControl(this, route, body, query);
  }

  // ---- the socket --------------------------------------------------------

  protected frame(ws: WebSocket, _record: ConnectionRecord, data: Buffer, binary: boolean): void {
    const frame = this.textFrame(data, binary);
    this.received.push(frame);
    const reply = this.#answer(frame.parsed, frame.parsed === null ? null : parseExact(frame.text));
    if (reply === undefined || this.#mode === "silent") return;
    const send = () => {
      if (ws.readyState === 1 /* OPEN */) this.sendTo([ws], frames.encode(reply));
    };
    if (this.#mode === "delay") setTimeout(send, this.#delayMs);
    else send();
  }

  /** The answer to a client frame, or undefined for frames the server does not answer. */
  #answer(parsed: unknown, exact: unknown): Frame | undefined {
    if (!isObject(parsed) || !isObject(exact)) return undefined;
    const { request, msgType } = parsed;
    if (request !== 1 && request !== 2) return undefined;
    const room = asId(parsed.room);
    if (room === undefined) return undefined;
    const echo = {
      localId: exact.localId ?? null,
      msgType: exact.msgType ?? null,
      msgText: exact.msgText ?? null,
      payload: exact.payload ?? null,
    };
    const timestamp = Date.now();

    if (request === 2 && msgType === 1) {
      const msgId = asId(parsed.msgId) ?? "";
      const response = this.#issued.has(msgId) ? 1 : 2003;
      return frames.revoke({ localId: echo.localId, room, msgId, response, from: this.selfId, timestamp });
    }
    if (this.#blocked.has(room)) {
      return frames.blockedRejection({ ...echo, from: this.selfId, room, timestamp });
    }
    const msgId = this.#issue(room);
    return frames.chatMessage({
      ...echo,
      room,
      response: 1,
      from: this.selfId,
      msgId,
      roomSeq: this.#nextSeq(room),
      timestamp,
    });
  }

  #pushChat(p: MessageParams, response: 2 | null, from: IdLike | null): string {
    const room = idText(p.room ?? DEFAULT_ROOM);
    const msgId = p.msgId !== undefined ? this.#remember(idText(p.msgId), room) : this.#issue(room);
    const payload = p.payload ?? {
      ...(p.mentionedInfo && { mentionedInfo: p.mentionedInfo }),
      ...(p.imgs && { imgs: p.imgs }),
      extras: p.extras ?? "",
    };
    const frame = frames.chatMessage({
      msgType: p.msgType ?? 1,
      localId: p.localId ?? randomUUID(),
      msgText: p.text ?? "你好",
      room,
      payload,
      response,
      from,
      msgId,
      roomSeq: p.roomSeq ?? this.#nextSeq(room),
      timestamp: p.timestamp ?? Date.now(),
    });
    return this.#push(frame);
  }

  #push(frame: Frame): string {
    const text = frames.encode(frame);
    this.broadcast(text);
    return text;
  }

  #nextId(): string {
    this.#idCounter += 1n;
    return (ID_BASE + this.#idCounter).toString();
  }

  #issue(room: string): string {
    return this.#remember(this.#nextId(), room);
  }

  #remember(msgId: string, room: string): string {
    this.#issued.set(msgId, room);
    this.#lastIssued = msgId;
    return msgId;
  }

  #lastInRoom(room: string): string | undefined {
    let last: string | undefined;
    for (const [msgId, r] of this.#issued) if (r === room) last = msgId;
    return last;
  }

  #nextSeq(room: string): number {
    const seq = (this.#roomSeq.get(room) ?? 0) + 1;
    this.#roomSeq.set(room, seq);
    return seq;
  }
}

/** An id from a parsed client frame: digit strings, safe integers and other strings. */
function asId(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return undefined;
}

export async function startRoomim(opts: RoomimOptions = {}): Promise<RoomimSim> {
  const host = opts.host ?? "127.0.0.1";
  const server = createServer();
  const port = await listen(server, opts.port ?? 0, host);
  return new Roomim(server, host, port, opts.selfId ?? DEFAULT_SELF_ID, opts.log ?? false);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const port = Number(cliOptions(argv, "port")[0] ?? 9001);
  const selfId = cliOptions(argv, "self-id")[0];
  const sim = await startRoomim({ port, log: true, ...(selfId && { selfId }) });
  console.log(`roomim simulator on ${sim.url} (control: ${sim.httpUrl}/control), self ${sim.selfId}`);
}
