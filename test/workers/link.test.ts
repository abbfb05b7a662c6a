/**
 * The session's v2 mechanisms inside workerd: link steps before a dial, after each connect
 * and on a poll (written before the next request, deduped across reconnects), and the store's
 * migration, memory shelves and dedupe on a Durable Object's SQLite. A platform registered
 * only here drives them, its socket being the roomim simulator's.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import type { RelayEvent } from "../../src/events/types.ts";
import type { LinkStep, Platform, StepResult } from "../../src/platforms/contract.ts";
import { PLATFORMS } from "../../src/platforms/index.ts";
import { wsUrl } from "../../src/platforms/kit.ts";
import { ShelvedMemory } from "../../src/session/memory.ts";
import { SessionStore } from "../../src/session/store.ts";
import { seeded } from "../harness/seeded.ts";
import { api, freshHook, SIM, SIM_WS, until } from "./helpers.ts";

const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));
const registry = PLATFORMS as Record<string, Platform>;

/** Requests the link steps made, in order, per connection. */
const requests = new Map<string, string[]>();
let polls = 0;

const Config = z.object({ url: wsUrl, refuse: z.boolean().default(false) });
type Config = z.output<typeof Config>;

/** Offline messages in two pages; the second page repeats one of the first. */
function offline(page: number, connection: string): LinkStep {
  return {
    request: { method: "GET", url: `${SIM}/control/state?page=${page}` },
    then(answer): StepResult {
      requests.get(connection)?.push(`offline ${page} ${"error" in answer ? "error" : answer.status}`);
      const ids = page === 1 ? ["a", "b"] : ["b", "c"];
      return {
        events: ids.map((id) => ({ type: "message.created" as const, data: { message: { id } }, dedupe: `msg:${id}` })),
        remember: { [`page:${page}`]: ids },
        next: page === 1 ? offline(2, connection) : null,
      };
    },
  };
}

const linktest: Platform<Config> = {
  name: "linktest",
  seed: "000",
  upstream: Config,
  redact: (c) => ({ url: c.url }),
  events: ["message.created", "notification.received"],
  actions: {},
  link: {
    dial: (ctx) => ({ url: "ws://127.0.0.1:1/unreachable", headers: { "x-connection": ctx.connection } }),
    prepare: (ctx) => ({
      request: { method: "GET", url: `${SIM}/control/state?prepare` },
      then: () => {
        requests.set(ctx.connection, [...(requests.get(ctx.connection) ?? []), "prepare"]);
        return ctx.config.refuse
          ? { events: [], refused: "the gateway refused the token" }
          : { events: [], dial: { url: `${ctx.config.url}?token=${ctx.connection}` } };
      },
    }),
    readiness: "open",
    connected: (ctx) => offline(1, ctx.connection),
    poll: {
      intervalMs: 200,
      step: () => ({
        request: { method: "GET", url: `${SIM}/control/state?poll` },
        then: () => ({ events: [{ type: "notification.received", data: { kind: "poll", n: ++polls }, dedupe: "poll:once" }] }),
      }),
    },
  },
  memory: { page: { capacity: 1 } },
  decode: () => ({ events: [] }),
};

beforeAll(() => {
  registry.linktest = linktest;
});
afterAll(() => {
  delete registry.linktest;
});

async function create(refuse = false): Promise<string> {
  const { id, hook } = await freshHook("link");
  requests.set(id, []);
  const put = await api(`/v1/connections/${id}`, {
    method: "PUT",
    body: { platform: "linktest", upstream: { url: `${SIM_WS}/ws`, refuse }, webhook: { url: hook } },
  });
  expect(put.status).toBe(201);
  return id;
}

const eventsOf = async (id: string, type: string): Promise<RelayEvent[]> => (await api(`/v1/connections/${id}/events?type=${type}&limit=100`)).body.events;

describe("link steps in the session", () => {
  it("prepares over HTTP before the dial, fetches offline pages after each connect, and stores each message once", async () => {
    const id = await create();
    await until(`${id} connected`, async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
    const messages = await until("three offline messages", async () => {
      const events = await eventsOf(id, "message.created");
      return events.length >= 3 ? events : undefined;
    });
    expect(messages.map((e) => (e.data.message as { id: string }).id)).toEqual(["a", "b", "c"]);
    expect(requests.get(id)).toEqual(["prepare", "offline 1 200", "offline 2 200"]);
    // The events stay inside their envelope: the dedupe key is not part of them.
    expect(messages[0]).not.toHaveProperty("dedupe");

    // A reconnect fetches the same pages again: nothing is stored twice.
    expect((await api(`/v1/connections/${id}/reconnect`, { method: "POST" })).status).toBe(202);
    await until("the second round of offline pages", async () => (requests.get(id)?.length ?? 0) >= 6);
    await until(`${id} connected again`, async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
    expect(await eventsOf(id, "message.created")).toHaveLength(3);

    // The poll repeats while connected; its one dedupe key is stored once however often it runs.
    const before = polls;
    await until("two more polls", async () => polls >= before + 2);
    expect(await eventsOf(id, "notification.received")).toHaveLength(1);

    // What the steps remembered is on a shelf of capacity 1: only the last page is kept.
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      const keys = state.storage.sql
        .exec<{ key: string }>("SELECT key FROM memo WHERE shelf = 'page'")
        .toArray()
        .map((r) => r.key);
      expect(keys).toEqual(["page:2"]);
    });
    await api(`/v1/connections/${id}`, { method: "DELETE" });
  });

  it("a refusal found by `prepare` puts the connection in failed without dialling", async () => {
    const id = await create(true);
    const view = await until("failed", async () => {
      const body = (await api(`/v1/connections/${id}`)).body;
      return body.status.state === "failed" ? body : undefined;
    });
    expect(view.status.last_error).toBe("the gateway refused the token");
    expect(requests.get(id)).toEqual(["prepare"]);
    expect((await eventsOf(id, "connection.failed"))[0]?.data).toMatchObject({ reason: "the gateway refused the token" });
    await api(`/v1/connections/${id}`, { method: "DELETE" });
  });
});

