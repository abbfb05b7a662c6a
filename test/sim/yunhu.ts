// A yunhu upstream (seed 003) for tests and demos: one HTTP server that accepts the
// WebSocket on any path (upstream wss://chat-ws-go.jwzhd.com/ws), answers the HTTP API
// under /v1/msg/* (see yunhu-api.ts), and offers an HTTP control API under /control (see
// yunhu-control.ts) for tests that can only speak HTTP.
//
// Clients send JSON text frames (login, heartbeat, inputInfo); the server sends binary
// protobuf frames (yunhu-frames.ts). Login has no reply in the protocol. A bad login is
// refused per loginMode(): the docs describe no refusal at all, so "text" (the text frame
// 数据不合法, then a close) models the server as far as it is known, and "close" / "silent"
// cover the other ways a server could behave.
//
//   node test/sim/yunhu.ts --port 9003 [--user-id 7356666] [--token nj104901-test-token]

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { WebSocket } from "ws";
import { SocketSim } from "./base.ts";
import type { ConnectionRecord as BaseRecord, SocketSimApi } from "./base.ts";
import { cliOptions, flatHeaders, listen, readBody } from "./http.ts";
import { isObject } from "./json.ts";
import type { ScriptList } from "./script.ts";
import * as api from "./yunhu-api.ts";
import type { Answer, Route, ScriptSpec, StoredMessage } from "./yunhu-api.ts";
import * as frames from "./yunhu-frames.ts";
import type { Fields } from "./yunhu-frames.ts";
import { YUNHU_PUSHES, yunhuControl, yunhuScripts } from "./yunhu-control.ts";
import { fromHex, toHex } from "./yunhu-wire.ts";
import type { Decoded } from "./yunhu-wire.ts";
import { now } from "./wait.ts";

export type { ScriptSpec, StoredMessage } from "./yunhu-api.ts";

export const DEFAULT_USER_ID = "7356666";
export const DEFAULT_TOKEN = "nj104901-test-token";
/** Defaults for pushed messages: a group and a member of it, from the seed's examples. */
export const DEFAULT_GROUP = "872440499";
export const DEFAULT_PEER = "7357777";
export const REFUSAL_TEXT = "数据不合法";
/** Close code after a refused login (none is documented). */
export const REFUSAL_CLOSE = 1008;
/** Request ids count up from the docs' example. */
const REQUEST_ID_BASE = 114514n;

export interface YunhuOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The account: login must carry this userId and token; the HTTP API checks the token. */
  userId?: string;
  token?: string;
  /** Print one line per frame in and out, per connection and per API request. */
  log?: boolean;
}

/** How a bad login (and, with refuseUnauthenticated, any frame before login) is answered. */
export type LoginMode = "text" | "close" | "silent";

export interface ReceivedFrame {
  /** Index into connections of the socket it came on. */
  connection: number;
  text: string;
  /** JSON.parse of the text; null when not JSON. */
  parsed: unknown;
  /** The frame's cmd, when it has one. */
  cmd: string | null;
  binary: boolean;
  at: number;
}

export interface ConnectionRecord extends BaseRecord {
  /** Logged in on this socket (stays true after it closes; `open` tells whether it still is). */
  loggedIn: boolean;
  /** From the login frame that succeeded. */
  platform?: string;
  deviceId?: string;
  /** Why the server closed it, when it did: "refused", "dropped", "terminated". */
  closedBy?: string;
}

export interface ApiRecord {
  method: string;
  path: string;
  headers: Record<string, string>;
  token: string | null;
  bodyHex: string;
  /** Decoded by the route's schema; null for unknown routes or bodies that are not protobuf. */
  decoded: Decoded | null;
  decodeError?: string;
  at: number;
  scripted: boolean;
  httpStatus: number;
  /** The answered StatusResponse's status, when the answer was one. */
  result?: { requestId: string; code: number; msg: string };
}

export interface TagParams {
  id?: number;
  groupId?: string;
  text?: string;
  color?: string;
}

export interface SenderParams {
  chatId?: string;
  chatType?: number;
  name?: string;
  avatarUrl?: string;
  isVip?: boolean;
  tagOld?: string[];
  tag?: TagParams[];
}

/** MsgContent fields by their camelCase names (see frames.MsgContent). */
export type ContentParams = Record<string, string | number | string[]>;

