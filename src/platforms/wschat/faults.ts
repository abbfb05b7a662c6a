/**
 * A REST call the link makes on its own (the offline fetch, the invitation poll) that fails is
 * retried at the next poll; the user hears of it once, as an `upstream.unknown` naming the
 * call and what went wrong, and again only when what goes wrong changes. The kind of failure
 * last reported is remembered per call (`fault:<call>`) and forgotten on the first success.
 * A token the REST API refuses (401/403) is a refused login: the connection goes to `failed`.
 */
import type { Context, Decoded, HttpAnswer } from "../contract.ts";
import { isSuccess } from "../kit.ts";
import { TOKEN_REFUSED, said } from "./answers.ts";

/** The calls: fetching offline messages, fetching them with drop=true, listing invitations. */
export type Call = "messages" | "drop" | "invitations";

const faultKey = (call: Call): string => `fault:${call}`;

/** What went wrong, if anything: an error, a non-2xx answer, or a 2xx whose body could not be read. */
export type Failure = HttpAnswer | { error: string } | { unreadable: string };

/** The events and signals for a failed call, or null when `outcome` is a 2xx answer. */
export function failed(call: Call, what: string, outcome: Failure, ctx: Context<unknown>): Decoded | null {
  let kind: string;
  let reason: string;
  let raw: Record<string, unknown>;
  if ("error" in outcome) {
    kind = "unreachable";
    reason = `${what} failed: ${outcome.error}`;
    raw = { error: outcome.error };
  } else if ("unreadable" in outcome) {
    kind = "unreadable";
    reason = `${what} answered something that is not the expected JSON`;
    raw = { text: outcome.unreadable };
  } else if (isSuccess(outcome)) {
    return null;
  } else if (TOKEN_REFUSED.has(outcome.status)) {
    return { events: [], signals: [{ kind: "refused", reason: `the access token was refused: ${what} answered HTTP ${outcome.status}` }] };
  } else {
    kind = `HTTP ${outcome.status}`;
    reason = `${what} answered HTTP ${outcome.status}`;
    raw = { status: outcome.status, text: said(outcome) };
  }
  const key = faultKey(call);
  if (ctx.recall(key) === kind) return { events: [] };
  return { events: [{ type: "upstream.unknown", data: { reason }, raw }], remember: { [key]: kind } };
}

/** Forgets a reported failure of `call` once it works again. */
export function recovered(call: Call, ctx: Context<unknown>): Pick<Decoded, "remember"> {
  const key = faultKey(call);
  return ctx.recall(key) === undefined ? {} : { remember: { [key]: null } };
}
