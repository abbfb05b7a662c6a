/**
 * GET /v1/connections/{id}/events/stream: Server-Sent Events. The session streams the stored
 * events after `after` (or Last-Event-ID), then each new one, with keep-alive comments
 * (src/session/stream.ts); the Worker passes its bytes through untouched.
 */
import { Hono } from "hono";
import { sessionOf, type AppEnv } from "./env.ts";
import { unwrap } from "./problem.ts";
import { connectionId, validate } from "./request.ts";
import { LastEventId, StreamQuery } from "./schemas.ts";

export const stream = new Hono<AppEnv>();

const KEEPALIVE_MS = 15_000;

stream.get("/:id/events/stream", async (c) => {
  const id = connectionId(c);
  const q = validate(StreamQuery, c.req.query(), "query");
  const lastEventId = c.req.header("last-event-id");
  const after = q.after ?? (lastEventId ? validate(LastEventId, lastEventId, "Last-Event-ID header", "headers.last-event-id") : null);
  const keepAliveMs = Math.max(50, Number(c.env.STREAM_KEEPALIVE_MS ?? KEEPALIVE_MS) || KEEPALIVE_MS);
  const events = unwrap(await sessionOf(c.env, id).streamEvents({ after, type: q.type ?? null, keepAliveMs }));
  return new Response(events, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" },
  });
});
