/** The HTTP API (API.md): routes, bearer auth, body limit, problem+json errors. */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { ProblemError, problem } from "../lib/problem.ts";
import { VERSION } from "../version.ts";
import { consolePages } from "../console/routes.ts";
import { actions } from "./actions.ts";
import { bearerAuth } from "./auth.ts";
import { connections } from "./connections.ts";
import type { AppEnv } from "./env.ts";
import { events } from "./events.ts";
import { openapi } from "./openapi.ts";
import { platforms } from "./platforms.ts";
import { problemResponse } from "./problem.ts";
import { stream } from "./stream.ts";
import { stats } from "./stats.ts";
import { webhookSecret } from "./webhook-secret.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

export const app = new Hono<AppEnv>();

app.get("/healthz", (c) => c.json({ ok: true, version: VERSION }));
app.get("/openapi.json", (c) => c.json(openapi(new URL(c.req.url).origin)));
app.route("/console", consolePages);

app.use("/v1/*", bearerAuth);
app.use(
  "/v1/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ProblemError(problem("payload_too_large", `the request body is over ${MAX_BODY_BYTES} bytes (1 MiB)`));
    },
  }),
);
app.route("/v1/platforms", platforms);
app.route("/v1/connections", connections);
app.route("/v1/connections", actions);
app.route("/v1/connections", events);
app.route("/v1/connections", stream);
app.route("/v1/connections", stats);
app.route("/v1/connections", webhookSecret);

app.notFound(() => problemResponse(problem("not_found", "no such route")));

app.onError((err) => {
  if (err instanceof ProblemError) return problemResponse(err.problem);
  if (err instanceof HTTPException && err.status === 413) return problemResponse(problem("payload_too_large", "the request body is over 1 MiB"));
  console.error("unhandled error", err);
  return new Response(JSON.stringify({ type: "about:blank", title: "Internal error", status: 500, detail: "internal error" }), {
    status: 500,
    headers: { "content-type": "application/problem+json" },
  });
});
