/**
 * Unified actions → Yunhu requests.
 *
 * | action             | request                                                                                   | result                 |
 * |--------------------|-------------------------------------------------------------------------------------------|------------------------|
 * | message.create     | POST {api}/v1/msg/send-message SendMsgRequest {msg_id (new), chat_id, chat_type, content, content_type, quote_msg_id?} | `{message_id: msg_id}` |
 * | message.update     | POST {api}/v1/msg/edit-message SendMsgRequest {msg_id (the target), chat_id, chat_type, content, content_type} | `{}`                   |
 * | message.delete     | POST {api}/v1/msg/recall-msg RecallMsg {msg_id: [id], chat_id, chat_type}                 | `{}`                   |
 * | yunhu.draft        | socket: `{seq, cmd: "inputInfo", data: {chatId, input, deviceId}}`                        | 202 (no answer)        |
 * | upstream.raw frame | socket: the frame as given (a string verbatim, anything else as JSON)                     | 202 (no answer)        |
 * | upstream.raw http  | that request against `api`; a string body is base64 of protobuf bytes, anything else JSON | see `planRaw`          |
 *
 * Every HTTP request carries the account's `token` header and `content-type:
 * application/x-protobuf`. Answers are `StatusResponse`: code 1 is success; another code is
 * 422 upstream_rejected `{code, text: msg}`; an HTTP status other than 2xx or a body that is
 * not a StatusResponse is 502 upstream_error.
 *
 * Content → MsgContent and content_type: text and mention elements alone make a text message
 * (1); with a markdown or an html element (only one, and text may join it) a markdown (3) or
 * html (8) message; an image element (`image_url`, width, height) an image message (2); a
 * file element (`file_url`, `file_name`, `file_size`) a file message (4). A mention adds its
 * user id to `mentioned_id` and "@name " (or "@id ") to the text, as the official clients
 * write it. Anything else is refused with invalid_request.
 *
 * Chat type: `group` is ChatType 2; `private` is the type remembered from the chat's pushed
 * messages (1 user or 3 bot), else 1. The message id of a send is made on this side (32 hex
 * digits, see frames.ts `messageIdOf`), as the official clients do.
 */
import * as z from "zod";
import type { ActionOutcome, Context, HttpAnswer, Plan, PlatformAction } from "../contract.ts";
import type { ActionParams } from "../../events/actions.ts";
import { id as idSchema, type Element } from "../../events/elements.ts";
import { base64, fromBase64 } from "../../lib/bytes.ts";
import { isRecord, parseLossless } from "../../lib/json.ts";
import { errorText, problem, type FieldError } from "../../lib/problem.ts";
import { httpPlan, invalid, isSuccess, platformAction, socketPlan, unified, upstreamSaid, UPSTREAM_TEXT_LIMIT } from "../kit.ts";
import {
  CHAT_TYPE,
  CMD,
  CONTENT_TYPE,
  PROTOBUF,
  ROUTE,
  STATUS_OK,
  chatKey,
  deviceIdOf,
  endpoint,
  messageIdOf,
  pb,
  type ClientFrame,
  type YunhuConfig,
} from "./frames.ts";

type Ctx = Context<YunhuConfig>;
type Obj = Record<string, unknown>;

// ---- answers --------------------------------------------------------------------------------

type Status = { code: number; msg: string; request_id?: string };

/** The StatusResponse of an answer, or the problem it amounts to. */
function readStatus(answer: HttpAnswer, what: string): { status: Status } | { problem: ActionOutcome } {
  if (!isSuccess(answer))
    return { problem: { problem: problem("upstream_error", `yunhu answered HTTP ${answer.status} to ${what}`, { upstream: upstreamSaid(answer) }) } };
  let decoded: Obj;
  try {
    decoded = pb.StatusResponse.toObject(pb.StatusResponse.decode(answer.body), { longs: String, defaults: true });
  } catch (err) {
    return {
      problem: {
        problem: problem("upstream_error", `yunhu's answer to ${what} is not a StatusResponse: ${errorText(err)}`, { upstream: upstreamSaid(answer) }),
      },
    };
  }
  if (!isRecord(decoded.status) || answer.body.length === 0) {
    return { problem: { problem: problem("upstream_error", `yunhu's answer to ${what} has no status`, { upstream: upstreamSaid(answer) }) } };
  }
  const s = decoded.status;
  const status: Status = { code: typeof s.code === "number" ? s.code : 0, msg: typeof s.msg === "string" ? s.msg : "" };
  if (typeof s.request_id === "string" && s.request_id !== "0") status.request_id = s.request_id;
  if (status.code !== STATUS_OK) {
    const text = status.msg === "" ? null : status.msg.slice(0, UPSTREAM_TEXT_LIMIT);
    return {
      problem: {
        problem: problem("upstream_rejected", `yunhu refused to ${what} (${status.code}${text ? `: ${text}` : ""})`, { upstream: { code: status.code, text } }),
      },
    };
  }
  return { status };
}