export interface MessageParams {
  seq?: string;
  msgId?: string;
  sender?: SenderParams;
  /** Default: the account's user id. */
  recvId?: string;
  /** Default: the group for chatType 2, the sender for 1 and 3. */
  chatId?: string;
  /** 1 user, 2 group (default), 3 bot. */
  chatType?: number;
  /** 1 text (default), 2 image, 3 markdown, 4 file, 5 form, 6 post, 7 sticker, 8 html, 11 audio, 13 call. */
  contentType?: number;
  /** Merged over the content type's defaults. */
  content?: ContentParams;
  text?: string;
  mentionedId?: string[];
  quoteMsgId?: string;
  quoteMsgText?: string;
  timestamp?: number;
  cmd?: { cmdId?: number; name?: string; type?: number };
  /** Default: the chat's next sequence number. */
  msgSeq?: number;
}

export interface RecallParams {
  seq?: string;
  /** Default: the last message pushed or sent. */
  msgId?: string;
  sender?: SenderParams;
  recvId?: string;
  chatId?: string;
  chatType?: number;
  msgSeq?: number;
  timestamp?: number;
  deleteTimestamp?: number;
}

export interface EditParams {
  seq?: string;
  /** Default: the last message pushed or sent. */
  msgId?: string;
  /** Default: the message's chat; recv_id repeats it, as the docs show for edits. */
  chatId?: string;
  recvId?: string;
  contentType?: number;
  content?: ContentParams;
  text?: string;
  quoteMsgId?: string;
  quoteMsgText?: string;
  editTime?: number;
}

export interface BlockedParams {
  seq?: string;
  msgId?: string;
  recvId?: string;
  chatId?: string;
}

export interface StreamParams {
  seq?: string;
  /** Default: the last message pushed. */
  msgId?: string;
  /** Default: the chat for groups, the account for private chats. */
  recvId?: string;
  chatId?: string;
  content?: string;
}

export interface DraftParams {
  seq?: string;
  chatId?: string;
  input?: string;
}

export interface FileSendParams {
  seq?: string;
  sendUserId?: string;
  userId?: string;
  tempCode?: number;
  sendType?: string;
  data?: string;
  sendDeviceId?: string;
}

export interface YunhuState {
  clients: number;
  loggedIn: number;
  received: number;
  requests: number;
  connections: number;
  messages: number;
  loginMode: LoginMode;
  refuseUnauthenticated: boolean;
  heartbeats: boolean;
  echo: boolean;
  refuse: number | null;
  scripts: ScriptList<ScriptSpec>;
}

export interface YunhuSim extends SocketSimApi<ConnectionRecord, ReceivedFrame> {
  readonly userId: string;
  readonly token: string;
  readonly requests: readonly ApiRecord[];
  /** Every message the server knows, pushed or sent, by msg_id. */
  readonly messages: ReadonlyMap<string, StoredMessage>;

  /** Each push builds a frame, sends it to every logged-in client and returns its bytes as hex. */
  pushMessage(params?: MessageParams): string;
  recall(params?: RecallParams): string;
  edit(params?: EditParams): string;
  blocked(params?: BlockedParams): string;
  stream(params?: StreamParams): string;
  draft(params?: DraftParams): string;
  fileSend(params?: FileSendParams): string;
  inviteApply(params?: { seq?: string }): string;
  /** Any bytes (or hex) as a binary frame; returns the hex. */
  raw(bytes: Uint8Array | string): string;
  /** A text frame. */
  text(text: string): string;

  loginMode(mode: LoginMode): void;
  /** When on, frames other than login from a client not logged in are refused too. */
  refuseUnauthenticated(on: boolean): void;
  /** Stop (true) or resume (false) answering heartbeats. */
  silenceHeartbeats(silent: boolean): void;
  /** Mirror successful API calls to the logged-in sockets (push / edit / recall frames). */
  echoSends(on: boolean): void;
  script(route: Route, spec: ScriptSpec): void;
  scriptAlways(route: Route, spec: ScriptSpec | null): void;

  /** Resolve with the count-th connection that logged in. */
  waitForLogin(count?: number, timeoutMs?: number): Promise<ConnectionRecord>;
  waitForRequest(predicate: (request: ApiRecord) => boolean, timeoutMs?: number): Promise<ApiRecord>;
  state(): YunhuState;
  /** Clear recordings, messages and scripts; default modes; upgrades accepted. */
  reset(): void;
}

