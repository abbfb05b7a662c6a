/** Rendering problems as RFC 9457 application/problem+json responses. */
import type { Context } from "hono";
import { PROBLEMS, ProblemError, problem, type FieldError, type Outcome, type Problem } from "../lib/problem.ts";

export function problemResponse(p: Problem): Response {
  const { status, title } = PROBLEMS[p.code];
  const body: Record<string, unknown> = {
    type: `https://imrelay.dev/errors/${p.code}`,
    title,
    status,
    code: p.code,
    detail: p.detail,
  };
  if (p.errors?.length) body.errors = p.errors;
  if (p.upstream) body.upstream = p.upstream;
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (p.retryAfter !== undefined) headers["retry-after"] = String(p.retryAfter);
  if (p.code === "unauthorized") headers["www-authenticate"] = 'Bearer realm="imrelay"';
  return new Response(JSON.stringify(body), { status, headers });
}

/** Throws a 400 invalid_request naming the fields. */
export function invalid(detail: string, errors: FieldError[] = []): never {
  throw new ProblemError(problem("invalid_request", detail, { errors }));
}

/** The value of an outcome, or its problem thrown (rendered by the app's error handler). */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new ProblemError(outcome.problem);
  return outcome.value;
}

export const json = (c: Context, body: unknown, status: 200 | 201 | 202 = 200): Response => c.json(body as object, status);
