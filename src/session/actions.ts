/**
 * Performing an action: resolve it on the platform, validate its params, honour the
 * Idempotency-Key, run the adapter's plan (frames on the socket and wait for the correlated
 * reply, possibly in two phases; an HTTP request to the upstream's API; or nothing when the
 * outcome is known) step by step while a step continues it, and map the outcome.
 */
import * as z from "zod";
import { ACTION_PARAMS, isUnifiedAction } from "../events/actions.ts";
import { hex } from "../lib/bytes.ts";
import { deadline, isTimeout } from "../lib/deadline.ts";
import { errorText, fail, ok, problem, ProblemError, type FieldError, type Outcome, type Problem } from "../lib/problem.ts";
import type { ActionOutcome, Context, Frame, HttpAnswer, HttpRequest, Plan, Platform, Remember } from "../platforms/contract.ts";
import { isKnownAction } from "../platforms/index.ts";
import type { Inflight } from "./inflight.ts";
import type { SessionStore } from "./store.ts";

export interface ActionResponse {
  /** 200 when the upstream confirmed, 202 when the platform gives no confirmation. */
  status: 200 | 202;
  result: Record<string, unknown>;
}

export interface ActionDeps {
  store: SessionStore;
  platform: Platform;
  context(): Context<unknown>;
  connected(): boolean;
  send(frames: readonly Frame[]): boolean;
  inflight: Inflight;
  timeoutMs: number;
  /** 0 when the action may go now, else the ms until it may (429). */
  admit(): number;
  /** Keeps what an outcome asks to remember, as a decoded frame's `remember` is kept. */
  remember(entries: Remember): void;
  /** Makes an HTTP request (the upstream's API); `fetch` by default. */
  fetch?: typeof fetch;
}

/** The most steps a plan may take (upload, then send, …); one more is an adapter fault. */
export const MAX_PLAN_STEPS = 4;

/** Outcomes where nothing reached the upstream are not remembered: a retry may act. */
const RETRYABLE: ReadonlySet<string> = new Set(["invalid_request", "not_found", "unsupported_action", "not_connected", "rate_limited"]);

export async function performAction(deps: ActionDeps, name: string, input: unknown, key: string | null): Promise<Outcome<ActionResponse>> {
  const { platform } = deps;
  const action = Object.hasOwn(platform.actions, name) ? platform.actions[name] : undefined;
  if (!action) {
    if (isUnifiedAction(name) || isKnownAction(name)) return fail(problem("unsupported_action", `the ${platform.name} platform has no action ${name}`));
    return fail(problem("not_found", `no action named ${name}`));
  }
  const schema = action.params ?? (isUnifiedAction(name) ? ACTION_PARAMS[name] : undefined);
  let params: unknown = input;
  if (schema) {
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) return fail(problem("invalid_request", `invalid params for ${name}`, { errors: fieldErrors(parsed.error) }));
    params = parsed.data;
  }

  if (key === null) return admitted(deps) ?? run(deps, action.plan, params);
  const fingerprint = await sha256(`${name}\n${JSON.stringify(input ?? null)}`);
  const seen = deps.store.idempotency(key);
  if (seen) {
    if (seen.fingerprint !== fingerprint) return fail(problem("conflict", "this Idempotency-Key was used with a different action or body"));
    if (seen.response === null) return fail(problem("conflict", "a request with this Idempotency-Key is still in progress"));
    return JSON.parse(seen.response) as Outcome<ActionResponse>;
  }
  const limited = admitted(deps);
  if (limited) return limited;
  deps.store.beginIdempotent(key, fingerprint, Date.now());
  const outcome = await run(deps, action.plan, params);
  deps.store.finishIdempotent(key, !outcome.ok && RETRYABLE.has(outcome.problem.code) ? null : JSON.stringify(outcome));
  return outcome;
}

/** A 429 when the connection's action rate is exceeded, else null. */
function admitted(deps: ActionDeps): Outcome<never> | null {
  const waitMs = deps.admit();
  if (waitMs === 0) return null;
  return fail(problem("rate_limited", `too many actions on this connection; retry in ${Math.ceil(waitMs / 1000)} s`, { retryAfter: Math.ceil(waitMs / 1000) }));
}