/** Content for each content type when a push names only the type. */
export const DEFAULT_CONTENT: Record<number, ContentParams> = {
  1: { text: "你好" },
  2: { imageUrl: "https://chat-img.jwznb.com/1.jpg", width: 720, height: 360, fileSize: 51234 },
  3: { text: "**你好**" },
  4: { fileName: "report.pdf", fileUrl: "https://chat-file.jwznb.com/report.pdf", fileSize: 10240 },
  5: { form: '{"input":{"id":"a","label":"姓名"}}' },
  6: { postId: "1024", postTitle: "标题", postContent: "正文", postContentType: "1" },
  7: { stickerUrl: "https://chat-img.jwznb.com/sticker/1.gif", stickerItemId: 1001, stickerPackId: 10 },
  8: { text: "<b>你好</b>" },
  11: { audioUrl: "https://chat-audio1.jwznb.com/1.m4a", audioTime: 3 },
  13: { callText: "语音通话", callStatusText: "通话时长 00:12" },
};

const DEFAULT_SENDER: SenderParams = { chatId: DEFAULT_PEER, chatType: 1, name: "测试", avatarUrl: "https://chat-img.jwznb.com/avatar.jpg" };

class Yunhu extends SocketSim<ConnectionRecord, ReceivedFrame> implements YunhuSim, api.ApiHost {
  readonly userId: string;
  readonly token: string;
  requests: ApiRecord[] = [];
  messages = new Map<string, StoredMessage>();
  protected override readonly pushes = YUNHU_PUSHES;
  protected override readonly scripts = yunhuScripts();

  #loginMode: LoginMode = "text";
  #refuseUnauthenticated = false;
  #heartbeats = true;
  #echo = false;
  #lastMsgId: string | undefined;
  readonly #chatSeq = new Map<string, number>();
  #requestCounter = 0n;

  constructor(server: Server, host: string, port: number, userId: string, token: string, log: boolean) {
    super(server, { name: "yunhu", host, port, path: "/ws", dropCode: 1012, log });
    this.userId = userId;
    this.token = token;
  }

  // ---- pushes ------------------------------------------------------------

