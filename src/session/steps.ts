/**
 * Running a link's HTTP steps (before a dial, after each connect, on each poll): make the
 * request, hand the answer (or the error) to the step, have what it decoded written, and
 * only then make the next request — so "fetch, store, then acknowledge" loses nothing if
 * the relay dies in between.
 *
 * A request that was made has had its effect upstream (messages handed out and dropped, a
 * receipt sent), so what its answer carries is kept even when the chain stopped being wanted
 * while it was in flight (its socket went away): its events and memory are written, and only
 * then does the chain stop. Signals, dial changes and refusals of such a stale step count for
 * nothing: they were about a socket that is gone.
 */
import { errorText } from "../lib/problem.ts";
import type { Context, Dial, LinkStep, StepResult } from "../platforms/contract.ts";
import { publicUrl } from "../platforms/kit.ts";
import { request } from "./actions.ts";

/** The longest chain of steps one link phase may take (paging through offline messages, …). */
export const MAX_LINK_STEPS = 32;

export interface StepDeps {
  context(): Context<unknown>;
  timeoutMs: number;
  /** Takes in what a step decoded and writes it (committed) before the next request is made. */
  absorb(result: StepResult, what: string): void;
  /** False once the chain is no longer wanted (the socket it belongs to is gone): it stops after the step in flight. */
  current(): boolean;
  fetch?: typeof fetch;
}

/** What a chain asks of the dial that follows it (`prepare` only). */
export interface Prepared {
  dial?: Partial<Dial>;
  refused?: string;
}

/** Runs `first` and the steps it leads to; returns the dial changes and refusal they asked for. */
export async function runSteps(first: LinkStep | null, deps: StepDeps): Promise<Prepared> {
  const prepared: Prepared = {};
  let step = first;
  for (let n = 0; step && n < MAX_LINK_STEPS; n++) {
    const answer = await request(step.request, deps.timeoutMs, deps.fetch);
    const current = deps.current();
    const what = `${step.request.method} ${publicUrl(step.request.url)}`;
    let result: StepResult;
    try {
      result = step.then("problem" in answer ? { error: answer.problem.detail } : answer, deps.context());
    } catch (err) {
      // Adapters never throw by contract; if one does, the chain ends and the failure is kept.
      result = { events: [{ type: "upstream.unknown", data: { reason: `link step failed: ${errorText(err)}` }, raw: { request: what } }] };
    }
    if (!current) {
      if (result.events.length > 0 || result.remember) deps.absorb({ events: result.events, ...(result.remember && { remember: result.remember }) }, what);
      break;
    }
    deps.absorb(result, what);
    if (result.dial) prepared.dial = { ...prepared.dial, ...result.dial };
    if (result.refused !== undefined) {
      prepared.refused = result.refused;
      break;
    }
    step = result.next ?? null;
  }
  return prepared;
}
