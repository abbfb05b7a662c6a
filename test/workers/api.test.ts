/** The HTTP contract of API.md that needs no upstream: auth, errors, validation, generated documents. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/api/app.ts";
import { api, SECRET } from "./helpers.ts";

const webhook = { url: "https://bot.example.com/hooks" };

function expectProblem(res: { status: number; body: any; headers: Headers }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({ type: `https://imrelay.dev/errors/${code}`, status, code });
  expect(typeof res.body.title).toBe("string");
  expect(typeof res.body.detail).toBe("string");
}

describe("authentication", () => {
  it("needs the bearer token on /v1 and answers 401 without it", async () => {
    const none = await api("/v1/platforms", { token: null });
    expectProblem(none, 401, "unauthorized");
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expectProblem(await api("/v1/connections", { token: "wrong" }), 401, "unauthorized");
  });

  it("answers 503 when RELAY_TOKEN is not configured, never open", async () => {
    const res = await app.fetch(new Request("http://relay.test/v1/connections", { headers: { authorization: "Bearer anything" } }), {
      ...env,
      RELAY_TOKEN: undefined,
    });
    expect(res.status).toBe(503);
    const body = (await res.json()) as any;
    expect(body.detail).toContain("RELAY_TOKEN");
  });

  it("serves /healthz and /openapi.json without a token", async () => {
    expect((await api("/healthz", { token: null })).body).toMatchObject({ ok: true });
    const doc = (await api("/openapi.json", { token: null })).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/v1/connections/{id}", "/v1/connections/{id}/events", "/v1/connections/{id}/actions/message.create"]),
    );
    expect(doc.components.schemas.RoomimConnectionPut.properties.upstream.properties.url).toBeDefined();
  });
});

describe("errors", () => {
  it("404s unknown routes and connections as problems", async () => {
    expectProblem(await api("/v1/nothing"), 404, "not_found");
    expectProblem(await api("/v1/connections/ghost"), 404, "not_found");
    expectProblem(await api("/v1/connections/ghost/actions/message.create", { body: {} }), 404, "not_found");
    expectProblem(await api("/v1/connections/ghost/events"), 404, "not_found");
  });

  it("413s bodies over 1 MiB", async () => {
    const big = JSON.stringify({ platform: "roomim", upstream: { url: "ws://x" }, webhook, pad: "x".repeat(1024 * 1024) });
    expectProblem(await api("/v1/connections/big", { method: "PUT", body: big }), 413, "payload_too_large");
  });

  it("400s malformed JSON", async () => {
    expectProblem(await api("/v1/connections/a", { method: "PUT", body: "{nope" }), 400, "invalid_request");
  });

  it("names every invalid field", async () => {
    const res = await api("/v1/connections/Bad_ID", { method: "PUT", body: {} });
    expectProblem(res, 400, "invalid_request");
    expect(res.body.errors).toEqual([{ path: "id", message: expect.any(String) }]);
    const fields = await api("/v1/connections/a", {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: "http://not-ws" }, webhook: { url: "ftp://x", events: ["ok.*", "Bad Pattern"] }, extra: 1 },
    });
    expect(fields.body.errors.map((e: any) => e.path).sort()).toEqual(["extra", "webhook.events.1", "webhook.url"]);
    const platform = await api("/v1/connections/a", { method: "PUT", body: { platform: "icq", upstream: {}, webhook } });
    expect(platform.body.errors).toEqual([{ path: "platform", message: expect.stringContaining("roomim") }]);
    const upstream = await api("/v1/connections/a", { method: "PUT", body: { platform: "roomim", upstream: { url: "http://x" }, webhook } });
    expect(upstream.body.errors.map((e: any) => e.path)).toEqual(["upstream.url"]);
    const secret = await api("/v1/connections/a", {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: "ws://x" }, webhook: { ...webhook, secret: "whsec_short" } },
    });
    expect(secret.body.errors.map((e: any) => e.path)).toEqual(["webhook.secret"]);
    const query = await api("/v1/connections/a/events?limit=0&after=nope");
    expect(query.body.errors.map((e: any) => e.path).sort()).toEqual(["after", "limit"]);
  });
});

describe("connections", () => {
  it("generates a webhook secret once, keeps it on replace, and never shows credentials", async () => {
    const body = {
      platform: "roomim",
      upstream: { url: "ws://127.0.0.1:1/ws?token=secret", headers: { authorization: "Bearer up" } },
      webhook,
      enabled: false,
    };
    const created = await api("/v1/connections/secret-once", { method: "PUT", body });
    expect(created.status).toBe(201);
    expect(created.body.webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body.upstream).toEqual({ url: "ws://127.0.0.1:1/ws", headers: { authorization: "***" }, revoke: { request: 2, msgType: 1 } });
    expect(created.body.status.state).toBe("disabled");
    const replaced = await api("/v1/connections/secret-once", { method: "PUT", body });
    expect(replaced.status).toBe(200);
    expect(replaced.body.webhook).not.toHaveProperty("secret");
    const shown = JSON.stringify((await api("/v1/connections/secret-once")).body);
    expect(shown).not.toContain("token=secret");
    expect(shown).not.toContain("Bearer up");
    expect(shown).not.toContain(created.body.webhook.secret);
    const given = await api("/v1/connections/secret-given", { method: "PUT", body: { ...body, webhook: { ...webhook, secret: SECRET } } });
    expect(given.body.webhook).not.toHaveProperty("secret");
  });

  it("lists platforms generated from the adapters", async () => {
    const { platforms } = (await api("/v1/platforms")).body;
    const roomim = platforms.find((p: any) => p.name === "roomim");
    expect(roomim.seed).toBe("004");
    expect(roomim.actions).toEqual(["message.create", "message.delete", "upstream.raw"]);
    expect(roomim.events).toEqual(expect.arrayContaining(["message.created", "friend.requested", "connection.connected", "upstream.unknown"]));
    expect(roomim.events).not.toContain("typing");
  });

  it("503s reconnect and actions of a disabled connection", async () => {
    await api("/v1/connections/off", { method: "PUT", body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/" }, webhook, enabled: false } });
    expectProblem(await api("/v1/connections/off/reconnect", { method: "POST" }), 503, "not_connected");
    const res = await api("/v1/connections/off/actions/message.create", { body: { chat: { type: "group", id: "1" }, content: "x" } });
    expectProblem(res, 503, "not_connected");
    expect(res.headers.get("retry-after")).toBeTruthy();
  });
});
