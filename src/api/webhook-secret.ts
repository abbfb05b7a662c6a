/** POST /v1/connections/{id}/webhook/secret/rotate: a new webhook secret, the old one signing beside it for 24 h. */
import { Hono } from "hono";
import { sessionOf, type AppEnv } from "./env.ts";
import { unwrap } from "./problem.ts";
import { connectionId, readJson, validate } from "./request.ts";
import { RotateBody } from "./schemas.ts";

export const webhookSecret = new Hono<AppEnv>();

webhookSecret.post("/:id/webhook/secret/rotate", async (c) => {
  const id = connectionId(c);
  const body = validate(RotateBody, (await readJson(c)) ?? {}, "rotation request");
  return c.json(unwrap(await sessionOf(c.env, id).rotateSecret(body.secret ?? null)));
});
