/**
 * Unified actions → wschat requests. Every REST call carries `access_token` (config.ts).
 *
 * | action                     | request                                                      | result                                  |
 * |----------------------------|--------------------------------------------------------------|-----------------------------------------|
 * | message.create (private)   | socket `{type: "unicast", receiverId, content}`              | 202 `{message_id: null}`                |
 * | message.create (group)     | socket `{type: "multicast", groupId, content}`               | 202 `{message_id: null}`                |
 * | group.create               | POST /api/group?name=                                        | `{group_id}`                            |
 * | group.update (name)        | PUT /api/group/{id}?name=                                    | `{}`                                    |
 * | group.get                  | GET /api/group/{id}                                          | `{group: {id, name, owner_id, member_ids}}` |
 * | group.member.list          | GET /api/group/{id}                                          | `{members: [{id, role}]}`               |
 * | group.list                 | GET /api/group?detailed=true                                 | `{groups: [...]}`                       |
 * | group.invite               | POST /api/request `{groupId, userId}`                        | `{}`                                    |
 * | group.kick                 | DELETE /api/group/{id}?userId=                               | `{}`                                    |
 * | group.leave                | DELETE /api/group/{id} (the owner's dissolves the group)     | `{}`                                    |
 * | request.approve            | PUT /api/request/{id}                                        | `{}`                                    |
 * | request.reject             | DELETE /api/request/{id}                                     | `{}`                                    |
 * | wschat.notify              | POST /notification?type=&to=&from= `{notificationType, content}` | `{}`                                |
 * | upstream.raw `{frame}`     | the frame on the socket                                      | 202 `{message_id: null}`                |
 * | upstream.raw `{http}`      | that request against `api`                                   | the server's JSON                       |
 *
 * The server never confirms a socket message, hence 202. Answers: 2xx is the result; 400,
 * 403, 404 and 409 are 422 `upstream_rejected` with `upstream {code, text}` (the text is the
 * server's, or what the seed says that status means on that route when the body is empty);
 * anything else is 502 `upstream_error`. No answer within the action timeout is 504.
 *
 * Content is text: text elements are joined; a single `unknown` element sends its `raw` as the
 * content (what arrives as such an element goes back as it came). Anything else, a `reply_to`,
 * a group `notice` or a request `comment` is refused with 400 naming the field: wschat has no
 * field for them. message.delete and message.update do not exist on wschat (501).
 */
import * as z from "zod";
import type { ActionOutcome, Context, HttpAnswer, Plan, PlatformAction } from "../contract.ts";
import type { ActionParams } from "../../events/actions.ts";
import { id as idSchema, type Element } from "../../events/elements.ts";
import { isRecord } from "../../lib/json.ts";
import { problem, type FieldError } from "../../lib/problem.ts";
import { httpPlan, invalid, isSuccess, platformAction, socketPlan, unified } from "../kit.ts";
import { REFUSAL_STATUSES, bodyOf, said } from "./answers.ts";
import { endpoint, type WschatConfig } from "./config.ts";
import { CreatedGroup, FRAME_TYPE, GroupInfo, GroupList, NOTIFY_TYPES, ROUTE, type ClientFrame, type InviteBody, type NotificationBody } from "./frames.ts";
import { invitationKey } from "./invitations.ts";

type Ctx = Context<WschatConfig>;
type Obj = Record<string, unknown>;

// ---- answers --------------------------------------------------------------------------------

/** What the seed says a 403 means on each route, for answers that say nothing themselves. */
const REFUSAL_TEXT: Readonly<Record<string, string>> = {
  "PUT /api/group/{id}": "不是群主，无权修改 (not the group's owner)",
  "POST /api/request": "不是群成员，无权邀请，或成员已在组内 (not a member, or the user is already in the group)",
  "DELETE /api/request/{id}": "该邀请不是发送给此用户的 (the invitation is not addressed to this account)",
  "PUT /api/request/{id}": "该邀请不是发送给此用户的 (the invitation is not addressed to this account)",
  "GET /api/group/{id}": "不在此群聊中，没有权限获取 (not a member of the group)",
  "DELETE /api/group/{id}": "不在此群聊中，没有权限 (not a member of the group)",
  "DELETE /api/group/{id}?userId": "不是群主，没有权限 (not the group's owner)",
  "POST /notification": "请求有误 (the request is wrong)",
};

