/**
 * Batched delivery end to end: `wrangler dev`, the roomim simulator, and the sink verifying
 * every batch with the standardwebhooks library. A batch is one signed POST with its own
 * webhook-id; each event's delivery record stays its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Delivery, type Sink } from "../sim/sink.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

let relay: Relay;
let roomim: RoomimSim;
let sink: Sink;
let persistTo: string;

interface Batch {
  type: string;
  events: { id: string; type: string; data: { message: { text: string } } }[];
}

async function connect(id: string, webhook: Record<string, unknown>): Promise<void> {
  sink.secret(id, SECRET);
  const res = await relay.api(`/v1/connections/${id}`, {
    method: "PUT",
    body: {
      platform: "roomim",
      upstream: { url: `${roomim.url}ws?token=${id}` },
      webhook: { url: sink.hookUrl(id), secret: SECRET, events: ["message.*"], ...webhook },
    },
  });
  expect(res.status).toBe(201);
  await until(`${id} connected`, async () => (await relay.api(`/v1/connections/${id}`)).body.status.state === "connected");
  await until(`${id} the only client`, () => roomim.clients() === 1);
}

async function disconnect(id: string): Promise<void> {
  expect((await relay.api(`/v1/connections/${id}`, { method: "DELETE" })).status).toBe(204);
  await until("no clients", () => roomim.clients() === 0);
}

/** The events of the verified, accepted batches to {id}, in arrival order. */
const batchedEvents = (id: string) => sink.verified(id).flatMap((d) => (d.event as unknown as Batch).events);

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "imrelay-e2e-batch-"));
  roomim = await startRoomim();
  sink = await startSink();
  relay = await startRelay({ persistTo });
});

afterAll(async () => {
  await relay?.stop();
  await roomim?.close();
  await sink?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("batched delivery under wrangler dev", () => {
  it("sends deliveries due together as one signed POST of at most max_events, each event once", async () => {
    await connect("batch-burst", { batch: { max_events: 10, max_wait_ms: 200 } });
    const view = (await relay.api("/v1/connections/batch-burst")).body;
    expect(view.webhook.batch).toEqual({ max_events: 10, max_wait_ms: 200 });
    for (let i = 0; i < 25; i++) roomim.message({ text: `burst ${i}` });
    await until("25 events in verified batches", () => batchedEvents("batch-burst").length >= 25, 15_000);

    const batches = sink.verified("batch-burst") as Delivery[];
    for (const d of batches) {
      const body = d.event as unknown as Batch;
      expect(d.verified).toBe(true);
      expect(body.type).toBe("batch");
      expect(d.id).toMatch(/^bat_[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(body.events.length).toBeGreaterThanOrEqual(1);
      expect(body.events.length).toBeLessThanOrEqual(10);
      // Within a batch, events are in the order they were received.
      expect(body.events.map((e) => e.id)).toEqual([...body.events.map((e) => e.id)].sort());
    }
    expect(batches.length).toBeLessThan(25);
    const events = batchedEvents("batch-burst");
    expect(new Set(events.map((e) => e.id)).size).toBe(25);
    expect(events.map((e) => e.data.message.text).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `burst ${i}`).sort());
    expect(new Set(batches.map((d) => d.id)).size).toBe(batches.length);

    const deliveries = (await relay.api("/v1/connections/batch-burst/deliveries?limit=100")).body.deliveries as {
      event_id: string;
      status: string;
      attempts: number;
    }[];
    expect(deliveries).toHaveLength(25);
    expect(deliveries.every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
    expect(new Set(deliveries.map((d) => d.event_id))).toEqual(new Set(events.map((e) => e.id)));
    await disconnect("batch-burst");
  });

  it("retries a failed batch per event, on the events' own schedule, in a new batch", async () => {
    await connect("batch-retry", { batch: { max_events: 50, max_wait_ms: 300 } });
    sink.respond("batch-retry", [{ status: 500 }]);
    for (let i = 0; i < 3; i++) roomim.message({ text: `retry ${i}` });
    await until("the three events delivered", () => batchedEvents("batch-retry").length >= 3, 20_000);

    const attempts = sink.deliveries("batch-retry");
    expect(attempts.map((a) => a.status)).toEqual([500, 204]);
    const [failed, retried] = attempts as [Delivery, Delivery];
    expect(retried.id).not.toBe(failed.id);
    const idsOf = (d: Delivery) => (d.event as unknown as Batch).events.map((e) => e.id);
    expect(idsOf(retried)).toEqual(idsOf(failed));
    expect(retried.at - failed.at).toBeGreaterThanOrEqual(3_900); // 5 s − 20 % jitter

    const deliveries = (await relay.api("/v1/connections/batch-retry/deliveries")).body.deliveries as {
      status: string;
      attempts: number;
      last_status: number;
    }[];
    expect(deliveries).toHaveLength(3);
    expect(deliveries.every((d) => d.status === "delivered" && d.attempts === 2 && d.last_status === 204)).toBe(true);
    await disconnect("batch-retry");
  });

  it("goes back to one event per POST when batch is patched to null", async () => {
    await connect("batch-off", { batch: { max_events: 5 } });
    expect((await relay.api("/v1/connections/batch-off")).body.webhook.batch).toEqual({ max_events: 5, max_wait_ms: 0 });
    const patched = await relay.api("/v1/connections/batch-off", { method: "PATCH", body: { webhook: { batch: null } } });
    expect(patched.status).toBe(200);
    expect(patched.body.webhook.batch).toBeNull();
    roomim.message({ text: "single 1" });
    roomim.message({ text: "single 2" });
    const singles = await until("two single deliveries", () => (sink.verified("batch-off").length >= 2 ? sink.verified("batch-off") : null));
    for (const d of singles) {
      expect(d.event?.type).toBe("message.created");
      expect(d.id).toBe(d.event?.id);
    }
    await disconnect("batch-off");
  });

  it("refuses batch settings out of range, naming the field", async () => {
    const res = await relay.api("/v1/connections/batch-bad", {
      method: "PUT",
      body: {
        platform: "roomim",
        upstream: { url: `${roomim.url}ws` },
        webhook: { url: sink.hookUrl("batch-bad"), batch: { max_events: 1, max_wait_ms: 5000 } },
      },
    });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toContain("webhook.batch.max_events");
    expect(paths).toContain("webhook.batch.max_wait_ms");
  });
});
