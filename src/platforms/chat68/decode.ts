/**
 * chat68 frames → unified events, answers to actions and liveness signals.
 *
 * | frame                                                   | output                                                |
 * |---------------------------------------------------------|-------------------------------------------------------|
 * | `{"message":"Hello"}` (the greeting)                    | nothing                                               |
 * | answer `{id, type, data}` to a request                  | reply (key `id`): the answer                          |
 * | answer with `error {errorCode, errorDesc}`              | reply problem: 422, or 502 for codes ≥ 500            |
 * | answer whose `data.commonResult.errCode` ≠ 200          | reply problem: 422, or 502 for codes ≥ 500            |
 * | answer to the heartbeat (`id` "heartbeat-…")            | signal `heartbeat_ack` (and the API host remembered)  |
 * | msgNew, type friend / group                             | `message.created` (content by msgType, see content.ts)|
 * | msgNew, msgType 201 / 203 (recall)                      | `message.deleted`                                     |
 * | msgNew, msgType 8 (notice) in a group                   | `group.updated {notice}`                              |
 * | msgNew, operatorType groupShutupAll                     | `group.member.muted` (whole group)                    |
 * | msgNew, operatorType operatorReadCancel                 | `group.updated {burn_after_reading}`                  |
 * | groupUpdate                                             | `group.updated` (`name`, `notice`, other `values`)    |
 * | recall_msg                                              | `message.deleted`, one per recalled message           |
 * | msgListPropertyUpdate                                   | quiet reply (key `send:<customMsgId>`): `{message_id, timestamp}`, or 422 on readStatus 0 |
 * | anything else, non-JSON text, binary                    | `upstream.unknown`                                    |
 *
 * Every message seen (and every send confirmed) is remembered as `msg:<id>` with its
 * customMsgId and chat: /deleteMsg needs the customMsgId, and a pushed one-to-one recall
 * names only the message and its target.
 */
import type { Context, Decoded, Frame, Reply, Signal } from "../contract.ts";
import type { ChatRef, DraftEvent } from "../../events/types.ts";
import { plainText } from "../../events/elements.ts";
import { idString, isRecord, parseLossless } from "../../lib/json.ts";
import { problem, type Problem } from "../../lib/problem.ts";
import { jsonFailure, one, rawOf, unknown } from "../kit.ts";
import { epochMs, nonEmpty, shown } from "../../lib/values.ts";
import { elements } from "./content.ts";
import {
  Answer,
  CommonResult,
  Greeting,
  GroupUpdate,
  HEARTBEAT_PREFIX,
  MSG_TYPE,
  MsgNew,
  NOTIFICATION,
  OK_CODE,
  OPERATOR,
  READ_STATUS,
  REQUEST,
  RecallMsg,
  SendResult,
  WEB_API_HOST_KEY,
  confirmKey,
  messageKey,
  type Chat68Config,
  type RememberedMessage,
} from "./frames.ts";

type Ctx = Context<Chat68Config>;
type Obj = Record<string, unknown>;

/** Never throws when wrapped in the kit's guardDecode (index.ts). */
export function decode(frame: Frame, ctx: Ctx): Decoded {
  if (typeof frame !== "string") return unknown("binary frame", rawOf(frame));
  let f: unknown;
  try {
    f = parseLossless(frame);
  } catch (err) {
    return unknown(jsonFailure(err), rawOf(frame));
  }
  if (!isRecord(f)) return unknown("JSON frame is not an object", f);
  if (Greeting.safeParse(f).success) return { events: [] };
  if (typeof f.operator === "string") return push(f, f.operator, ctx);
  if (f.id !== undefined && typeof f.type === "string") return answer(f);
  return unknown("neither a pushed frame (operator) nor an answer (id, type)", f);
}

// ---- answers to requests --------------------------------------------------------------------

function answer(f: Obj): Decoded {
  const parsed = Answer.safeParse(f);
  const key = parsed.success ? idString(parsed.data.id) : undefined;
  if (!parsed.success || !key) return unknown(`answer with an unusable id ${shown(f.id)}`, f);
  const a = parsed.data;
  const decoded: Decoded = { events: [] };
  const host = a.type === REQUEST.getApiUrl && typeof a.data === "string" && /^https?:\/\//.test(a.data) ? a.data.replace(/\/+$/, "") : undefined;
  if (host) decoded.remember = { [WEB_API_HOST_KEY]: host };
  if (key.startsWith(HEARTBEAT_PREFIX)) {
    // Any answer, even an error, shows the client alive.
    const signals: Signal[] = [{ kind: "heartbeat_ack" }];
    decoded.signals = signals;
    return decoded;
  }
  const failure = refusal(a);
  const reply: Reply = failure ? { key, problem: failure } : { key, result: f };
  decoded.replies = [reply];
  return decoded;
}