  pushMessage(p: MessageParams = {}): string {
    const sender = { ...DEFAULT_SENDER, ...p.sender };
    const chatType = p.chatType ?? 2;
    const chatId = p.chatId ?? (chatType === 2 ? DEFAULT_GROUP : (sender.chatId ?? DEFAULT_PEER));
    const contentType = p.contentType ?? 1;
    const content = this.#content(contentType, p);
    const msgId = p.msgId ?? newId();
    const msgSeq = p.msgSeq ?? this.#nextSeq(chatId);
    this.#remember({
      msgId,
      chatId,
      chatType,
      contentType,
      content: content as Decoded,
      msgSeq,
      senderId: sender.chatId ?? "",
      ...(p.quoteMsgId && { quoteMsgId: p.quoteMsgId }),
      origin: "push",
      recalled: false,
      edits: 0,
    });
    const msg: Fields = {
      msgId,
      sender,
      recvId: p.recvId ?? this.userId,
      chatId,
      chatType,
      content,
      contentType,
      timestamp: p.timestamp ?? Date.now(),
      cmd: p.cmd,
      quoteMsgId: p.quoteMsgId,
      msgSeq,
    };
    return this.#send(frames.pushMessage(p.seq ?? newSeq(), "push_message", msg));
  }

  recall(p: RecallParams = {}): string {
    const msgId = p.msgId ?? this.#lastMsgId;
    if (msgId === undefined) throw new Error("recall: no msgId given and no message pushed or sent yet");
    const known = this.messages.get(msgId);
    if (known) known.recalled = true;
    const at = p.deleteTimestamp ?? Date.now();
    const chatType = p.chatType ?? known?.chatType ?? 2;
    const msg: Fields = {
      msgId,
      sender: { ...DEFAULT_SENDER, ...(known && { chatId: known.senderId }), ...p.sender },
      recvId: p.recvId ?? this.userId,
      chatId: p.chatId ?? known?.chatId ?? DEFAULT_GROUP,
      chatType,
      timestamp: p.timestamp ?? at,
      deleteTimestamp: at,
      msgSeq: p.msgSeq ?? known?.msgSeq ?? 1,
    };
    return this.#send(frames.pushMessage(p.seq ?? newSeq(), "push_message", msg));
  }

  edit(p: EditParams = {}): string {
    const msgId = p.msgId ?? this.#lastMsgId;
    if (msgId === undefined) throw new Error("edit: no msgId given and no message pushed or sent yet");
    const known = this.messages.get(msgId);
    const contentType = p.contentType ?? known?.contentType ?? 1;
    const content: ContentParams = {
      ...p.content,
      ...(p.text !== undefined && { text: p.text }),
      ...(p.quoteMsgText !== undefined && { quoteMsgText: p.quoteMsgText }),
    };
    if (Object.keys(content).length === 0) content.text = "已编辑";
    if (known) {
      known.content = content as Decoded;
      known.contentType = contentType;
      known.edits += 1;
    }
    const chatId = p.chatId ?? known?.chatId ?? DEFAULT_GROUP;
    const msg: Fields = {
      msgId,
      recvId: p.recvId ?? chatId,
      chatId,
      content,
      contentType,
      quoteMsgId: p.quoteMsgId ?? known?.quoteMsgId,
      editTime: p.editTime ?? Date.now(),
    };
    return this.#send(frames.pushMessage(p.seq ?? newSeq(), "edit_message", msg));
  }

  blocked(p: BlockedParams = {}): string {
    const msgId = p.msgId ?? this.#lastMsgId ?? newId();
    const known = this.messages.get(msgId);
    const chatId = p.chatId ?? known?.chatId ?? DEFAULT_GROUP;
    const msg: Fields = { msgId, recvId: p.recvId ?? chatId, chatId };
    return this.#send(frames.pushMessage(p.seq ?? newSeq(), "blocked_message", msg));
  }

  stream(p: StreamParams = {}): string {
    const msgId = p.msgId ?? this.#lastMsgId ?? newId();
    const known = this.messages.get(msgId);
    const chatId = p.chatId ?? known?.chatId ?? DEFAULT_GROUP;
    const recvId = p.recvId ?? (known?.chatType === 2 || known === undefined ? chatId : this.userId);
    const msg: Fields = { msgId, recvId, chatId, content: p.content ?? "追加内容" };
    return this.#send(frames.streamMessage(p.seq ?? newSeq(), msg));
  }

  draft(p: DraftParams = {}): string {
    const input: Fields = { chatId: p.chatId ?? DEFAULT_GROUP, input: p.input ?? "测试草稿同步" };
    return this.#send(frames.draftInput(p.seq ?? newSeq(), input));
  }

  fileSend(p: FileSendParams = {}): string {
    const send: Fields = {
      sendUserId: p.sendUserId ?? this.userId,
      userId: p.userId ?? this.userId,
      tempCode: p.tempCode ?? 1,
      sendType: p.sendType ?? "candidate",
      data: p.data ?? "{}",
      sendDeviceId: p.sendDeviceId ?? "123123123123",
    };
    return this.#send(frames.fileSendMessage(p.seq ?? newSeq(), send));
  }

  inviteApply(p: { seq?: string } = {}): string {
    return this.#send(frames.inviteApply(p.seq ?? newSeq()));
  }

  raw(bytes: Uint8Array | string): string {
    return this.#send(typeof bytes === "string" ? fromHex(bytes) : bytes);
  }

  text(text: string): string {
    this.sendTo(this.#loggedIn(), text, () => `(text) ${text}`);
    return text;
  }

  // ---- control -----------------------------------------------------------

  loginMode(mode: LoginMode): void {
    this.#loginMode = mode;
  }

  refuseUnauthenticated(on: boolean): void {
    this.#refuseUnauthenticated = on;
  }

  silenceHeartbeats(silent: boolean): void {
    this.#heartbeats = !silent;
  }

  echoSends(on: boolean): void {
    this.#echo = on;
  }

  script(route: Route, spec: ScriptSpec): void {
    this.scripts.once(route, spec);
  }

  scriptAlways(route: Route, spec: ScriptSpec | null): void {
    this.scripts.always(route, spec);
  }

  // ---- observation -------------------------------------------------------

  waitForLogin(count = 1, timeoutMs = 5000): Promise<ConnectionRecord> {
    return this.waiters.until(() => this.connections.filter((c) => c.loggedIn)[count - 1], timeoutMs, `login #${count}`);
  }

  waitForRequest(predicate: (request: ApiRecord) => boolean, timeoutMs = 5000): Promise<ApiRecord> {
    return this.waiters.until(() => this.requests.find(predicate), timeoutMs, "a matching API request");
  }

  state(): YunhuState {
    return {
      clients: this.clients(),
      loggedIn: this.#loggedIn().length,
      received: this.received.length,
      requests: this.requests.length,
      connections: this.connections.length,
      messages: this.messages.size,
      loginMode: this.#loginMode,
      refuseUnauthenticated: this.#refuseUnauthenticated,
      heartbeats: this.#heartbeats,
      echo: this.#echo,
      refuse: this.refusing,
      scripts: this.scripts.list(),
    };
  }

  override reset(): void {
    super.reset();
    this.requests = [];
    this.messages.clear();
    this.#chatSeq.clear();
    this.#lastMsgId = undefined;
    this.#requestCounter = 0n;
    this.scripts.clear();
    this.#loginMode = "text";
    this.#refuseUnauthenticated = false;
    this.#heartbeats = true;
    this.#echo = false;
  }

  protected override controlRoute(route: string, body: Buffer, query: URLSearchParams): unknown {
    return yunhuControl(this, route, body, query);
  }

  // ---- ApiHost -----------------------------------------------------------

  message(msgId: string): StoredMessage | undefined {
    return this.messages.get(msgId);
  }

  store(message: Omit<StoredMessage, "msgSeq">): StoredMessage {
    return this.#remember({ ...message, msgSeq: this.#nextSeq(message.chatId) });
  }

  echo(route: Route, m: StoredMessage): void {
    if (!this.#echo) return;
    const content = m.content as ContentParams;
    if (route === "send-message") {
      const sender = { chatId: this.userId, chatType: 1, name: "我" };
      const msg: Fields = {
        msgId: m.msgId,
        sender,
        recvId: m.chatId,
        chatId: m.chatId,
        chatType: m.chatType,
        content,
        contentType: m.contentType,
        timestamp: Date.now(),
        quoteMsgId: m.quoteMsgId,
        msgSeq: m.msgSeq,
      };
      this.#send(frames.pushMessage(newSeq(), "push_message", msg));
    } else if (route === "edit-message") {
      this.edit({ msgId: m.msgId, content, contentType: m.contentType });
    } else {
      this.recall({ msgId: m.msgId, sender: { chatId: m.senderId } });
    }
  }

  nextRequestId(): string {
    this.#requestCounter += 1n;
    return (REQUEST_ID_BASE + this.#requestCounter).toString();
  }

  // ---- internals ---------------------------------------------------------

  #content(contentType: number, p: MessageParams): ContentParams {
    return {
      ...(p.content === undefined ? DEFAULT_CONTENT[contentType] : {}),
      ...p.content,
      ...(p.text !== undefined && { text: p.text }),
      ...(p.mentionedId && { mentionedId: p.mentionedId }),
      ...(p.quoteMsgText !== undefined && { quoteMsgText: p.quoteMsgText }),
    };
  }

  protected override async request(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = new Uint8Array(await readBody(req));
    const route = api.routeOf(path);
    const token = req.headers.token;
    const record: ApiRecord = {
      method: req.method ?? "GET",
      path,
      headers: flatHeaders(req.headers),
      token: typeof token === "string" ? token : null,
      bodyHex: toHex(body),
      decoded: null,
      at: now(),
      scripted: false,
      httpStatus: 0,
    };
    this.requests.push(record);
    let answer: Answer;
    if (route === undefined || req.method !== "POST") {
      answer = api.plain(404, "404 page not found");
    } else {
      const { decoded, error } = api.decodeBody(route, body);
      record.decoded = decoded;
      if (error !== undefined) record.decodeError = error;
      const spec = this.scripts.take(route);
      if (spec?.delayMs) await new Promise((resolve) => setTimeout(resolve, spec.delayMs));
      const script = spec && api.scripted(spec, this.nextRequestId());
      record.scripted = script !== undefined;
      answer = script ?? api.answer(this, route, record.token ?? undefined, decoded);
    }
    record.httpStatus = answer.status;
    if (answer.result) record.result = answer.result;
    this.print(`api ${record.method} ${path} → ${answer.status} ${answer.result ? JSON.stringify(answer.result) : ""}`);
    this.waiters.notify();
    res.writeHead(answer.status, { "content-type": answer.contentType, "content-length": answer.body.byteLength });
    res.end(answer.body);
  }

  // ---- the socket --------------------------------------------------------

  protected override connection(base: BaseRecord): ConnectionRecord {
    return { ...base, loggedIn: false };
  }

  protected override closing(_ws: WebSocket, record: ConnectionRecord, why: "dropped" | "terminated"): void {
    record.closedBy = why;
  }

  protected frame(ws: WebSocket, record: ConnectionRecord, data: Buffer, isBinary: boolean): void {
    const text = data.toString("utf8");
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: recorded, never answered.
    }
    const cmd = isObject(parsed) && typeof parsed.cmd === "string" ? parsed.cmd : null;
    this.received.push({ connection: this.connections.indexOf(record), text, parsed, cmd, binary: isBinary, at: now() });

    if (isObject(parsed) && cmd === "login") {
      const d = isObject(parsed.data) ? parsed.data : {};
      if (String(d.userId ?? "") === this.userId && d.token === this.token) {
        record.loggedIn = true;
        if (typeof d.platform === "string") record.platform = d.platform;
        if (typeof d.deviceId === "string") record.deviceId = d.deviceId;
      } else {
        this.#refuseClient(ws, record);
      }
    } else if (!record.loggedIn) {
      if (this.#refuseUnauthenticated) this.#refuseClient(ws, record);
    } else if (isObject(parsed) && cmd === "heartbeat") {
      if (this.#heartbeats) this.#sendTo([ws], frames.heartbeatAck(String(parsed.seq ?? "")));
    } else if (isObject(parsed) && cmd === "inputInfo" && isObject(parsed.data)) {
      // The draft reaches the account's other sessions.
      const others = this.#loggedIn().filter((s) => s !== ws);
      const input = { chatId: String(parsed.data.chatId ?? ""), input: String(parsed.data.input ?? "") };
      if (others.length > 0) this.#sendTo(others, frames.draftInput(String(parsed.seq ?? newSeq()), input));
    }
  }

  #refuseClient(ws: WebSocket, record: ConnectionRecord): void {
    if (this.#loginMode === "silent") return;
    if (this.recordOf(ws)) record.closedBy = "refused";
    if (this.#loginMode === "text") ws.send(REFUSAL_TEXT);
    ws.close(REFUSAL_CLOSE, "");
    record.loggedIn = false;
  }

  #remember(message: StoredMessage): StoredMessage {
    this.messages.set(message.msgId, message);
    this.#lastMsgId = message.msgId;
    return message;
  }

  #send(bytes: Uint8Array): string {
    this.#sendTo(this.#loggedIn(), bytes);
    return toHex(bytes);
  }

  #sendTo(sockets: WebSocket[], bytes: Uint8Array): void {
    this.sendTo(sockets, bytes, () => {
      try {
        return JSON.stringify(frames.readFrame(bytes));
      } catch {
        return toHex(bytes);
      }
    });
  }

  #loggedIn(): WebSocket[] {
    return this.sockets((record) => record.loggedIn);
  }

  #nextSeq(chatId: string): number {
    const seq = (this.#chatSeq.get(chatId) ?? 0) + 1;
    this.#chatSeq.set(chatId, seq);
    return seq;
  }
}

/** A message id as the server writes them: 32 hex digits. */
function newId(): string {
  return randomUUID().replaceAll("-", "");
}

function newSeq(): string {
  return randomUUID().replaceAll("-", "").slice(0, 16);
}

export async function startYunhu(opts: YunhuOptions = {}): Promise<YunhuSim> {
  const host = opts.host ?? "127.0.0.1";
  const server = createServer();
  const port = await listen(server, opts.port ?? 0, host);
  return new Yunhu(server, host, port, opts.userId ?? DEFAULT_USER_ID, opts.token ?? DEFAULT_TOKEN, opts.log ?? false);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const port = Number(cliOptions(argv, "port")[0] ?? 9003);
  const userId = cliOptions(argv, "user-id")[0];
  const token = cliOptions(argv, "token")[0];
  const sim = await startYunhu({ port, log: true, ...(userId && { userId }), ...(token && { token }) });
  console.log(`yunhu simulator on ${sim.url} (API and control: ${sim.httpUrl}), user ${sim.userId} token ${sim.token}`);
}