async function run(deps: ActionDeps, planner: (params: any, ctx: Context<unknown>) => Plan, params: unknown): Promise<Outcome<ActionResponse>> {
  let next: Plan | ActionOutcome;
  try {
    next = planner(params, deps.context());
  } catch (err) {
    if (err instanceof ProblemError) return fail(err.problem);
    throw err;
  }
  // A disabled, failed or reconnecting session does not act, whether its actions go over the
  // socket or the upstream's HTTP API.
  if (next.kind !== "done" && !deps.connected()) return fail(notConnected());
  for (let step = 1; isPlan(next); step++) {
    if (step > MAX_PLAN_STEPS) return fail(problem("upstream_error", `the action took more than ${MAX_PLAN_STEPS} steps`));
    next = await perform(deps, next);
    if (!isPlan(next) && "result" in next && next.remember) deps.remember(next.remember);
  }
  const outcome = next;
  if ("problem" in outcome) return fail(outcome.problem);
  return ok({ status: outcome.accepted ? 202 : 200, result: outcome.result });
}

const isPlan = (value: Plan | ActionOutcome): value is Plan => "kind" in value;

/** One step of a plan: its outcome, or the plan that continues it. */
async function perform(deps: ActionDeps, plan: Plan): Promise<Plan | ActionOutcome> {
  try {
    switch (plan.kind) {
      case "done":
        return plan.outcome;
      case "socket": {
        const outcome = await viaSocket(deps, plan);
        if ("problem" in outcome || !plan.after) return outcome;
        if (outcome.remember) deps.remember(outcome.remember);
        return plan.after(outcome, deps.context());
      }
      case "http": {
        const answer = await request(plan, deps.timeoutMs, deps.fetch);
        if ("problem" in answer) return answer;
        try {
          return plan.parse(answer, deps.context());
        } catch (err) {
          if (err instanceof ProblemError) return { problem: err.problem };
          return {
            problem: problem("upstream_error", `unreadable upstream answer: ${errorText(err)}`, {
              upstream: { code: answer.status, text: answer.text().slice(0, 500) },
            }),
          };
        }
      }
    }
  } catch (err) {
    // A continuation (`after`) that refuses, as a planner may.
    if (err instanceof ProblemError) return { problem: err.problem };
    throw err;
  }
}

async function viaSocket(deps: ActionDeps, plan: Extract<Plan, { kind: "socket" }>): Promise<ActionOutcome> {
  const reply = plan.await === null ? null : deps.inflight.wait(plan.await, deps.timeoutMs);
  if (!deps.send(plan.frames)) {
    if (plan.await !== null) deps.inflight.cancel(plan.await);
    return { problem: notConnected() };
  }
  // No answer to wait for: accepted, unconfirmed (202).
  return reply ?? { result: { message_id: null }, accepted: true };
}

/** Makes an HTTP request to the upstream: its answer, or the problem of not getting one in time. */
export async function request(req: HttpRequest, timeoutMs: number, fetcher: typeof fetch = fetch): Promise<HttpAnswer | { problem: Problem }> {
  const timeout = deadline(timeoutMs, "upstream request");
  try {
    const response = await fetcher(req.url, { method: req.method, headers: req.headers, body: req.body, signal: timeout.signal });
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), body, text: () => new TextDecoder().decode(body) };
  } catch (err) {
    return {
      problem: isTimeout(err)
        ? problem("upstream_timeout", `no upstream answer within ${timeoutMs / 1000} s`)
        : problem("upstream_error", `cannot reach the upstream API: ${errorText(err)}`),
    };
  } finally {
    timeout.release();
  }
}

const notConnected = (): Problem => problem("not_connected", "the upstream session is not up", { retryAfter: 5 });

/** One error per field, each naming its path (an unknown key is named itself). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: [...path, key].join("."), message: "unknown field" }));
    return [{ path: path.join("."), message: issue.message }];
  });
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return hex(new Uint8Array(digest));
}
