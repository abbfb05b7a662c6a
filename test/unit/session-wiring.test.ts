/**
 * The session's other parts on their own: settings, batched writes (ingest and the outcome
 * ledger), the delivery pump, the alarm's next time, and the upstream link over a fake socket.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as z from "zod";
import type { Frame, Platform, StepResult } from "../../src/platforms/contract.ts";
import { nextAlarm } from "../../src/session/alarm.ts";
import { BatchWriter } from "../../src/session/batch.ts";
import { Inbox, INGEST_WINDOW_MS } from "../../src/session/ingest.ts";
import { UpstreamLink, type LinkListener } from "../../src/session/link.ts";
import { ShelvedMemory } from "../../src/session/memory.ts";
import { OutcomeLedger } from "../../src/session/outcomes.ts";
import { DeliveryPump } from "../../src/session/pump.ts";
import { parseSettings, SettingsError } from "../../src/session/settings.ts";
import type { DueDelivery, EventRow, SessionStore } from "../../src/session/store.ts";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("settings", () => {
  it("defaults when nothing is set", () => {
    expect(parseSettings({})).toEqual({
      actionTimeoutMs: 10_000,
      watchdogMs: 30_000,
      retentionMs: 7 * 86_400_000,
      deliveryConcurrency: 4,
      dialTimeoutMs: 15_000,
      actionRate: 20,
      actionBurst: 40,
      heartbeat: {},
    });
  });

  it("reads numbers, clamps delivery concurrency to 6 and derives the burst from the rate", () => {
    const s = parseSettings({
      ACTION_TIMEOUT_MS: "1500",
      ACTION_RATE: "5",
      DELIVERY_CONCURRENCY: "10",
      HEARTBEAT_INTERVAL_MS: "400",
      RETENTION_DAYS: "0.5",
      POLL_INTERVAL_MS: "400",
    });
    expect(s).toMatchObject({
      actionTimeoutMs: 1500,
      actionRate: 5,
      actionBurst: 10,
      deliveryConcurrency: 6,
      heartbeat: { intervalMs: 400 },
      retentionMs: 43_200_000,
      pollIntervalMs: 400,
    });
  });

  it("refuses an invalid value with an error naming every bad variable", () => {
    expect(() => parseSettings({ WATCHDOG_MS: "soon", DELIVERY_CONCURRENCY: "0" })).toThrow(SettingsError);
    expect(() => parseSettings({ WATCHDOG_MS: "soon", DELIVERY_CONCURRENCY: "0" })).toThrow(
      "invalid settings: WATCHDOG_MS must be a number; DELIVERY_CONCURRENCY must be at least 1",
    );
  });
});

describe("batched writes", () => {
  it("writes at most maxBatch at once, the rest after delayMs; a repeated key keeps the latest", () => {
    vi.useFakeTimers();
    const writes: string[][] = [];
    const batch = new BatchWriter<{ k: string; v: number }>({
      maxBatch: 3,
      delayMs: 100,
      key: (i) => i.k,
      write: (items) => writes.push(items.map((i) => `${i.k}${i.v}`)),
    });
    batch.add({ k: "a", v: 1 });
    batch.add({ k: "a", v: 2 });
    batch.add({ k: "b", v: 1 });
    expect(writes).toEqual([]);
    batch.add({ k: "c", v: 1 });
    expect(writes).toEqual([["a2", "b1", "c1"]]);
    batch.add({ k: "d", v: 1 });
    vi.advanceTimersByTime(100);
    expect(writes).toEqual([["a2", "b1", "c1"], ["d1"]]);
    batch.add({ k: "e", v: 1 });
    batch.discard();
    vi.advanceTimersByTime(100);
    expect(writes).toHaveLength(2);
  });

  it("the ledger writes outcomes in one transaction, counts deliveries, and says what is still unwritten", () => {
    const calls: string[] = [];
    const store = {
      transaction: (fn: () => void) => {
        calls.push("begin");
        fn();
        calls.push("commit");
      },
      markDeliveredMany: (rows: [string][]) => calls.push(...rows.map(([id]) => `delivered ${id}`)),
      markAttemptFailed: (id: string, _a: number, _s: number | null, _e: string, next: number | null) => calls.push(`failed ${id} ${next}`),
      addToCounter: (_n: string, by: number) => calls.push(`+${by}`),
    } as unknown as SessionStore;
    let written = 0;
    const ledger = new OutcomeLedger(store, { maxBatch: 10, delayMs: 1000, written: () => written++ });
    ledger.record({ kind: "delivered", eventId: "e1", attempts: 1, status: 204, at: 1 });
    ledger.record({ kind: "failed", eventId: "e2", attempts: 1, status: 500, error: "HTTP 500", nextAt: 5 });
    expect(ledger.has("e2")).toBe(true);
    ledger.flush();
    expect(calls).toEqual(["begin", "failed e2 5", "delivered e1", "+1", "commit"]);
    expect(ledger.has("e2")).toBe(false);
    expect(written).toBe(1);

    calls.length = 0;
    ledger.recordDelivery("e3", { kind: "gone", attempts: 2, status: 410, error: "410 Gone: the webhook is disabled" }, 9);
    ledger.recordDelivery("e4", { kind: "failed", attempts: 1, status: null, error: "network error", retryAt: 99 }, 9);
    ledger.recordDelivery("e5", { kind: "delivered", attempts: 3, status: 200 }, 9);
    ledger.flush();
    expect(calls).toEqual(["begin", "failed e3 null", "failed e4 99", "delivered e5", "+1", "commit"]);
  });

  it("ingest writes a burst together, applies memory at once, and hands on only the events stored", () => {
    vi.useFakeTimers();
    const appended: string[][] = [];
    const remembered: unknown[] = [];
    const store = {
      transaction: <T>(fn: () => T) => fn(),
      appendEvents: (rows: EventRow[]) => {
        appended.push(rows.map((r) => r.dedupe ?? r.event.type));
        return rows.filter((r) => r.dedupe !== "seen");
      },
      remember: (entries: unknown) => remembered.push(entries),
    } as unknown as SessionStore;
    const memory = new ShelvedMemory();
    const handed: string[] = [];
    const inbox = new Inbox({
      store,
      memory: () => memory,
      bounds: () => ({}),
      stored: (rows) => handed.push(...rows.map((r) => `${r.event.type} ${r.deliver}`)),
    });
    const source = { connection: "c", platform: "p", events: ["message.*"] };
    inbox.take(source, [{ type: "message.created", data: {}, dedupe: "seen" }], { self: "me" });
    inbox.take(source, [{ type: "typing", data: {} }], { room: 1 });
    expect(memory.recall("self", Date.now())).toBe("me");
    expect(appended).toEqual([]);
    vi.advanceTimersByTime(INGEST_WINDOW_MS - 1);
    expect(appended).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(appended).toEqual([["seen", "typing"]]);
    expect(remembered).toEqual([{ self: "me", room: 1 }]);
    expect(handed).toEqual(["typing false"]);
  });
});

describe("the delivery pump", () => {
  it("delivers due work with bounded concurrency, takes offers while running, and skips what is settling", async () => {
    const due: DueDelivery[] = [1, 2, 3, 4, 5].map((n) => ({ event_id: `e${n}`, attempts: 0, body: "{}" }));
    let inFlight = 0;
    let most = 0;
    const delivered: string[] = [];
    const settling = new Set<string>(["e5"]);
    const pump = new DeliveryPump({
      due: (limit) => due.splice(0, limit).filter((d) => !delivered.includes(d.event_id)),
      deliver: async ([d]) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        delivered.push(d!.event_id);
        inFlight--;
      },
      batch: () => null,
      concurrency: 2,
      paused: () => false,
      settling: { has: (id) => settling.has(id), size: settling.size },
      lingerMs: 20,
    });
    const run = pump.run(10_000);
    expect(pump.running).toBe(true);
    pump.offer([{ event_id: "e6", attempts: 0, body: "{}" }]);
    await run;
    expect(pump.running).toBe(false);
    expect(most).toBe(2);
    expect(delivered.sort()).toEqual(["e1", "e2", "e3", "e4", "e6"]);
  });

  it("delivers nothing while paused", async () => {
    const delivered: string[] = [];
    const pump = new DeliveryPump({
      due: () => [{ event_id: "e1", attempts: 0, body: "{}" }],
      deliver: async ([d]) => void delivered.push(d!.event_id),
      batch: () => null,
      concurrency: 2,
      paused: () => true,
      settling: { has: () => false, size: 0 },
      lingerMs: 10,
    });
    await pump.run(1000);
    expect(delivered).toEqual([]);
  });

  const dues = (from: number, to: number): DueDelivery[] =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ event_id: `e${String(from + i).padStart(3, "0")}`, attempts: 0, body: "{}" }));

  it("batching: takes up to max_events at once, each delivery in exactly one batch", async () => {
    const stored = dues(1, 7);
    const batches: string[][] = [];
    const pump = new DeliveryPump({
      due: (limit) => stored.splice(0, limit),
      deliver: async (ds) => void batches.push(ds.map((d) => d.event_id)),
      batch: () => ({ max_events: 3, max_wait_ms: 0 }),
      concurrency: 2,
      paused: () => false,
      settling: { has: () => false, size: 0 },
      lingerMs: 10,
    });
    await pump.run(1000);
    expect(batches.every((b) => b.length >= 1 && b.length <= 3)).toBe(true);
    expect(batches.flat().sort()).toEqual(dues(1, 7).map((d) => d.event_id));
  });

  it("batching: waits up to max_wait_ms for a fuller batch, and a full one goes at once", async () => {
    const batches: string[][] = [];
    const stored = dues(1, 1);
    const pump = new DeliveryPump({
      due: (limit) => stored.splice(0, limit),
      deliver: async (ds) => void batches.push(ds.map((d) => d.event_id)),
      batch: () => ({ max_events: 4, max_wait_ms: 5_000 }),
      concurrency: 1,
      paused: () => false,
      settling: { has: () => false, size: 0 },
      lingerMs: 10,
    });
    const started = Date.now();
    const run = pump.run(10_000);
    await new Promise((r) => setTimeout(r, 20));
    pump.offer(dues(2, 4)); // now a full batch: the gathering worker goes without waiting out 5 s
    await run;
    expect(batches).toEqual([["e001", "e002", "e003", "e004"]]);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("holds a bounded number of deliveries in memory; the rest are read back from storage in order", async () => {
    // Storage holds everything offered (ingest writes before it offers); the pump keeps at most 64 per worker.
    const stored = dues(1, 300);
    const seen: string[] = [];
    const pump = new DeliveryPump({
      due: (limit) => stored.filter((d) => !seen.includes(d.event_id)).slice(0, limit),
      deliver: async ([d]) => {
        await new Promise((r) => setTimeout(r, 1));
        seen.push(d!.event_id);
      },
      batch: () => null,
      concurrency: 1,
      paused: () => false,
      settling: { has: () => false, size: 0 },
      lingerMs: 10,
    });
    const run = pump.run(60_000);
    const offered = dues(301, 500);
    stored.push(...offered);
    pump.offer(offered);
    await run;
    expect(seen).toEqual(dues(1, 500).map((d) => d.event_id));
  });
});

describe("the alarm", () => {
  const base = { now: 1000, deliveryDue: null, enabled: true, watchdogMs: 30_000, linkIdle: false, retryAt: null };
  it("is the earliest of a delivery due, a redial due and the watchdog, never in the past", () => {
    expect(nextAlarm(base)).toBe(31_000);
    expect(nextAlarm({ ...base, deliveryDue: 5_000 })).toBe(5_000);
    expect(nextAlarm({ ...base, deliveryDue: 10 })).toBe(1000);
    expect(nextAlarm({ ...base, linkIdle: true, retryAt: 20_000 })).toBe(20_000);
    expect(nextAlarm({ ...base, linkIdle: true })).toBe(1000);
    expect(nextAlarm({ ...base, enabled: false })).toBeNull();
    expect(nextAlarm({ ...base, enabled: false, deliveryDue: 9_000 })).toBe(9_000);
  });
});

// ---- the upstream link over a fake socket -------------------------------------------------------

class FakeSocket extends EventTarget {
  sent: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  accept(): void {}
  send(frame: Frame): void {
    this.sent.push(frame);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
  push(data: string): void {
    this.dispatchEvent(Object.assign(new Event("message"), { data }));
  }
  hangUp(code: number, reason: string): void {
    this.dispatchEvent(Object.assign(new Event("close"), { code, reason }));
  }
}

function linkHarness(platformLink: Partial<Platform["link"]>, upgrade: (url: string) => Response | { webSocket: FakeSocket; status: number }) {
  const dialled: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    dialled.push(url);
    return upgrade(url);
  });
  const events: string[] = [];
  const listener: LinkListener = {
    frame: (f) => events.push(`frame ${String(f)}`),
    lost: (code, reason) => events.push(`lost ${code} ${reason}`),
    loginTimedOut: (ms) => events.push(`login timed out ${ms}`),
    stepped: (r: StepResult, what) => events.push(`stepped ${what} ${r.events.length}`),
  };
  const platform = {
    name: "fake",
    seed: "000",
    upstream: z.null(),
    redact: () => ({}),
    events: [],
    actions: {},
    link: { dial: () => ({ url: "ws://up/ws" }), readiness: "open", ...platformLink },
    decode: () => ({ events: [] }),
  } as Platform;
  const link = new UpstreamLink({
    platform: () => platform,
    context: () => ({ connection: "c", config: null, now: 0, recall: () => undefined, newKey: () => "k" }),
    listener,
    dialTimeoutMs: 1000,
    stepTimeoutMs: 1000,
    heartbeat: {},
  });
  return { link, events, dialled };
}

describe("the upstream link", () => {
  it("dials, sends the login, passes frames on, and ignores a dropped socket's late events", async () => {
    const socket = new FakeSocket();
    const t = linkHarness({ hello: () => ["login"] }, () => ({ webSocket: socket, status: 101 }));
    expect(await t.link.dial()).toEqual({ kind: "open", readiness: "open" });
    expect(t.dialled).toEqual(["http://up/ws"]);
    expect(socket.sent).toEqual(["login"]);
    socket.push("hi");
    t.link.drop(1000, "bye");
    socket.push("late");
    socket.hangUp(1006, "gone");
    expect(t.events).toEqual(["frame hi"]);
    expect(socket.closed).toEqual({ code: 1000, reason: "bye" });
    expect(t.link.idle).toBe(true);
  });

  it("reports a socket closed by the upstream as lost, once", async () => {
    const socket = new FakeSocket();
    const t = linkHarness({}, () => ({ webSocket: socket, status: 101 }));
    await t.link.dial();
    socket.hangUp(4002, "kicked");
    socket.hangUp(4002, "kicked");
    expect(t.events).toEqual(["lost 4002 kicked"]);
  });

  it("a refused upgrade is a refused dial; prepare may refuse before any dial", async () => {
    const t = linkHarness({}, () => new Response(null, { status: 401 }));
    expect(await t.link.dial()).toMatchObject({ kind: "failed", refused: true, status: 401 });
    const p = linkHarness(
      { prepare: () => ({ request: { method: "GET", url: "http://up/gateway" }, then: () => ({ events: [], refused: "bad token" }) }) },
      () => new Response("{}", { status: 200 }),
    );
    expect(await p.link.dial()).toEqual({ kind: "failed", error: "bad token", status: null, refused: true });
    expect(p.dialled).toEqual(["http://up/gateway"]);
    expect(p.events).toEqual(["stepped GET http://up/gateway 0"]);
  });

  it("a login never confirmed times out; a heartbeat never acknowledged loses the socket", async () => {
    vi.useFakeTimers();
    const socket = new FakeSocket();
    const t = linkHarness({ readiness: "signal", readyTimeoutMs: 500, heartbeat: { intervalMs: 100, timeoutMs: 50, frame: () => "ping" } }, () => ({
      webSocket: socket,
      status: 101,
    }));
    expect(await t.link.dial()).toEqual({ kind: "open", readiness: "signal" });
    await vi.advanceTimersByTimeAsync(500);
    expect(t.events).toEqual(["login timed out 500"]);
    expect(socket.closed).toMatchObject({ reason: "login not confirmed" });

    const second = new FakeSocket();
    const u = linkHarness({ heartbeat: { intervalMs: 100, timeoutMs: 50, frame: () => "ping" } }, () => ({ webSocket: second, status: 101 }));
    await u.link.dial();
    u.link.connected();
    await vi.advanceTimersByTimeAsync(100);
    u.link.heartbeatAcked();
    await vi.advanceTimersByTimeAsync(100);
    expect(u.events).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(second.sent).toEqual(["ping", "ping"]);
    expect(u.events).toEqual(["lost 4000 heartbeat not acknowledged"]);
  });
});
