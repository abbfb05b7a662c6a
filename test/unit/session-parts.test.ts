/**
 * The session's parts on their own: bounded memory shelves, waiting for replies (one and two
 * phases), performing an action's plan step by step, and running a link's HTTP steps.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { problem, type Outcome } from "../../src/lib/problem.ts";
import type { ActionOutcome, Context, Frame, HttpAnswer, LinkStep, Plan, Platform, Remember, StepResult } from "../../src/platforms/contract.ts";
import { done, httpPlan, platformAction, socketPlan, unified } from "../../src/platforms/kit.ts";
import { MAX_PLAN_STEPS, performAction, type ActionDeps, type ActionResponse } from "../../src/session/actions.ts";
import { Inflight } from "../../src/session/inflight.ts";
import { ShelvedMemory, shelfOf } from "../../src/session/memory.ts";
import { runSteps } from "../../src/session/steps.ts";
import type { SessionStore } from "../../src/session/store.ts";
import * as z from "zod";
import { seeded } from "../harness/seeded.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("memory shelves", () => {
  it("a key's shelf is its prefix before the first colon", () => {
    expect(shelfOf("msg:abc:d")).toBe("msg");
    expect(shelfOf("self")).toBe("");
  });

  it("keeps at most `capacity` entries per shelf, the oldest written going first", () => {
    const m = new ShelvedMemory({ msg: { capacity: 3 } });
    for (let i = 1; i <= 3; i++) m.apply({ [`msg:${i}`]: i }, i);
    m.apply({ "msg:1": "again" }, 4); // rewritten: now the newest
    m.apply({ "msg:5": 5, self: "me" }, 5);
    expect(m.recall("msg:2", 5)).toBeUndefined();
    expect([1, 3, 5].map((i) => m.recall(`msg:${i}`, 5))).toEqual(["again", 3, 5]);
    expect(m.recall("self", 5)).toBe("me");
    expect(m.size).toBe(4);
  });

  it("forgets entries older than `ttlMs`, and null forgets at once", () => {
    const m = new ShelvedMemory({ request: { ttlMs: 1000 } }, [["request:a", { who: "1" }, 0]]);
    m.apply({ "request:b": { who: "2" }, other: 1 }, 500);
    expect(m.recall("request:a", 999)).toEqual({ who: "1" });
    expect(m.recall("request:a", 1000)).toBeUndefined();
    expect(m.recall("request:b", 1400)).toEqual({ who: "2" });
    m.apply({ "request:b": null, other: null }, 1400);
    expect(m.recall("request:b", 1400)).toBeUndefined();
    expect(m.recall("other", 1400)).toBeUndefined();
  });

  it("keys on shelves the platform does not declare are kept until forgotten", () => {
    const m = new ShelvedMemory({});
    for (let i = 0; i < 500; i++) m.apply({ [`room:${i}`]: i }, i);
    expect(m.size).toBe(500);
  });
});

describe("memory shelves against a plain model", () => {
  it("after any sequence of writes and forgets, holds what a write-time eviction model holds, never more than `capacity` per shelf", () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const random = seeded(seed);
      const bounds: Record<"a" | "b" | "c", { capacity?: number; ttlMs?: number }> = { a: { capacity: 5 }, b: { ttlMs: 50 }, c: { capacity: 3, ttlMs: 80 } };
      const memory = new ShelvedMemory(bounds);
      // The model: every write in order, with its time; forgets remove the key.
      let log: { key: string; value: number; at: number }[] = [];
      let now = 0;
      for (let step = 0; step < 400; step++) {
        now += Math.floor(random() * 10);
        const key = `${"abcd"[Math.floor(random() * 4)]}:${Math.floor(random() * 12)}`;
        const forget = random() < 0.15;
        memory.apply({ [key]: forget ? null : step }, now);
        log = log.filter((e) => e.key !== key);
        const shelf = key.slice(0, 1) as "a" | "b" | "c" | "d";
        const bound: { capacity?: number; ttlMs?: number } = shelf === "d" ? {} : bounds[shelf];
        if (!forget) {
          log.push({ key, value: step, at: now });
          // A write evicts, for good, what its shelf holds beyond its bounds: the expired, then the oldest.
          const ttl = bound.ttlMs;
          if (ttl !== undefined) log = log.filter((e) => !e.key.startsWith(`${shelf}:`) || now - e.at < ttl);
          const on = log.filter((e) => e.key.startsWith(`${shelf}:`));
          if (bound.capacity !== undefined) {
            const evicted = new Set(on.slice(0, Math.max(0, on.length - bound.capacity)));
            log = log.filter((e) => !evicted.has(e));
          }
        }
        for (const e of log) {
          const ttl = e.key.startsWith("d:") ? undefined : bounds[e.key.slice(0, 1) as "a" | "b" | "c"].ttlMs;
          const live = ttl === undefined || now - e.at < ttl;
          expect(memory.recall(e.key, now), `seed ${seed} step ${step} ${e.key}`).toBe(live ? e.value : undefined);
        }
        for (const k of ["a", "b", "c", "d"].flatMap((sh) => Array.from({ length: 12 }, (_, i) => `${sh}:${i}`))) {
          if (!log.some((e) => e.key === k)) expect(memory.recall(k, now), `seed ${seed} step ${step} ${k} forgotten`).toBeUndefined();
        }
        for (const [name, b] of Object.entries(bounds) as [string, { capacity?: number }][]) {
          const held = Array.from({ length: 12 }, (_, i) => memory.recall(`${name}:${i}`, now)).filter((v) => v !== undefined);
          if (b.capacity !== undefined) expect(held.length).toBeLessThanOrEqual(b.capacity);
        }
      }
    }
  });
});

describe("replies in flight", () => {
  it("one key: the reply is the outcome; a reply nobody waits for is not taken", async () => {
    const f = new Inflight();
    const waiting = f.wait("k1", 10_000);
    expect(f.settle("k2", { result: {} })).toBe(false);
    expect(f.settle("k1", { result: { message_id: "m" } })).toBe(true);
    expect(await waiting).toEqual({ result: { message_id: "m" } });
    expect(f.size).toBe(0);
  });

  it("two phases: an acknowledged result is followed by the confirmation, which is the outcome", async () => {
    const f = new Inflight();
    const waiting = f.wait({ key: "id-1", confirm: "custom-1" }, 10_000);
    expect(f.size).toBe(2);
    f.settle("id-1", { result: { ack: true } });
    expect(f.size).toBe(1);
    f.settle("custom-1", { result: { message_id: "m1" } });
    expect(await waiting).toEqual({ result: { message_id: "m1" } });
    expect(f.size).toBe(0);
  });

  it("two phases: a confirmation that overtakes its acknowledgement is kept", async () => {
    const f = new Inflight();
    const waiting = f.wait({ key: "id-1", confirm: "custom-1" }, 10_000);
    expect(f.settle("custom-1", { result: { message_id: "m1" } })).toBe(true);
    f.settle("id-1", { result: {} });
    expect(await waiting).toEqual({ result: { message_id: "m1" } });
  });

  it("two phases: a problem acknowledged ends the wait and forgets the confirmation", async () => {
    const f = new Inflight();
    const waiting = f.wait({ key: "id-1", confirm: "custom-1" }, 10_000);
    f.settle("id-1", { problem: problem("upstream_rejected", "no") });
    expect(await waiting).toEqual({ problem: { code: "upstream_rejected", detail: "no" } });
    expect(f.settle("custom-1", { result: {} })).toBe(false);
  });

  it("two phases: one timeout covers both", async () => {
    vi.useFakeTimers();
    const f = new Inflight();
    const waiting = f.wait({ key: "id-1", confirm: "custom-1" }, 1000);
    vi.advanceTimersByTime(600);
    f.settle("id-1", { result: {} });
    vi.advanceTimersByTime(400);
    expect(await waiting).toMatchObject({ problem: { code: "upstream_timeout" } });
    expect(f.size).toBe(0);
  });

  it("failAll ends every wait, two-phase ones included", async () => {
    const f = new Inflight();
    const one = f.wait("a", 10_000);
    const two = f.wait({ key: "b", confirm: "c" }, 10_000);
    f.settle("b", { result: {} });
    f.failAll(problem("upstream_error", "closed"));
    expect(await one).toMatchObject({ problem: { detail: "closed" } });
    expect(await two).toMatchObject({ problem: { detail: "closed" } });
    expect(f.size).toBe(0);
  });
});

// ---- performing actions -----------------------------------------------------------------------

const answerOf = (status: number, text: string): Response => new Response(text, { status });

function harness(actions: Platform["actions"], responses: ((url: string, init?: RequestInit) => Response)[] = []) {
  const sent: Frame[][] = [];
  const remembered: Remember[] = [];
  const requests: string[] = [];
  const inflight = new Inflight();
  const platform: Platform<null> = {
    name: "fake",
    seed: "000",
    upstream: z.null(),
    redact: () => ({}),
    events: [],
    actions,
    link: { dial: () => ({ url: "ws://fake" }), readiness: "open" },
    decode: () => ({ events: [] }),
  };
  const context = (): Context<null> => ({ connection: "c1", config: null, now: 0, recall: () => undefined, newKey: () => `k${sent.length + 1}` });
  const deps: ActionDeps = {
    store: null as unknown as SessionStore,
    platform,
    context,
    connected: () => true,
    send: (frames) => {
      sent.push([...frames]);
      return true;
    },
    inflight,
    timeoutMs: 5_000,
    admit: () => 0,
    remember: (entries) => remembered.push(entries),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      requests.push(`${init?.method ?? "GET"} ${url}`);
      const next = responses.shift();
      if (!next) throw new Error("no more answers");
      return next(url, init);
    }) as typeof fetch,
  };
  const perform = (name: string, params: unknown = {}): Promise<Outcome<ActionResponse>> => performAction(deps, name, params, null);
  return { deps, perform, sent, remembered, requests, inflight };
}

describe("performing an action's plan", () => {
  it("an HTTP step may continue with a socket step (upload, then send), whose reply is the outcome", async () => {
    const actions = {
      "message.create": unified("message.create", () =>
        httpPlan({ method: "POST", url: "http://up/upload", body: "bytes" }, (answer: HttpAnswer) => socketPlan([`send ${answer.text()}`], "k2")),
      ),
    };
    const t = harness(actions, [() => answerOf(200, "file-9")]);
    const outcome = t.perform("message.create", { chat: { type: "group", id: "g" }, content: "x" });
    await vi.waitFor(() => expect(t.sent).toEqual([["send file-9"]]));
    t.inflight.settle("k2", { result: { message_id: "m9" } });
    expect(await outcome).toEqual({ ok: true, value: { status: 200, result: { message_id: "m9" } } });
    expect(t.requests).toEqual(["POST http://up/upload"]);
  });

  it("a socket step's `after` shapes the final outcome, and a remembered value is kept", async () => {
    const actions = {
      "message.create": unified("message.create", () => ({
        kind: "socket",
        frames: ["f"],
        await: "k1",
        after: (o: Extract<ActionOutcome, { result: unknown }>) => ({ result: { message_id: o.result.id }, remember: { [`msg:${String(o.result.id)}`]: 1 } }),
      })),
    };
    const t = harness(actions);
    const outcome = t.perform("message.create", { chat: { type: "group", id: "g" }, content: "x" });
    t.inflight.settle("k1", { result: { id: "m1" } });
    expect(await outcome).toEqual({ ok: true, value: { status: 200, result: { message_id: "m1" } } });
    expect(t.remembered).toEqual([{ "msg:m1": 1 }]);
  });

  it("a socket step may continue with another that continues too (ask, then send, then shape)", async () => {
    const actions = {
      "group.mute": unified("group.mute", () => ({
        kind: "socket",
        frames: ["mute"],
        await: "k1",
        after: () => ({ kind: "socket", frames: ["tell"], await: { key: "k2", confirm: "c2" }, after: () => ({ result: {} }) }),
      })),
    };
    const t = harness(actions);
    const outcome = t.perform("group.mute", { group_id: "g", duration_s: 60 });
    t.inflight.settle("k1", { result: {} });
    await vi.waitFor(() => expect(t.sent).toEqual([["mute"], ["tell"]]));
    t.inflight.settle("k2", { result: {} });
    t.inflight.settle("c2", { result: { message_id: "m" } });
    expect(await outcome).toEqual({ ok: true, value: { status: 200, result: {} } });
  });

  it("a done plan answers without the wire, even while disconnected; `accepted` is a 202", async () => {
    const actions = {
      "self.get": unified("self.get", () => done({ result: { user: { id: "me" } } })),
      "fake.fire": platformAction(z.object({}), () => done({ result: { queued: true }, accepted: true })),
    };
    const t = harness(actions);
    t.deps.connected = () => false;
    expect(await t.perform("self.get")).toEqual({ ok: true, value: { status: 200, result: { user: { id: "me" } } } });
    expect(await t.perform("fake.fire")).toEqual({ ok: true, value: { status: 202, result: { queued: true } } });
    expect(t.sent).toEqual([]);
  });

  it("a socket plan without an answer to wait for is a 202 with message_id null", async () => {
    const t = harness({ "upstream.raw": unified("upstream.raw", () => socketPlan(["raw"], null)) });
    expect(await t.perform("upstream.raw", { frame: "raw" })).toEqual({ ok: true, value: { status: 202, result: { message_id: null } } });
  });

  it("a two-phase plan waits for the confirmation", async () => {
    const t = harness({ "message.create": unified("message.create", () => socketPlan(["f"], { key: "k1", confirm: "c1" })) });
    const outcome = t.perform("message.create", { chat: { type: "group", id: "g" }, content: "x" });
    t.inflight.settle("k1", { result: {} });
    t.inflight.settle("c1", { result: { message_id: "m" } });
    expect(await outcome).toEqual({ ok: true, value: { status: 200, result: { message_id: "m" } } });
  });

  it("a plan that keeps continuing is stopped after MAX_PLAN_STEPS steps", async () => {
    const again = (): Plan => httpPlan({ method: "GET", url: "http://up/again" }, again);
    const t = harness(
      { "group.list": unified("group.list", again) },
      Array.from({ length: 10 }, () => () => answerOf(200, "{}")),
    );
    const outcome = await t.perform("group.list");
    expect(outcome).toMatchObject({ ok: false, problem: { code: "upstream_error", detail: `the action took more than ${MAX_PLAN_STEPS} steps` } });
    expect(t.requests).toHaveLength(MAX_PLAN_STEPS);
  });

  it("a step's problem ends the plan; an unreachable upstream is a 502", async () => {
    const t = harness({ "group.list": unified("group.list", () => httpPlan({ method: "GET", url: "http://up/x" }, () => socketPlan(["never"], "k"))) }, [
      () => {
        throw new TypeError("connection refused");
      },
    ]);
    expect(await t.perform("group.list")).toMatchObject({
      ok: false,
      problem: { code: "upstream_error", detail: "cannot reach the upstream API: connection refused" },
    });
    expect(t.sent).toEqual([]);
  });
});

// ---- link steps -------------------------------------------------------------------------------

describe("running a link's HTTP steps", () => {
  const ctx: Context<null> = { connection: "c1", config: null, now: 0, recall: () => undefined, newKey: () => "k" };

  it("writes what each step decoded before making the next request", async () => {
    const log: string[] = [];
    const fetcher = (async (input: RequestInfo | URL) => {
      log.push(`request ${String(input)}`);
      return answerOf(200, String(input).endsWith("1") ? "a,b" : "b,c");
    }) as typeof fetch;
    const page = (n: number): LinkStep => ({
      request: { method: "GET", url: `http://up/offline?page=${n}` },
      then: (answer): StepResult => {
        if ("error" in answer) return { events: [] };
        const events = answer
          .text()
          .split(",")
          .map((id) => ({ type: "message.created" as const, data: { id }, dedupe: `msg:${id}` }));
        return { events, next: n < 2 ? page(n + 1) : null };
      },
    });
    await runSteps(page(1), {
      context: () => ctx,
      timeoutMs: 1000,
      current: () => true,
      fetch: fetcher,
      absorb: (result, what) => log.push(`write ${result.events.map((e) => e.dedupe).join(" ")} (${what})`),
    });
    expect(log).toEqual([
      "request http://up/offline?page=1",
      "write msg:a msg:b (GET http://up/offline)",
      "request http://up/offline?page=2",
      "write msg:b msg:c (GET http://up/offline)",
    ]);
  });

  it("hands a failed request to the step as an error; a refusal or a changed dial comes back", async () => {
    const fetcher = (async () => {
      throw new TypeError("refused");
    }) as typeof fetch;
    const seen: unknown[] = [];
    const prepared = await runSteps(
      {
        request: { method: "POST", url: "http://up/gateway" },
        then: (answer) => {
          seen.push(answer);
          return { events: [], dial: { url: "ws://elsewhere" }, refused: "the token was refused" };
        },
      },
      { context: () => ctx, timeoutMs: 1000, current: () => true, fetch: fetcher, absorb: () => {} },
    );
    expect(seen).toEqual([{ error: "cannot reach the upstream API: refused" }]);
    expect(prepared).toEqual({ dial: { url: "ws://elsewhere" }, refused: "the token was refused" });
  });

  it("stops when its socket is gone, and keeps a step that throws as upstream.unknown", async () => {
    const written: StepResult[] = [];
    const fetcher = (async () => answerOf(200, "")) as typeof fetch;
    let current = true;
    const step: LinkStep = {
      request: { method: "GET", url: "http://up/x?token=secret" },
      then: () => {
        throw new Error("bad shape");
      },
    };
    await runSteps(step, { context: () => ctx, timeoutMs: 1000, current: () => current, fetch: fetcher, absorb: (r) => written.push(r) });
    expect(written).toEqual([{ events: [{ type: "upstream.unknown", data: { reason: "link step failed: bad shape" }, raw: { request: "GET http://up/x" } }] }]);
    current = false;
    written.length = 0;
    await runSteps(
      { request: step.request, then: () => ({ events: [] }) },
      { context: () => ctx, timeoutMs: 1000, current: () => current, fetch: fetcher, absorb: (r) => written.push(r) },
    );
    expect(written).toEqual([]);
  });

  it("keeps what a request answered after its socket went away, then stops", async () => {
    const requested: string[] = [];
    const fetcher = (async (input: RequestInfo | URL) => {
      requested.push(String(input));
      current = false; // the socket goes while the request is in flight
      return answerOf(200, "m1");
    }) as typeof fetch;
    let current = true;
    const written: StepResult[] = [];
    const dropped: LinkStep = {
      request: { method: "GET", url: "http://up/offline?drop=true" },
      then: (answer) => ({
        events: [{ type: "message.created", data: { text: "error" in answer ? "" : answer.text() }, dedupe: "msg:m1" }],
        remember: { seen: 1 },
        signals: [{ kind: "refused", reason: "about a socket that is gone" }],
        next: { request: { method: "GET", url: "http://up/next" }, then: () => ({ events: [] }) },
      }),
    };
    const prepared = await runSteps(dropped, { context: () => ctx, timeoutMs: 1000, current: () => current, fetch: fetcher, absorb: (r) => written.push(r) });
    expect(written).toEqual([{ events: [{ type: "message.created", data: { text: "m1" }, dedupe: "msg:m1" }], remember: { seen: 1 } }]);
    expect(requested).toEqual(["http://up/offline?drop=true"]);
    expect(prepared).toEqual({});
  });
});
