/** POST /v1/connections/{id}/actions/{name}, with Idempotency-Key. */
import { Hono } from "hono";
import { sessionOf, type AppEnv } from "./env.ts";
import { invalid, unwrap } from "./problem.ts";
import { connectionId, readJson } from "./request.ts";
import { IdempotencyKey } from "./schemas.ts";

export const actions = new Hono<AppEnv>();

actions.post("/:id/actions/:name", async (c) => {
  const id = connectionId(c);
  const name = c.req.param("name");
  const rawKey = c.req.header("idempotency-key");
  if (rawKey !== undefined && !IdempotencyKey.safeParse(rawKey).success) {
    invalid("invalid Idempotency-Key", [{ path: "headers.idempotency-key", message: "must be 1 to 255 characters" }]);
  }
  const params = await readJson(c);
  const response = unwrap(await sessionOf(c.env, id).perform(name, params ?? {}, rawKey ?? null));
  return c.json(response.result, response.status);
});