/** An HTTP plan whose 2xx answer `read` turns into a result. */
function rest(
  ctx: Ctx,
  request: { method: string; route: string; template: string; query?: Record<string, string | undefined>; body?: unknown },
  what: string,
  read: (answer: HttpAnswer) => ActionOutcome = () => ({ result: {} }),
): Plan {
  const body = request.body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(request.body) };
  return httpPlan({ method: request.method, url: endpoint(ctx.config, request.route, request.query), ...body }, (answer) => {
    if (isSuccess(answer)) return read(answer);
    const text = said(answer) || (answer.status === 403 ? REFUSAL_TEXT[`${request.method} ${request.template}`] : undefined) || null;
    const upstream = { code: answer.status, text };
    if (REFUSAL_STATUSES.has(answer.status)) {
      return { problem: problem("upstream_rejected", `wschat refused to ${what} (HTTP ${answer.status}${text ? `: ${text}` : ""})`, { upstream }) };
    }
    return { problem: problem("upstream_error", `wschat answered HTTP ${answer.status} to ${what}`, { upstream }) };
  });
}

function unreadable(answer: HttpAnswer, what: string): ActionOutcome {
  return {
    problem: problem("upstream_error", `wschat's answer to ${what} is not what the API describes`, { upstream: { code: answer.status, text: said(answer) } }),
  };
}

/** A 2xx answer's JSON checked against `schema`, or a 502. */
function readJson<T extends z.ZodType>(schema: T, what: string, shape: (value: z.output<T>) => Obj) {
  return (answer: HttpAnswer): ActionOutcome => {
    const body = bodyOf(answer);
    const parsed = "json" in body ? schema.safeParse(body.json) : null;
    return parsed?.success ? { result: shape(parsed.data) } : unreadable(answer, what);
  };
}

// ---- messages -------------------------------------------------------------------------------

/** The content to put in a frame: the text of text elements, or a lone unknown element's raw. */
export function wireContent(content: readonly Element[]): unknown {
  const [first] = content;
  if (content.length === 1 && first?.type === "unknown") return first.raw;
  const errors: FieldError[] = [];
  content.forEach((el, i) => {
    if (el.type !== "text") errors.push({ path: `content.${i}.type`, message: `wschat sends text only, not ${el.type}` });
  });
  if (errors.length > 0) invalid(errors);
  return content.map((el) => (el.type === "text" ? el.text : "")).join("");
}

export function planMessageCreate(params: ActionParams<"message.create">, _ctx: Ctx): Plan {
  if (params.reply_to !== undefined) invalid([{ path: "reply_to", message: "wschat messages cannot quote or reply" }]);
  const content = wireContent(params.content);
  const frame: ClientFrame =
    params.chat.type === "private"
      ? { type: FRAME_TYPE.private, receiverId: params.chat.id, content }
      : { type: FRAME_TYPE.group, groupId: params.chat.id, content };
  return socketPlan([JSON.stringify(frame)], null);
}

// ---- groups ---------------------------------------------------------------------------------

/** A group as the relay shows it. */
function groupView(g: GroupInfo): Obj {
  const out: Obj = { id: g.id };
  if (g.name !== undefined) out.name = g.name;
  if (g.managerId !== undefined) out.owner_id = g.managerId;
  if (g.usersId !== undefined) out.member_ids = g.usersId;
  return out;
}

function planGroupCreate(params: ActionParams<"group.create">, ctx: Ctx): Plan {
  const what = "create the group";
  return rest(ctx, { method: "POST", route: ROUTE.groups, template: ROUTE.groups, query: { name: params.name } }, what, (answer) => {
    const body = bodyOf(answer);
    const text = answer.text().trim();
    // The id as JSON (a number, a string, {id}) or as bare text.
    const parsed = CreatedGroup.safeParse("json" in body ? body.json : text);
    return parsed.success && parsed.data !== "" ? { result: { group_id: parsed.data } } : unreadable(answer, what);
  });
}

function planGroupUpdate(params: ActionParams<"group.update">, ctx: Ctx): Plan {
  const errors: FieldError[] = [];
  if (params.notice !== undefined) errors.push({ path: "notice", message: "wschat groups have no notice" });
  if (params.name === undefined) errors.push({ path: "name", message: "required: wschat can only rename a group" });
  if (errors.length > 0) invalid(errors);
  const route = ROUTE.group(params.group_id);
  return rest(ctx, { method: "PUT", route, template: "/api/group/{id}", query: { name: params.name } }, "rename the group");
}

function planGroupGet(params: ActionParams<"group.get">, ctx: Ctx): Plan {
  const what = "get the group";
  return rest(
    ctx,
    { method: "GET", route: ROUTE.group(params.group_id), template: "/api/group/{id}" },
    what,
    readJson(GroupInfo, what, (g) => ({ group: groupView(g) })),
  );
}

function planMemberList(params: ActionParams<"group.member.list">, ctx: Ctx): Plan {
  const what = "list the group's members";
  return rest(
    ctx,
    { method: "GET", route: ROUTE.group(params.group_id), template: "/api/group/{id}" },
    what,
    readJson(GroupInfo, what, (g) => ({ members: (g.usersId ?? []).map((id) => ({ id, role: id === g.managerId ? "owner" : "member" })) })),
  );
}