/** The problem an answer reports, if any. */
function refusal(a: Answer): Problem | undefined {
  if (a.error) {
    const code = a.error.errorCode ?? null;
    const text = a.error.errorDesc ?? null;
    return upstreamProblem(code, text, `the 68chat client answered ${a.type} with error ${shown(code)}${text ? `: ${text}` : ""}`);
  }
  if (isRecord(a.data) && a.data.commonResult !== undefined) {
    const common = CommonResult.safeParse(a.data.commonResult);
    if (!common.success)
      return problem("upstream_error", `the 68chat web API answered ${a.type} with an unreadable commonResult`, {
        upstream: { code: null, text: shown(a.data.commonResult) },
      });
    const code = common.data.errCode;
    if (Number(code) !== OK_CODE) {
      const c = common.data as Obj;
      const text = nonEmpty(c.errMsg) ?? nonEmpty(c.msg) ?? nonEmpty(c.message) ?? null;
      return upstreamProblem(code, text, `the 68chat web API refused the ${a.type} call with errCode ${shown(code)}${text ? `: ${text}` : ""}`);
    }
  }
  return undefined;
}

/** 5xx codes are the upstream failing (502); every other code is a refusal (422). */
export function upstreamProblem(code: string | number | null, text: string | null, detail: string): Problem {
  const n = Number(code);
  return problem(Number.isFinite(n) && n >= 500 ? "upstream_error" : "upstream_rejected", detail, { upstream: { code, text } });
}

// ---- pushed frames --------------------------------------------------------------------------

function push(f: Obj, operator: string, ctx: Ctx): Decoded {
  switch (operator) {
    case OPERATOR.msgNew:
      return msgNew(f);
    case OPERATOR.groupUpdate:
      return groupUpdate(f);
    case OPERATOR.recall:
      return recalled(f, ctx);
    case OPERATOR.sendResult:
      return sendResult(f);
    default:
      return unknown(`unknown operator ${shown(operator)}`, f);
  }
}

function msgNew(f: Obj): Decoded {
  const data = isRecord(f.data) ? f.data : {};
  const notification = nonEmpty(f.operatorType) ?? nonEmpty(data.notificationType);
  if (notification !== undefined || data.msgType === MSG_TYPE.groupNotification) return groupNotification(f, data, notification);
  const parsed = MsgNew.safeParse(data);
  if (!parsed.success) return unknown(`msgNew without ${issuePaths(parsed.error)}`, f);
  const d = parsed.data;
  const id = idString(d.msgId) ?? idString(d.MsgID);
  const chat = chatOf(d);
  if (!id || !chat) return unknown("msgNew without a message id or chat id", f);
  const timestamp = epochMs(d.sendTime) ?? epochMs(d.time);
  const remembered: RememberedMessage = { t: chat.type, i: chat.id };
  if (d.customMsgId) remembered.c = d.customMsgId;
  const remember = { [messageKey(id)]: remembered };
  const sender = senderOf(d);

  if (d.msgType === MSG_TYPE.recall || d.msgType === MSG_TYPE.recallOk) {
    // The recalled message's id is the content when it is one, else the frame's own id.
    const target = /^\d{1,20}$/.test(d.content ?? "") ? (d.content as string) : id;
    const out: Obj = { message: { id: target, chat } };
    if (sender.id) out.operator = { id: sender.id };
    return withMemory(one("message.deleted", out, f, timestamp), remember);
  }
  if (d.msgType === MSG_TYPE.notice && chat.type === "group") {
    return withMemory(one("group.updated", { group: chat, notice: d.content ?? "" }, f, timestamp), remember);
  }
  const content = elements(d);
  const message: Obj = { id, chat, sender, content, text: plainText(content) };
  if (d.isSelf === true) message.self = true;
  return withMemory(one("message.created", { message }, f, timestamp), remember);
}

/** The chat: a group (with its name) or the friend on the other side. */
function chatOf(d: MsgNew): ChatRef | undefined {
  if (d.type === "group") {
    const id = idString(d.groupId) ?? idString(d.id);
    if (!id) return undefined;
    const chat: ChatRef = { type: "group", id };
    const name = nonEmpty(d.groupName) ?? nonEmpty(d.name);
    if (name !== undefined) chat.name = name;
    return chat;
  }
  const id = idString(d.friendId) ?? idString(d.id) ?? (d.isSelf ? idString(d.receiveUid) : idString(d.sendUid));
  return id ? { type: "private", id } : undefined;
}

function senderOf(d: MsgNew): { id: string; name?: string } {
  const id = idString(d.sendUid) ?? idString(d.sendMember?.user?.uid) ?? idString(d.sendUser?.uid) ?? idString(d.user?.uid) ?? "";
  const sender: { id: string; name?: string } = { id };
  const name =
    nonEmpty(d.sendMember?.user?.nickName) ??
    nonEmpty(d.sendUser?.nickName) ??
    nonEmpty(d.user?.nickName) ??
    nonEmpty(d.sendUserName?.replace(/[：:]\s*$/, ""));
  if (name !== undefined) sender.name = name;
  return sender;
}