describe("the store on a Durable Object's SQLite", () => {
  it("adds the new columns to a store created by an older release, keeping its memory", async () => {
    await runInDurableObject(stubOf(`old-store-${Date.now()}`), (_obj: unknown, state: DurableObjectState) => {
      const sql = state.storage.sql;
      sql.exec("DROP TABLE IF EXISTS memo; DROP TABLE IF EXISTS events; DROP INDEX IF EXISTS events_dedupe; DROP INDEX IF EXISTS memo_shelf;");
      sql.exec("CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT NOT NULL, created_at INTEGER NOT NULL, body TEXT NOT NULL)");
      sql.exec("CREATE TABLE memo (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      sql.exec("INSERT INTO memo (key, value) VALUES ('msg:1', '{\"to\":\"2\"}'), ('self', '\"me\"')");
      sql.exec("INSERT INTO events (id, type, created_at, body) VALUES ('evt_old', 'message.created', 1, '{}')");

      const store = new SessionStore(state.storage);
      const memo = store.memo();
      expect(memo.map(([k, v]) => [k, v])).toEqual([
        ["msg:1", { to: "2" }],
        ["self", "me"],
      ]);
      expect(memo.every(([, , at]) => at > 0)).toBe(true);
      expect(sql.exec("SELECT key, shelf FROM memo ORDER BY key").toArray()).toEqual([
        { key: "msg:1", shelf: "msg" },
        { key: "self", shelf: "" },
      ]);
      // Opening it again changes nothing.
      new SessionStore(state.storage);
      expect(store.memo()).toHaveLength(2);
    });
  });

  it("skips events whose dedupe key is stored, within the batch too, and bounds shelves by capacity and age", async () => {
    await runInDurableObject(stubOf(`store-${Date.now()}`), (_obj: unknown, state: DurableObjectState) => {
      const store = new SessionStore(state.storage);
      const row = (id: string, dedupe?: string) => ({
        event: { id, type: "message.created" as const, connection: "c", platform: "p", timestamp: 1, data: {} },
        body: "{}",
        deliver: true,
        ...(dedupe !== undefined && { dedupe }),
      });
      const first = store.transaction(() => store.appendEvents([row("evt_1", "m:1"), row("evt_2"), row("evt_3", "m:1")], 10));
      expect(first.map((r) => r.event.id)).toEqual(["evt_1", "evt_2"]);
      const second = store.transaction(() => store.appendEvents([row("evt_4", "m:1"), row("evt_5", "m:2")], 20));
      expect(second.map((r) => r.event.id)).toEqual(["evt_5"]);
      expect(store.stats()).toMatchObject({ received: 3, pending: 3 });
      // Retention: once the event is purged, its key may be stored again.
      state.storage.sql.exec("UPDATE deliveries SET status = 'delivered'");
      store.purge(15, 0);
      expect(store.transaction(() => store.appendEvents([row("evt_6", "m:1")], 30))).toHaveLength(1);

      const bounds = { msg: { capacity: 2 }, req: { ttlMs: 1000 } };
      store.remember({ "msg:1": 1, "msg:2": 2, "req:a": "a" }, 100, bounds);
      store.remember({ "msg:3": 3, "msg:1": "again" }, 200, bounds);
      store.remember({ "req:b": "b" }, 1100, bounds);
      expect(store.memo().map(([k, v]) => [k, v])).toEqual([
        ["msg:3", 3],
        ["msg:1", "again"],
        ["req:b", "b"],
      ]);
      store.forgetExpired(bounds, 2100);
      expect(store.memo().map(([k]) => k)).toEqual(["msg:3", "msg:1"]);
    });
  });

  it("keeps the same memory as the session's RAM mirror, so a restart recalls what the old instance did", async () => {
    await runInDurableObject(stubOf(`mirror-${Date.now()}`), (_obj: unknown, state: DurableObjectState) => {
      const bounds = { a: { capacity: 4 }, b: { ttlMs: 40 }, c: { capacity: 2, ttlMs: 60 } };
      const store = new SessionStore(state.storage);
      const ram = new ShelvedMemory(bounds);
      const random = seeded(7);
      let now = 1_000;
      for (let step = 0; step < 300; step++) {
        now += Math.floor(random() * 8);
        const batch: Record<string, unknown> = {};
        for (let n = Math.floor(random() * 3) + 1; n > 0; n--)
          batch[`${"abcd"[Math.floor(random() * 4)]}:${Math.floor(random() * 10)}`] = random() < 0.15 ? null : step;
        ram.apply(batch, now);
        store.transaction(() => store.remember(batch, now, bounds));
        if (step % 25 !== 24) continue;
        // What a new instance would load, against what this one recalls.
        const restarted = new ShelvedMemory(bounds, store.memo());
        for (const key of ["a", "b", "c", "d"].flatMap((s) => Array.from({ length: 10 }, (_, i) => `${s}:${i}`))) {
          expect(restarted.recall(key, now), `step ${step} ${key}`).toBe(ram.recall(key, now));
        }
      }
    });
  });
});