function headers(ctx: Ctx): Record<string, string> {
  return { token: ctx.config.token, "content-type": PROTOBUF };
}

function post(ctx: Ctx, route: string, body: Uint8Array, what: string, result: () => Obj): Plan {
  return httpPlan({ method: "POST", url: endpoint(ctx.config, route), headers: headers(ctx), body }, (answer) => {
    const read = readStatus(answer, what);
    return "problem" in read ? read.problem : { result: result() };
  });
}

// ---- content --------------------------------------------------------------------------------

export interface WireContent {
  content: pb.MsgContent.$Properties;
  content_type: number;
}

export function toContent(elements: readonly Element[], path = "content"): WireContent {
  const errors: FieldError[] = [];
  let text = "";
  const mentioned: string[] = [];
  let kind: { type: number; at: string } | undefined;
  const content: pb.MsgContent.$Properties = {};
  const claim = (type: number, at: string): boolean => {
    if (kind) {
      errors.push({ path: at, message: `yunhu sends one markdown, html, image or file per message (already ${kind.at})` });
      return false;
    }
    kind = { type, at };
    return true;
  };

  elements.forEach((el, i) => {
    const at = `${path}.${i}`;
    switch (el.type) {
      case "text":
        text += el.text;
        return;
      case "mention":
        mentioned.push(el.user_id);
        text += `@${el.name ?? el.user_id} `;
        return;
      case "markdown":
        if (claim(CONTENT_TYPE.markdown, at)) text += el.text;
        return;
      case "html":
        if (claim(CONTENT_TYPE.html, at)) text += el.text;
        return;
      case "image":
        if (el.url.startsWith("data:")) errors.push({ path: `${at}.url`, message: "yunhu sends images by URL; upload it first" });
        else if (claim(CONTENT_TYPE.image, at)) {
          content.image_url = el.url;
          if (el.width !== undefined) content.width = el.width;
          if (el.height !== undefined) content.height = el.height;
        }
        return;
      case "file":
        if (el.url === undefined) errors.push({ path: `${at}.url`, message: "yunhu sends files by URL" });
        else if (claim(CONTENT_TYPE.file, at)) {
          content.file_url = el.url;
          if (el.name !== undefined) content.file_name = el.name;
          if (el.size !== undefined) content.file_size = el.size;
        }
        return;
      default:
        errors.push({ path: `${at}.type`, message: `yunhu cannot send ${el.type}` });
    }
  });
  const type = kind?.type ?? CONTENT_TYPE.text;
  if ((type === CONTENT_TYPE.image || type === CONTENT_TYPE.file) && text !== "") {
    errors.push({ path, message: "yunhu sends an image or a file without text or mentions" });
  }
  if (errors.length > 0) invalid(errors);
  if (text !== "") content.text = text;
  if (mentioned.length > 0) content.mentioned_id = mentioned;
  return { content, content_type: type };
}

/** ChatType for a target: 2 for groups; for private chats the remembered type (user or bot), else user. */
export function chatTypeFor(chat: { type: "private" | "group"; id: string }, ctx: Ctx): number {
  if (chat.type === "group") return CHAT_TYPE.group;
  const known = ctx.recall(chatKey(chat.id));
  return known === CHAT_TYPE.bot || known === CHAT_TYPE.user ? known : CHAT_TYPE.user;
}

// ---- messages -------------------------------------------------------------------------------

export function planMessageCreate(params: ActionParams<"message.create">, ctx: Ctx): Plan {
  const { content, content_type } = toContent(params.content);
  const msgId = messageIdOf(ctx.newKey());
  const request: pb.SendMsgRequest.$Properties = {
    msg_id: msgId,
    chat_id: params.chat.id,
    chat_type: chatTypeFor(params.chat, ctx),
    content,
    content_type,
  };
  if (params.reply_to !== undefined) request.quote_msg_id = params.reply_to;
  const body = pb.SendMsgRequest.encode(request).finish();
  return post(ctx, ROUTE.send, body, "send the message", () => ({ message_id: msgId }));
}

