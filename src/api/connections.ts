/** /v1/connections: create or replace, read, list, change, delete, reconnect. */
import { Hono } from "hono";
import { getPlatform, platformNames } from "../platforms/index.ts";
import { isValidSecret } from "../delivery/sign.ts";
import type { ConnectionView } from "../session/config.ts";
import { directoryOf, sessionOf, type AppEnv } from "./env.ts";
import { guardConnection } from "./guard.ts";
import { invalid, unwrap } from "./problem.ts";
import { connectionId, readJson, validate } from "./request.ts";
import { ConnectionPatch, ConnectionPut } from "./schemas.ts";

export const connections = new Hono<AppEnv>();

function checkSecret(secret: string | undefined): void {
  if (secret !== undefined && !isValidSecret(secret)) {
    invalid("invalid webhook secret", [{ path: "webhook.secret", message: "must be whsec_ followed by base64 of 24 to 64 bytes" }]);
  }
}

function platformUpstream(platformName: string, upstream: unknown): unknown {
  const platform = getPlatform(platformName);
  if (!platform) return invalid("unknown platform", [{ path: "platform", message: `must be one of ${platformNames().join(", ")}` }]);
  return validate(platform.upstream, upstream, `upstream for ${platformName}`, "upstream");
}

connections.put("/:id", async (c) => {
  const id = connectionId(c);
  const body = validate(ConnectionPut, await readJson(c), "connection");
  const upstream = platformUpstream(body.platform, body.upstream);
  checkSecret(body.webhook.secret);
  guardConnection(c.env, { webhookUrl: body.webhook.url, upstream });
  const session = sessionOf(c.env, id);
  const result = unwrap(
    await session.configure({
      id,
      platform: body.platform,
      upstream,
      webhook: { url: body.webhook.url, secret: body.webhook.secret, events: body.webhook.events ?? null, batch: body.webhook.batch ?? null },
      enabled: body.enabled,
    }),
  );
  await directoryOf(c.env).register(id, body.platform);
  const view: ConnectionView & { webhook: { secret?: string } } = result.view;
  if (result.secret) view.webhook = { ...view.webhook, secret: result.secret };
  return c.json(view, result.created ? 201 : 200);
});

connections.get("/", async (c) => {
  const ids = await directoryOf(c.env).list();
  const views: ConnectionView[] = [];
  // Bounded fan-out: a Worker may hold only a few connections open at once.
  for (let i = 0; i < ids.length; i += 6) {
    const batch = await Promise.all(ids.slice(i, i + 6).map((id) => sessionOf(c.env, id).describe()));
    for (const outcome of batch) if (outcome.ok) views.push(outcome.value);
  }
  return c.json({ connections: views });
});

connections.get("/:id", async (c) => c.json(unwrap(await sessionOf(c.env, connectionId(c)).describe())));

connections.patch("/:id", async (c) => {
  const id = connectionId(c);
  const body = validate(ConnectionPatch, (await readJson(c)) ?? {}, "connection patch");
  const session = sessionOf(c.env, id);
  const current = unwrap(await session.describe());
  const upstream = body.upstream === undefined ? undefined : platformUpstream(current.platform, body.upstream);
  checkSecret(body.webhook?.secret);
  guardConnection(c.env, { webhookUrl: body.webhook?.url, upstream });
  return c.json(unwrap(await session.update({ enabled: body.enabled, upstream, webhook: body.webhook })));
});

connections.delete("/:id", async (c) => {
  const id = connectionId(c);
  unwrap(await sessionOf(c.env, id).remove());
  await directoryOf(c.env).unregister(id);
  return c.body(null, 204);
});

connections.post("/:id/reconnect", async (c) => {
  unwrap(await sessionOf(c.env, connectionId(c)).reconnect());
  return c.json({ reconnecting: true }, 202);
});
