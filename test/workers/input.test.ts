/**
 * Hostile input at the API: bodies nested thousands deep, stored events nested deep, and
 * random bodies on every route that reads one. Each answers 2xx or a precise 4xx, never 500.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventId } from "../../src/lib/ulid.ts";
import { api, connectRoomim } from "./helpers.ts";

const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));
const deep = (depth: number, leaf = "1") => `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
const webhook = { url: "https://bot.example.com/hooks" };

function expectRefusedForDepth(res: { status: number; body: any }) {
  expect(res.status).toBe(400);
  expect(res.body.code).toBe("invalid_request");
  expect(res.body.detail).toMatch(/nested deeper than 128 levels/);
}

describe("deeply nested JSON", () => {
  it("in an action body is a 400 that names the problem, not a 500", async () => {
    const { id } = await connectRoomim("deep-action");
    for (const depth of [5_000, 10_000]) {
      const body = `{"chat":{"type":"group","id":"1"},"content":"x","extra":${deep(depth)}}`;
      expectRefusedForDepth(await api(`/v1/connections/${id}/actions/message.create`, { body }));
      expectRefusedForDepth(
        await api(`/v1/connections/${id}/actions/upstream.raw`, { body: `{"frame":${deep(depth)}}`, headers: { "idempotency-key": `k${depth}` } }),
      );
    }
  });

  it("in any request body is a 400 (create, change, retry)", async () => {
    expectRefusedForDepth(
      await api("/v1/connections/deep-put", { method: "PUT", body: `{"platform":"roomim","upstream":${deep(6_000)},"webhook":{"url":"https://x.example"}}` }),
    );
    await api("/v1/connections/deep-patch", { method: "PUT", body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/" }, webhook, enabled: false } });
    expectRefusedForDepth(await api("/v1/connections/deep-patch", { method: "PATCH", body: `{"webhook":${deep(6_000)}}` }));
    expectRefusedForDepth(await api("/v1/connections/deep-patch/deliveries/retry", { body: `{"event_ids":${"[".repeat(6_000)}${"]".repeat(6_000)}}` }));
  });

  it("in a stored event never breaks the events pull: stored bodies go out as stored", async () => {
    const id = "deep-stored";
    await api(`/v1/connections/${id}`, { method: "PUT", body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/" }, webhook, enabled: false } });
    // An event nested ~5,000 deep, as an earlier relay without the parse-time limit stored it.
    const evt = eventId(Date.now());
    const body = `{"id":"${evt}","type":"upstream.unknown","connection":"${id}","platform":"roomim","timestamp":1,"data":{},"raw":${deep(5_000, '"leaf"')}}`;
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      state.storage.sql.exec("INSERT INTO events (id, type, created_at, body) VALUES (?, 'upstream.unknown', ?, ?)", evt, Date.now(), body);
    });
    const res = await api(`/v1/connections/${id}/events`);
    expect(res.status).toBe(200);
    const listed = res.body.events.find((e: any) => e.id === evt);
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed.data)).toBe("{}");
    let node = listed.raw;
    let depth = 0;
    while (typeof node === "object") {
      node = node.a;
      depth++;
    }
    expect([depth, node]).toEqual([5_000, "leaf"]);
    // Pages before and after it, and filtered lists that include it, answer too.
    expect((await api(`/v1/connections/${id}/events?type=upstream.*&limit=1`)).status).toBe(200);
  });
});

describe("random request bodies", () => {
  /** Any JSON, or a valid body with one field replaced by any JSON. */
  const mutate = (base: Record<string, unknown>, paths: string[][]) =>
    fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 })).map(([path, value]) => {
        const copy = structuredClone(base);
        let node: any = copy;
        for (const key of path.slice(0, -1)) node = node[key] ??= {};
        node[path.at(-1)!] = value;
        return copy;
      }),
    );
  const bodyText = (value: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 9, arbitrary: value.map((v) => JSON.stringify(v) ?? "null") }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) });

  async function expectNo5xx(path: string, method: string, text: string, allowed: string[] = []) {
    const res = await api(path, { method, body: text });
    if (res.status >= 500 && !allowed.includes(res.body?.code)) {
      throw new Error(`${method} ${path} ${text.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    if (res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
  }

  it("create and change a connection: 2xx or 4xx", async () => {
    const put = {
      platform: "roomim",
      upstream: { url: "ws://127.0.0.1:1/ws", headers: { authorization: "x" } },
      webhook: { ...webhook, events: ["message.*"] },
      enabled: false,
    };
    const putPaths = [
      ["platform"],
      ["upstream"],
      ["upstream", "url"],
      ["upstream", "headers"],
      ["upstream", "headers", "x-a"],
      ["webhook"],
      ["webhook", "url"],
      ["webhook", "secret"],
      ["webhook", "events"],
      ["enabled"],
      ["extra"],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("fuzz-a", "fuzz-b"), bodyText(mutate(put, putPaths)), async (id, text) => {
        await expectNo5xx(`/v1/connections/${id}`, "PUT", text);
        await expectNo5xx(`/v1/connections/${id}`, "PATCH", text);
      }),
      { numRuns: 60 },
    );
  });

  it("actions and delivery retries: 2xx or 4xx (503 while the connection is off, 501 for actions roomim lacks)", async () => {
    await api("/v1/connections/fuzz-off", { method: "PUT", body: { platform: "roomim", upstream: { url: "ws://127.0.0.1:1/" }, webhook, enabled: false } });
    const create = { chat: { type: "group", id: "1" }, content: [{ type: "text", text: "x" }], reply_to: "2" };
    const paths = [["chat"], ["chat", "type"], ["chat", "id"], ["content"], ["reply_to"], ["frame"], ["message_id"], ["event_ids"]];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("message.create", "message.delete", "upstream.raw", "group.list", "no.such"),
        bodyText(mutate(create, paths)),
        async (name, text) => {
          await expectNo5xx(`/v1/connections/fuzz-off/actions/${name}`, "POST", text, ["not_connected", "unsupported_action"]);
          await expectNo5xx("/v1/connections/fuzz-off/deliveries/retry", "POST", text);
        },
      ),
      { numRuns: 60 },
    );
  });
});
