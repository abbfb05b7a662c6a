// A chat68 connection without a session, for unit tests: a context whose memory is filled
// from each decode's `remember`, and a driver that runs a plan step by step the way the
// session does, answering its frames and requests with the given functions.

import { chat68 } from "../../src/platforms/chat68/index.ts";
import { Chat68Config } from "../../src/platforms/chat68/frames.ts";
import type { ActionOutcome, Context, Decoded, HttpAnswer, HttpRequest, Plan } from "../../src/platforms/contract.ts";
import { ACTION_PARAMS, isUnifiedAction } from "../../src/events/actions.ts";
import { ProblemError, type Problem } from "../../src/lib/problem.ts";

export const UPSTREAM = { url: "ws://127.0.0.1:5600", api: "http://127.0.0.1:5598" };

export function fake(upstream: unknown = UPSTREAM) {
  const store = new Map<string, unknown>();
  let n = 0;
  const ctx: Context<Chat68Config> = {
    connection: "bot-1",
    config: Chat68Config.parse(upstream),
    now: 1766282300000,
    recall: (key) => store.get(key),
    newKey: () => `k${++n}`,
  };
  const keep = (remember: Record<string, unknown> | undefined) => {
    for (const [k, v] of Object.entries(remember ?? {})) {
      if (v === null) store.delete(k);
      else store.set(k, v);
    }
  };
  const decode = (frame: string | Uint8Array): Decoded => {
    const out = chat68.decode(frame, ctx);
    keep(out.remember);
    return out;
  };
  const plan = (action: string, params: unknown): Plan => {
    const a = chat68.actions[action];
    if (!a) throw new Error(`chat68 has no ${action}`);
    const schema = a.params ?? (isUnifiedAction(action) ? ACTION_PARAMS[action] : undefined);
    return a.plan(schema ? schema.parse(params) : params, ctx);
  };
  const refused = (action: string, params: unknown): Problem => {
    try {
      plan(action, params);
    } catch (err) {
      if (err instanceof ProblemError) return err.problem;
      throw err;
    }
    throw new Error("expected a ProblemError");
  };

  /** Every frame sent and request made while driving. */
  const sent: string[] = [];
  const requests: HttpRequest[] = [];

  /**
   * Runs a plan to its outcome: each socket frame goes to `client`, whose answer frames are
   * decoded (replies settle the wait); each HTTP request goes to `http`.
   */
  const drive = (
    first: Plan,
    client: (frame: string) => string[],
    http: (req: HttpRequest) => { status: number; body: string } = () => {
      throw new Error("no HTTP expected");
    },
  ): ActionOutcome => {
    let next: Plan | ActionOutcome = first;
    for (let step = 0; "kind" in next; step++) {
      if (step >= 4) throw new Error("more than 4 steps");
      next = runStep(next, client, http);
      if (!("kind" in next) && "result" in next) keep(next.remember);
    }
    return next;
  };

  const runStep = (p: Plan, client: (frame: string) => string[], http: (req: HttpRequest) => { status: number; body: string }): Plan | ActionOutcome => {
    try {
      if (p.kind === "done") return p.outcome;
      if (p.kind === "http") {
        const { parse, kind: _kind, ...req } = p;
        requests.push(req);
        const { status, body } = http(req);
        const bytes = new TextEncoder().encode(body);
        const answer: HttpAnswer = { status, headers: {}, body: bytes, text: () => body };
        return parse(answer, ctx);
      }
      const replies = new Map<string, ActionOutcome>();
      for (const frame of p.frames) {
        if (typeof frame !== "string") throw new Error("binary frame");
        sent.push(frame);
        for (const text of client(frame)) {
          for (const r of decode(text).replies ?? []) replies.set(r.key, "problem" in r ? { problem: r.problem } : { result: r.result });
        }
      }
      if (p.await === null) return { result: { message_id: null }, accepted: true };
      const timeout: ActionOutcome = { problem: { code: "upstream_timeout", detail: "no answer" } };
      let outcome: ActionOutcome;
      if (typeof p.await === "string") outcome = replies.get(p.await) ?? timeout;
      else {
        const ack = replies.get(p.await.key) ?? timeout;
        outcome = "problem" in ack ? ack : (replies.get(p.await.confirm) ?? timeout);
      }
      if ("problem" in outcome || !p.after) return outcome;
      return p.after(outcome, ctx);
    } catch (err) {
      if (err instanceof ProblemError) return { problem: err.problem };
      throw err;
    }
  };

  return { ctx, store, decode, plan, refused, drive, sent, requests };
}
