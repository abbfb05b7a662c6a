/** GET /v1/connections/{id}/stats: traffic per bucket over the last hour, day or week. */
import { Hono } from "hono";
import { sessionOf, type AppEnv } from "./env.ts";
import { unwrap } from "./problem.ts";
import { connectionId, validate } from "./request.ts";
import { StatsQuery } from "./schemas.ts";

export const stats = new Hono<AppEnv>();

stats.get("/:id/stats", async (c) => {
  const id = connectionId(c);
  const q = validate(StatsQuery, c.req.query(), "query");
  return c.json(unwrap(await sessionOf(c.env, id).stats(q.window)));
});