/** A group notification pushed as msgNew (msgType 50): whole-group mute, burn-after-reading. */
function groupNotification(f: Obj, data: Obj, kind: string | undefined): Decoded {
  const groupId = idString(data.groupId) ?? idString(data.id);
  if (!groupId) return unknown(`group notification ${shown(kind)} without a group id`, f);
  const timestamp = epochMs(data.sendTime) ?? epochMs(data.time);
  const group = { id: groupId };
  if (kind === NOTIFICATION.shutupAll) {
    if (typeof data.bfShutup !== "boolean") return unknown("groupShutupAll without bfShutup", f);
    // 68chat's whole-group mute has no duration: on until lifted (-1), or lifted (0).
    return one("group.member.muted", { group, duration_s: data.bfShutup ? -1 : 0 }, f, timestamp);
  }
  if (kind === NOTIFICATION.readCancel) {
    return one("group.updated", { group, burn_after_reading: typeof data.content === "string" ? data.content : "" }, f, timestamp);
  }
  return unknown(`unknown group notification ${shown(kind)}`, f);
}

function groupUpdate(f: Obj): Decoded {
  const parsed = GroupUpdate.safeParse(f.data);
  const id = parsed.success ? idString(parsed.data.id) : undefined;
  if (!parsed.success || !id) return unknown("groupUpdate without a group id or values", f);
  const { name, notice, ...rest } = parsed.data.values;
  const group: Obj = { id };
  const out: Obj = { group };
  if (typeof name === "string") {
    group.name = name;
    out.name = name;
  }
  if (typeof notice === "string") out.notice = notice;
  if (Object.keys(rest).length > 0) out.values = rest;
  return one("group.updated", out, f);
}

function recalled(f: Obj, ctx: Ctx): Decoded {
  const parsed = RecallMsg.safeParse(f.data);
  if (!parsed.success || parsed.data.recallOneToOneMessages.length === 0) return unknown("recall_msg without recallOneToOneMessages", f);
  const events: DraftEvent[] = [];
  for (const entry of parsed.data.recallOneToOneMessages) {
    const id = idString(entry.msgId);
    const seen = id ? remembered(ctx, id) : undefined;
    const chatId = seen?.i ?? idString(entry.msgTargetId);
    if (!id || !chatId) return unknown("recall_msg entry without msgId or msgTargetId", f);
    const event: DraftEvent = { type: "message.deleted", data: { message: { id, chat: { type: seen?.t ?? "private", id: chatId } } }, raw: f };
    const ts = epochMs(entry.clearTime);
    if (ts !== undefined) event.timestamp = ts;
    events.push(event);
  }
  return { events };
}

/**
 * The results of sends: each confirms (readStatus 1) or fails (0) the message.create waiting on
 * its customMsgId. Quiet: a send made from the desktop app has a result too, which nothing here
 * waits for (its message arrives as msgNew with isSelf).
 */
function sendResult(f: Obj): Decoded {
  const parsed = SendResult.safeParse(f.data);
  if (!parsed.success || parsed.data.list.length === 0) return unknown("msgListPropertyUpdate without a list of results", f);
  const d = parsed.data;
  const chatId = idString(d.id);
  const replies: Reply[] = [];
  const remember: Record<string, RememberedMessage> = {};
  for (const item of d.list) {
    const custom = idString(item.customMsgId);
    if (!custom) continue;
    const { readStatus } = item.updated;
    if (readStatus === READ_STATUS.sent) {
      const messageId = idString(item.updated.MsgID) ?? null;
      const result: Obj = { message_id: messageId };
      const ts = epochMs(item.updated.time) ?? epochMs(item.updated.sendTime);
      if (ts !== undefined) result.timestamp = ts;
      replies.push({ key: confirmKey(custom), result, quiet: true });
      if (messageId && chatId && d.type) remember[messageKey(messageId)] = { c: custom, t: d.type === "group" ? "group" : "private", i: chatId };
    } else {
      const detail = `the 68chat client reported the message as not sent (readStatus ${readStatus})`;
      replies.push({
        key: confirmKey(custom),
        problem: problem("upstream_rejected", detail, { upstream: { code: readStatus, text: "message not sent" } }),
        quiet: true,
      });
    }
  }
  if (replies.length === 0) return unknown("msgListPropertyUpdate without customMsgId", f);
  const decoded: Decoded = { events: [], replies };
  if (Object.keys(remember).length > 0) decoded.remember = remember;
  return decoded;
}

// ---- pieces ---------------------------------------------------------------------------------

export function remembered(ctx: Ctx, id: string): RememberedMessage | undefined {
  const v = ctx.recall(messageKey(id));
  return isRecord(v) && (v.t === "private" || v.t === "group") && typeof v.i === "string" ? (v as unknown as RememberedMessage) : undefined;
}

function withMemory(decoded: Decoded, remember: Record<string, unknown>): Decoded {
  decoded.remember = { ...decoded.remember, ...remember };
  return decoded;
}

function issuePaths(error: { issues: readonly { path: readonly PropertyKey[] }[] }): string {
  return [...new Set(error.issues.map((i) => i.path.join(".") || "(root)"))].join(", ");
}