function planGroupList(_params: ActionParams<"group.list">, ctx: Ctx): Plan {
  const what = "list the groups";
  return rest(
    ctx,
    { method: "GET", route: ROUTE.groups, template: ROUTE.groups, query: { detailed: "true" } },
    what,
    readJson(GroupList, what, (list) => ({ groups: list.map((g) => (typeof g === "string" ? { id: g } : groupView(g))) })),
  );
}

function planGroupInvite(params: ActionParams<"group.invite">, ctx: Ctx): Plan {
  const body: InviteBody = { groupId: params.group_id, userId: params.user_id };
  return rest(ctx, { method: "POST", route: ROUTE.requests, template: ROUTE.requests, body }, "invite the user");
}

function planGroupKick(params: ActionParams<"group.kick">, ctx: Ctx): Plan {
  const route = ROUTE.group(params.group_id);
  return rest(ctx, { method: "DELETE", route, template: "/api/group/{id}?userId", query: { userId: params.user_id } }, "remove the member");
}

function planGroupLeave(params: ActionParams<"group.leave">, ctx: Ctx): Plan {
  return rest(ctx, { method: "DELETE", route: ROUTE.group(params.group_id), template: "/api/group/{id}" }, "leave the group");
}

// ---- invitations ----------------------------------------------------------------------------

function planAnswer(accept: boolean) {
  return (params: ActionParams<"request.approve">, ctx: Ctx): Plan => {
    const errors: FieldError[] = [];
    if (ctx.recall(invitationKey(params.request_id)) === undefined)
      errors.push({ path: "request_id", message: "names no group invitation this connection has seen" });
    if (params.comment !== undefined) errors.push({ path: "comment", message: "wschat answers an invitation without a comment" });
    if (errors.length > 0) invalid(errors);
    const route = ROUTE.request(params.request_id);
    // Answered: forgotten, so that answering it again is refused before it reaches the server.
    const answered = (): ActionOutcome => ({ result: {}, remember: { [invitationKey(params.request_id)]: null } });
    return rest(
      ctx,
      { method: accept ? "PUT" : "DELETE", route, template: "/api/request/{id}" },
      accept ? "accept the invitation" : "decline the invitation",
      answered,
    );
  };
}

// ---- notifications --------------------------------------------------------------------------

export const NotifyParams = z
  .object({
    type: z.enum(NOTIFY_TYPES).default("unicast"),
    to: idSchema.optional(),
    from: idSchema.optional(),
    notificationType: z.string().min(1),
    content: z.unknown().optional(),
  })
  .strict();
export type NotifyParams = z.output<typeof NotifyParams>;

function planNotify(params: NotifyParams, ctx: Ctx): Plan {
  if (params.type !== "broadcast" && params.to === undefined)
    invalid([{ path: "to", message: `required for ${params.type}: the ${params.type === "unicast" ? "user" : "group"} to notify` }]);
  if (params.type === "broadcast" && params.from === undefined) invalid([{ path: "from", message: "required for broadcast: whose friends to notify" }]);
  const body: NotificationBody = { notificationType: params.notificationType, content: params.content ?? null };
  const query = { type: params.type, to: params.type === "broadcast" ? undefined : params.to, from: params.from };
  return rest(ctx, { method: "POST", route: ROUTE.notification, template: ROUTE.notification, query, body }, "push the notification");
}

// ---- raw ------------------------------------------------------------------------------------

function planRaw(params: ActionParams<"upstream.raw">, ctx: Ctx): Plan {
  if ("frame" in params) {
    const { frame } = params;
    return socketPlan([typeof frame === "string" ? frame : JSON.stringify(frame)], null);
  }
  const { method, path, body } = params.http;
  if (method === "GET" && body !== undefined) invalid([{ path: "http.body", message: "a GET carries no body" }]);
  return rest(ctx, { method, route: path, template: path, body }, `${method} ${new URL(path, "http://x").pathname}`, (answer) => {
    const read = bodyOf(answer);
    if ("text" in read) return { result: { text: read.text } };
    if (read.json === undefined) return { result: {} };
    return { result: isRecord(read.json) ? read.json : { data: read.json } };
  });
}

export const actions: Readonly<Record<string, PlatformAction<WschatConfig>>> = {
  "message.create": unified("message.create", planMessageCreate),
  "group.create": unified("group.create", planGroupCreate),
  "group.update": unified("group.update", planGroupUpdate),
  "group.get": unified("group.get", planGroupGet),
  "group.member.list": unified("group.member.list", planMemberList),
  "group.list": unified("group.list", planGroupList),
  "group.invite": unified("group.invite", planGroupInvite),
  "group.kick": unified("group.kick", planGroupKick),
  "group.leave": unified("group.leave", planGroupLeave),
  "request.approve": unified("request.approve", planAnswer(true)),
  "request.reject": unified("request.reject", planAnswer(false)),
  "wschat.notify": platformAction(NotifyParams, planNotify),
  "upstream.raw": unified("upstream.raw", planRaw),
};
