/**
 * The network guard at the API (every platform's URL fields and the webhook URL), the webhook
 * URL's length limit and the redaction of credentials in it.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/api/app.ts";
import { api } from "./helpers.ts";

const hook = "https://bot.example.com/hooks";

/** The API as deployed: ALLOW_PRIVATE_NETWORKS unset (the tests' own env sets it). */
async function guarded(path: string, method: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await app.fetch(
    new Request(`http://relay.test${path}`, {
      method,
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { ...env, ALLOW_PRIVATE_NETWORKS: undefined },
  );
  return { status: res.status, body: await res.json() };
}

const errorsOf = (res: { body: any }) => Object.fromEntries((res.body.errors ?? []).map((e: any) => [e.path, e.message]));

describe("the network guard", () => {
  it("refuses a private webhook URL in every spelling, saying how to allow it", async () => {
    for (const url of [
      "http://127.0.0.1:8787/hooks",
      "http://2130706433/",
      "http://0x7f000001/",
      "http://127.1/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::1]/",
      "http://localhost/",
      "http://api.localhost/",
      "http://10.0.0.8/",
      "http://169.254.169.254/latest",
      "http://metadata.google.internal/",
      "http://100.64.1.1/",
      "http://[fd00::1]/",
      "http://[fe80::1]/",
    ]) {
      const res = await guarded("/v1/connections/guard-hook", "PUT", {
        platform: "roomim",
        upstream: { url: "wss://im.example.com/ws" },
        webhook: { url },
        enabled: false,
      });
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe("invalid_request");
      expect(errorsOf(res)["webhook.url"], url).toMatch(/ALLOW_PRIVATE_NETWORKS=true/);
    }
    const loopback = await guarded("/v1/connections/guard-hook", "PUT", {
      platform: "roomim",
      upstream: { url: "wss://im.example.com/ws" },
      webhook: { url: "http://localhost:3000/" },
    });
    expect(errorsOf(loopback)["webhook.url"]).toMatch(/tunnel/);
  });

  it("walks every platform's URL fields", async () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ["roomim", { url: "ws://127.0.0.1:9000/ws?token=x" }, ["upstream.url"]],
      ["oicq", { url: "ws://192.168.1.5:6700/", api: "http://[::1]:5700" }, ["upstream.url", "upstream.api"]],
      ["oicq", { url: "wss://qq.example.com/", api: "http://172.20.0.2:5700" }, ["upstream.api"]],
      ["yunhu", { userId: "1", token: "t", url: "ws://localhost/ws", api: "http://169.254.169.254" }, ["upstream.url", "upstream.api"]],
    ];
    for (const [platform, upstream, paths] of cases) {
      const res = await guarded(`/v1/connections/guard-${platform}`, "PUT", { platform, upstream, webhook: { url: hook }, enabled: false });
      expect(res.status, JSON.stringify(upstream)).toBe(400);
      expect(Object.keys(errorsOf(res)).sort()).toEqual(paths.sort());
    }
    // A public upstream passes; roomim header values are not URLs to guard.
    const ok = await guarded("/v1/connections/guard-public", "PUT", {
      platform: "roomim",
      upstream: { url: "wss://im.example.com/ws", headers: { referer: "http://localhost/" } },
      webhook: { url: hook },
      enabled: false,
    });
    expect(ok.status).toBe(201);
  });

  it("guards PATCH too, and credentials in any URL are refused even where private networks are allowed", async () => {
    const patched = await guarded("/v1/connections/guard-public", "PATCH", {
      webhook: { url: "http://192.168.0.10/h" },
      upstream: { url: "ws://10.0.0.1/ws" },
    });
    expect(Object.keys(errorsOf(patched)).sort()).toEqual(["upstream.url", "webhook.url"]);
    const creds = await api("/v1/connections/guard-creds", {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: "wss://u:p@im.example.com/ws" }, webhook: { url: "https://user:pass@bot.example.com/h" }, enabled: false },
    });
    expect(creds.status).toBe(400);
    expect(Object.keys(errorsOf(creds)).sort()).toEqual(["upstream.url", "webhook.url"]);
    expect(errorsOf(creds)["webhook.url"]).toMatch(/credentials/);
  });

  it("is lifted by ALLOW_PRIVATE_NETWORKS=true (as in the tests and npm start)", async () => {
    const res = await api("/v1/connections/guard-allowed", {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/ws" }, webhook: { url: "http://127.0.0.1:2/h" }, enabled: false },
    });
    expect(res.status).toBe(201);
  });
});

describe("the webhook URL", () => {
  it("is at most 2,048 characters", async () => {
    const long = `${hook}?pad=${"x".repeat(2048)}`;
    const res = await api("/v1/connections/long-hook", {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/" }, webhook: { url: long }, enabled: false },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res)["webhook.url"]).toMatch(/2048/);
    const exact = `${hook}?p=${"x".repeat(2048 - hook.length - 3)}`;
    expect(exact.length).toBe(2048);
    expect(
      (
        await api("/v1/connections/long-hook", {
          method: "PUT",
          body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/" }, webhook: { url: exact }, enabled: false },
        })
      ).status,
    ).toBe(201);
    expect((await api("/v1/connections/long-hook", { method: "PATCH", body: { webhook: { url: long } } })).status).toBe(400);
  });

  it("shows no query (where tokens ride) in GET and list", async () => {
    const url = "http://127.0.0.1:2/hooks?token=s3cret&sig=abc#frag";
    await api("/v1/connections/hook-token", {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/" }, webhook: { url }, enabled: false },
    });
    const one = await api("/v1/connections/hook-token");
    expect(one.body.webhook.url).toBe("http://127.0.0.1:2/hooks");
    const list = JSON.stringify((await api("/v1/connections")).body);
    expect(list).toContain('"http://127.0.0.1:2/hooks"');
    expect(list).not.toContain("s3cret");
    expect(JSON.stringify((await api("/v1/connections/hook-token", { method: "PATCH", body: { enabled: false } })).body)).not.toContain("s3cret");
  });
});

describe("roomim upstream headers", () => {
  it("are validated at PUT and PATCH: names are tokens, values carry no CR, LF or NUL", async () => {
    const put = (headers: Record<string, string>) =>
      api("/v1/connections/hdr", {
        method: "PUT",
        body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/", headers }, webhook: { url: hook }, enabled: false },
      });
    for (const [name, value] of [
      ["x-token", "a\r\nInjected: 1"],
      ["x-token", "a\nb"],
      ["x-token", "a\u0000b"],
      ["x-token", "中文"],
      ["bad name", "v"],
      ["x:y", "v"],
      ["", "v"],
      ["naïve", "v"],
    ] as const) {
      const res = await put({ ok: "fine", [name]: value });
      expect(res.status, JSON.stringify([name, value])).toBe(400);
      expect(res.body.errors).toEqual([{ path: `upstream.headers.${name}`, message: expect.stringMatching(/header (name|value)/) }]);
    }
    expect((await put({ authorization: "Bearer x", "x-custom_1.2": "v\t w ÿ" })).status).toBe(201);
    const patch = await api("/v1/connections/hdr", { method: "PATCH", body: { upstream: { url: "ws://127.0.0.1:1/", headers: { cookie: "a\r\nb" } } } });
    expect(patch.status).toBe(400);
    expect(patch.body.errors).toEqual([{ path: "upstream.headers.cookie", message: expect.stringContaining("CR, LF, NUL") }]);
  });
});
