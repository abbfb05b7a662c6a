/** Bearer authentication for /v1: RELAY_TOKEN must be configured; never open without it. */
import { createMiddleware } from "hono/factory";
import { ProblemError, problem } from "../lib/problem.ts";
import type { AppEnv } from "./env.ts";

const encoder = new TextEncoder();

async function sameToken(given: string, expected: string): Promise<boolean> {
  // Compare digests so the comparison takes the same time whatever the lengths.
  const [a, b] = await Promise.all([given, expected].map((t) => crypto.subtle.digest("SHA-256", encoder.encode(t))));
  return crypto.subtle.timingSafeEqual(a!, b!);
}

export const bearerAuth = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.RELAY_TOKEN;
  if (!expected) {
    throw new ProblemError(
      problem("not_configured", "RELAY_TOKEN is not set: run `wrangler secret put RELAY_TOKEN` (or set it in .dev.vars locally)", { retryAfter: 60 }),
    );
  }
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !(await sameToken(match[1]!.trim(), expected))) {
    throw new ProblemError(problem("unauthorized", match ? "the bearer token is wrong" : "an Authorization: Bearer <RELAY_TOKEN> header is required"));
  }
  await next();
});
