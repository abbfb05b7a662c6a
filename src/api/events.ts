/** Pulling stored events, listing deliveries and requeueing them, and the webhook test event. */
import { Hono } from "hono";
import { sessionOf, type AppEnv } from "./env.ts";
import { unwrap } from "./problem.ts";
import { connectionId, readJson, validate } from "./request.ts";
import { DeliveriesQuery, EventsQuery, RetryBody } from "./schemas.ts";

export const events = new Hono<AppEnv>();

events.get("/:id/events", async (c) => {
  const id = connectionId(c);
  const q = validate(EventsQuery, c.req.query(), "query");
  const page = unwrap(await sessionOf(c.env, id).listEvents({ after: q.after ?? null, limit: q.limit, type: q.type ?? null }));
  // Each event is already JSON as stored: spliced in, never parsed and serialised again.
  return c.body(`{"events":[${page.events.join(",")}],"next":${JSON.stringify(page.next)}}`, 200, { "content-type": "application/json" });
});

events.get("/:id/deliveries", async (c) => {
  const id = connectionId(c);
  const q = validate(DeliveriesQuery, c.req.query(), "query");
  return c.json(unwrap(await sessionOf(c.env, id).listDeliveries({ status: q.status ?? null, after: q.after ?? null, limit: q.limit })));
});

events.get("/:id/deliveries/:event_id", async (c) => {
  const id = connectionId(c);
  return c.json(unwrap(await sessionOf(c.env, id).getDelivery(c.req.param("event_id"))));
});

events.post("/:id/deliveries/retry", async (c) => {
  const id = connectionId(c);
  const body = validate(RetryBody, (await readJson(c)) ?? {}, "retry request");
  return c.json(unwrap(await sessionOf(c.env, id).retryDeliveries(body.event_ids ?? null)));
});

events.post("/:id/webhook/test", async (c) => c.json(unwrap(await sessionOf(c.env, connectionId(c)).testWebhook()), 202));
