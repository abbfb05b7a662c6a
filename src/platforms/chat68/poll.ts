/**
 * Friend requests. The client pushes nothing when someone asks to be a friend, so while the
 * session is up the relay asks the side API for the pending ones (ContactsApplyList through
 * POST /request) every minute and turns each it has not seen into `friend.requested`, deduped
 * by user and time. Without `upstream.api` there is nothing to ask: the poll does nothing, and
 * `chat68.friend_requests` still lists them over the socket.
 */
import type { Context, HttpAnswer, LinkStep, StepResult } from "../contract.ts";
import type { DraftEvent } from "../../events/types.ts";
import { idString, isRecord } from "../../lib/json.ts";
import { errorText, ProblemError } from "../../lib/problem.ts";
import { epochMs } from "../../lib/values.ts";
import { WEB_API, WEB_API_HOST_KEY, type Chat68Config } from "./frames.ts";
import { friendRequest } from "./records.ts";
import { post, sideData, sideJson } from "./side.ts";

type Ctx = Context<Chat68Config>;

export const FRIEND_REQUEST_POLL_MS = 60_000;

/** The poll's first step: the pending requests (after learning the API host, when not known yet). */
export function friendRequestPoll(ctx: Ctx): LinkStep | null {
  const api = ctx.config.api?.replace(/\/+$/, "");
  if (api === undefined) return null;
  const host = ctx.recall(WEB_API_HOST_KEY);
  if (typeof host === "string") return pending(ctx, api, host);
  return {
    request: post(ctx, api, "/getApiUrl", {}),
    then(answer, c) {
      const learned = read(answer, "/getApiUrl", sideData);
      if ("events" in learned) return learned;
      if (typeof learned.value !== "string" || !/^https?:\/\//.test(learned.value)) return failed("/getApiUrl answered no API host");
      const h = learned.value.replace(/\/+$/, "");
      return { events: [], remember: { [WEB_API_HOST_KEY]: h }, next: pending(c, api, h) };
    },
  };
}

function pending(ctx: Ctx, api: string, host: string): LinkStep {
  const { type, path } = WEB_API.contactsApplyList;
  return {
    request: post(ctx, api, "/request", { type, url: `${host}${path}` }),
    then(answer) {
      const got = read(answer, "/request", sideJson);
      if ("events" in got) return got;
      const data = got.value;
      if (!isRecord(data) || !Array.isArray(data.recordList)) return failed(`ContactsApplyList answered ${JSON.stringify(data)?.slice(0, 200)}`);
      const common = isRecord(data.commonResult) ? Number(data.commonResult.errCode) : 200;
      if (common !== 200) return failed(`ContactsApplyList refused with errCode ${common}`);
      return { events: data.recordList.filter(isRecord).flatMap(requested) };
    },
  };
}

/** A pending request → friend.requested, once per user and request time. */
function requested(r: Record<string, unknown>): DraftEvent[] {
  const request = friendRequest(r);
  const user = request.user as { id: string };
  if (!idString(user.id)) return [];
  const time = epochMs(r.modifyTime);
  const { time: _time, ...rest } = request;
  const event: DraftEvent = {
    type: "friend.requested",
    data: { request: { id: user.id, ...rest } },
    raw: r,
    dedupe: `friend-request:${user.id}:${time ?? ""}`,
  };
  if (time !== undefined) event.timestamp = time;
  return [event];
}

/** The answer's value, or the StepResult of a failed poll. */
function read(answer: HttpAnswer | { error: string }, route: string, parse: (a: HttpAnswer, route: string) => unknown): { value: unknown } | StepResult {
  if ("error" in answer) return failed(`${route}: ${answer.error}`);
  try {
    return { value: parse(answer, route) };
  } catch (err) {
    return failed(err instanceof ProblemError ? err.problem.detail : errorText(err));
  }
}

/** A failed poll is kept as upstream.unknown, once per distinct reason (not every minute). */
function failed(reason: string): StepResult {
  const text = `friend request poll failed: ${reason}`;
  return { events: [{ type: "upstream.unknown", data: { reason: text }, raw: null, dedupe: `friend-request-poll:${text}` }] };
}