export function planMessageUpdate(params: ActionParams<"message.update">, ctx: Ctx): Plan {
  const { content, content_type } = toContent(params.content);
  const request: pb.SendMsgRequest.$Properties = {
    msg_id: params.message_id,
    chat_id: params.chat.id,
    chat_type: chatTypeFor(params.chat, ctx),
    content,
    content_type,
  };
  return post(ctx, ROUTE.edit, pb.SendMsgRequest.encode(request).finish(), "edit the message", () => ({}));
}

export function planMessageDelete(params: ActionParams<"message.delete">, ctx: Ctx): Plan {
  const request: pb.RecallMsg.$Properties = { msg_id: [params.message_id], chat_id: params.chat.id, chat_type: chatTypeFor(params.chat, ctx) };
  return post(ctx, ROUTE.recall, pb.RecallMsg.encode(request).finish(), "recall the message", () => ({}));
}

// ---- socket ---------------------------------------------------------------------------------

/** `yunhu.draft`: sets this account's draft of a chat on its other devices (`{chat {id}, text}`, as draft.updated shows it). */
export const DraftParams = z.object({ chat: z.object({ id: idSchema, type: z.enum(["private", "group"]).optional() }), text: z.string() });
export type DraftParams = z.output<typeof DraftParams>;

export function clientFrame(ctx: Ctx, cmd: string, data: Obj): string {
  const frame: ClientFrame = { seq: ctx.newKey(), cmd, data };
  return JSON.stringify(frame);
}

export function planDraft(params: DraftParams, ctx: Ctx): Plan {
  const frame = clientFrame(ctx, CMD.inputInfo, { chatId: params.chat.id, input: params.text, deviceId: deviceIdOf(ctx.config, ctx.connection) });
  return socketPlan([frame], null);
}

// ---- raw ------------------------------------------------------------------------------------

/**
 * `upstream.raw`.
 * - `{frame}`: sent on the socket (a string verbatim, anything else as JSON); the server
 *   answers client frames with nothing the relay can match, so the result is 202.
 * - `{http {method, path, body?}}`: the request against `api` with the token header. A string
 *   body is base64 of the protobuf bytes to send (application/x-protobuf); any other body is
 *   sent as JSON. The result is `{status: {code, msg, request_id?}?, base64}` for protobuf
 *   answers (the status when the answer leads with one; a code other than 1 is 422), or the
 *   answer's JSON for JSON answers.
 */
export function planRaw(params: ActionParams<"upstream.raw">, ctx: Ctx): Plan {
  if ("frame" in params) {
    const frame = typeof params.frame === "string" ? params.frame : JSON.stringify(params.frame);
    return socketPlan([frame], null);
  }
  const { method, path, body } = params.http;
  if (method === "GET" && body !== undefined) invalid([{ path: "http.body", message: "a GET carries no body" }]);
  const plan: Plan = {
    kind: "http",
    method,
    url: endpoint(ctx.config, path),
    headers: { token: ctx.config.token },
    parse(answer) {
      if (answer.status < 200 || answer.status > 299) {
        return { problem: problem("upstream_error", `yunhu answered HTTP ${answer.status}`, { upstream: upstreamSaid(answer) }) };
      }
      const type = Object.entries(answer.headers).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
      if (/json/i.test(type)) {
        try {
          const json = parseLossless(answer.text());
          return { result: isRecord(json) ? json : { data: json } };
        } catch {
          return { result: { text: answer.text() } };
        }
      }
      const result: Obj = { base64: base64(answer.body) };
      if (answer.body.length > 0 && answer.body[0] === 0x0a) {
        const read = readStatus(answer, "carry out the request");
        if ("problem" in read) {
          const p = read.problem;
          if ("problem" in p && p.problem.code === "upstream_rejected") return p;
        } else result.status = read.status;
      }
      return { result };
    },
  };
  if (body !== undefined) {
    if (typeof body === "string") {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(body);
      } catch {
        invalid([{ path: "http.body", message: "a string body must be base64 of the protobuf bytes" }]);
      }
      plan.headers = { ...plan.headers, "content-type": PROTOBUF };
      plan.body = bytes;
    } else {
      plan.headers = { ...plan.headers, "content-type": "application/json" };
      plan.body = JSON.stringify(body);
    }
  }
  return plan;
}

export const actions: Readonly<Record<string, PlatformAction<YunhuConfig>>> = {
  "message.create": unified("message.create", planMessageCreate),
  "message.update": unified("message.update", planMessageUpdate),
  "message.delete": unified("message.delete", planMessageDelete),
  "yunhu.draft": platformAction(DraftParams, planDraft),
  "upstream.raw": unified("upstream.raw", planRaw),
};
