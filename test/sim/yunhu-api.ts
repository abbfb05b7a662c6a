// The yunhu HTTP API the product sends through (base https://chat-go.jwzhd.com upstream):
// protobuf bodies, the account's token in the `token` header, every answer a
// StatusResponse { status { request_id, code, msg } } with HTTP 200.
//
//   POST /v1/msg/send-message  SendMsgRequest → code 1, a new request_id; the message is remembered
//   POST /v1/msg/edit-message  SendMsgRequest (msg_id of the target) → 1 if the message is known
//   POST /v1/msg/recall-msg    RecallMsg → 1 if every msg_id is known and not yet recalled
//
// The docs show only success (code 1, msg "success"); the failure codes below are the
// simulator's own, chosen to be distinct and ≠ 1. Any route can be scripted (ScriptSpec).

import { STATUS_CODES } from "node:http";
import type { ScriptFields } from "./script.ts";
import * as frames from "./yunhu-frames.ts";
import { decode, fromHex } from "./yunhu-wire.ts";
import type { Decoded, Schema } from "./yunhu-wire.ts";

export const CODE_OK = 1;
export const CODE_BAD_TOKEN = 1002;
export const CODE_BAD_REQUEST = 1003;
export const CODE_NO_MESSAGE = 1004;
export const MSG_OK = "success";
export const MSG_BAD_TOKEN = "token无效";
export const MSG_BAD_REQUEST = "参数不合法";
export const MSG_NO_MESSAGE = "消息不存在";

/** The API routes, by the last path segment. */
export const ROUTES = ["send-message", "edit-message", "recall-msg"] as const;
export type Route = (typeof ROUTES)[number];

const BODIES: Record<Route, Schema> = {
  "send-message": frames.SendMsgRequest,
  "edit-message": frames.SendMsgRequest,
  "recall-msg": frames.RecallMsg,
};

/**
 * How to answer the next request (or every request) on one route: `code` answers a
 * StatusResponse with this code (and `msg`), `body` raw response bytes given as hex.
 */
export interface ScriptSpec extends Omit<ScriptFields, "silent"> {
  msg?: string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** The StatusResponse's status when the body is one. */
  result?: { requestId: string; code: number; msg: string };
}

/** A message known to the server: pushed by the simulator or sent through the API. */
export interface StoredMessage {
  msgId: string;
  chatId: string;
  chatType: number;
  contentType: number;
  content: Decoded;
  msgSeq: number;
  senderId: string;
  quoteMsgId?: string;
  origin: "push" | "send";
  recalled: boolean;
  edits: number;
}

/** What the API needs of the simulator. */
export interface ApiHost {
  readonly token: string;
  readonly userId: string;
  message(msgId: string): StoredMessage | undefined;
  /** Remember a message sent through the API; returns it with its sequence number. */
  store(message: Omit<StoredMessage, "msgSeq">): StoredMessage;
  /** After a successful call: mirror it to the account's sockets when echo is on. */
  echo(route: Route, message: StoredMessage): void;
  nextRequestId(): string;
}

export interface ApiRequest {
  path: string;
  token: string | undefined;
  body: Uint8Array;
}

const PROTOBUF = "application/x-protobuf";

export function routeOf(path: string): Route | undefined {
  const name = /^\/v1\/msg\/([a-z-]+)$/.exec(path)?.[1];
  return (ROUTES as readonly string[]).includes(name ?? "") ? (name as Route) : undefined;
}

/** The request body decoded by its route's schema; an error message when it is not protobuf. */
export function decodeBody(route: Route, body: Uint8Array): { decoded: Decoded | null; error?: string } {
  try {
    return { decoded: decode(BODIES[route], body) };
  } catch (error) {
    return { decoded: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export function status(requestId: string, code: number, msg: string): Answer {
  return {
    status: 200,
    contentType: PROTOBUF,
    body: frames.statusResponse(requestId, code, msg),
    result: { requestId, code, msg },
  };
}

export function plain(httpStatus: number, text = `${httpStatus} ${STATUS_CODES[httpStatus] ?? ""}`.trim()): Answer {
  return { status: httpStatus, contentType: "text/plain; charset=utf-8", body: new TextEncoder().encode(text) };
}

/** The scripted answer, or undefined when the script only delays. */
export function scripted(spec: ScriptSpec, requestId: string): Answer | undefined {
  if (spec.body !== undefined) return { status: spec.httpStatus ?? 200, contentType: PROTOBUF, body: fromHex(spec.body) };
  if (spec.code !== undefined) return { ...status(requestId, spec.code, spec.msg ?? ""), status: spec.httpStatus ?? 200 };
  if (spec.httpStatus !== undefined) return plain(spec.httpStatus);
  return undefined;
}

/** Answer one request on a known route the way the server does. */
export function answer(host: ApiHost, route: Route, token: string | undefined, decoded: Decoded | null): Answer {
  const requestId = host.nextRequestId();
  if (token !== host.token) return status(requestId, CODE_BAD_TOKEN, MSG_BAD_TOKEN);
  if (decoded === null) return status(requestId, CODE_BAD_REQUEST, MSG_BAD_REQUEST);
  const text = (key: string) => (typeof decoded[key] === "string" ? (decoded[key] as string) : "");
  const num = (key: string) => (typeof decoded[key] === "number" ? (decoded[key] as number) : 0);
  const content = (decoded.content ?? {}) as Decoded;

  switch (route) {
    case "send-message": {
      const chatType = num("chatType");
      if (text("chatId") === "" || ![1, 2, 3].includes(chatType) || num("contentType") === 0) {
        return status(requestId, CODE_BAD_REQUEST, MSG_BAD_REQUEST);
      }
      const msgId = text("msgId") || crypto.randomUUID().replaceAll("-", "");
      const stored = host.store({
        msgId,
        chatId: text("chatId"),
        chatType,
        contentType: num("contentType"),
        content,
        senderId: host.userId,
        ...(text("quoteMsgId") && { quoteMsgId: text("quoteMsgId") }),
        origin: "send",
        recalled: false,
        edits: 0,
      });
      host.echo(route, stored);
      return status(requestId, CODE_OK, MSG_OK);
    }
    case "edit-message": {
      const stored = host.message(text("msgId"));
      if (stored === undefined || stored.recalled) return status(requestId, CODE_NO_MESSAGE, MSG_NO_MESSAGE);
      stored.content = content;
      if (num("contentType") !== 0) stored.contentType = num("contentType");
      if (text("quoteMsgId")) stored.quoteMsgId = text("quoteMsgId");
      stored.edits += 1;
      host.echo(route, stored);
      return status(requestId, CODE_OK, MSG_OK);
    }
    case "recall-msg": {
      const ids = Array.isArray(decoded.msgId) ? (decoded.msgId as string[]) : [];
      const found = ids.map((id) => host.message(id));
      if (ids.length === 0 || found.some((m) => m === undefined || m.recalled)) {
        return status(requestId, CODE_NO_MESSAGE, MSG_NO_MESSAGE);
      }
      for (const m of found as StoredMessage[]) {
        m.recalled = true;
        host.echo(route, m);
      }
      return status(requestId, CODE_OK, MSG_OK);
    }
  }
}
