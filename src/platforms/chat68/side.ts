/**
 * The client's side HTTP API (`upstream.api`, port 5598 on the client's machine): POSTs with
 * JSON bodies, answered `{data}` or `{errorCode, errorDesc}`.
 */
import type { Context, HttpAnswer, HttpRequest } from "../contract.ts";
import { isRecord, parseLossless } from "../../lib/json.ts";
import { ProblemError, problem } from "../../lib/problem.ts";
import { invalid, isSuccess, upstreamSaid } from "../kit.ts";
import { upstreamProblem } from "./decode.ts";
import { SideError, type Chat68Config } from "./frames.ts";

type Ctx = Context<Chat68Config>;

export function sideApi(ctx: Ctx, what: string): string {
  const api = ctx.config.api;
  if (api === undefined)
    invalid([
      { path: "upstream.api", message: `${what} needs the client's side HTTP API: set the connection's upstream.api (port 5598 on the client's machine)` },
    ]);
  return api.replace(/\/+$/, "");
}

/** Headers of a side API request: JSON, plus the connection's own (a tunnel's access token). */
export const sideHeaders = (ctx: Ctx): Record<string, string> => ({ ...ctx.config.headers, "content-type": "application/json" });

export const post = (ctx: Ctx, api: string, route: string, body: Record<string, unknown>): HttpRequest => ({
  method: "POST",
  url: `${api}${route}`,
  headers: sideHeaders(ctx),
  body: JSON.stringify(body),
});

/** A side API answer as JSON: a non-2xx status or a body that is not JSON is a 502. */
export function sideJson(answer: HttpAnswer, route: string): unknown {
  if (!isSuccess(answer))
    throw new ProblemError(problem("upstream_error", `the client's side API answered ${route} with HTTP ${answer.status}`, { upstream: upstreamSaid(answer) }));
  try {
    return parseLossless(answer.text());
  } catch {
    throw new ProblemError(
      problem("upstream_error", `the client's side API answered ${route} with something that is not JSON`, { upstream: upstreamSaid(answer) }),
    );
  }
}

/** `{data}`, or the problem an `{errorCode, errorDesc}` answer names. */
export function sideData(answer: HttpAnswer, route: string): unknown {
  const value = sideJson(answer, route);
  const refused = SideError.safeParse(value);
  if (refused.success) {
    const { errorCode, errorDesc } = refused.data;
    const text = errorDesc ?? null;
    throw new ProblemError(upstreamProblem(errorCode, text, `the client refused ${route} with error ${errorCode}${text ? `: ${text}` : ""}`));
  }
  if (!isRecord(value) || !("data" in value))
    throw new ProblemError(problem("upstream_error", `the client's side API answered ${route} in an unknown shape`, { upstream: upstreamSaid(answer) }));
  return value.data;
}
