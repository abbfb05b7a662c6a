/**
 * GET …/stats in workerd: real events from the roomim simulator, real deliveries to the
 * verifying sink (some answered 2xx, one failing for good), counted per bucket.
 */
import { env } from "cloudflare:workers";
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Stats } from "../../src/api/schemas.ts";
import { api, connectRoomim, sim, sink, until, webhookOf } from "./helpers.ts";

const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));
const total = (series: any[], key: string) => series.reduce((n, b) => n + b[key], 0);

describe("connection stats", () => {
  it("counts events stored and deliveries settled, with latency, in the current bucket", async () => {
    const { id } = await connectRoomim("stats");
    await webhookOf(id, "connection.connected");
    for (const text of ["one", "two", "three"]) await sim("push/message", { text: `${text} ${id}` });
    await until(
      "three messages delivered",
      async () =>
        (await api(`/v1/connections/${id}/deliveries?status=delivered`)).body.deliveries.filter((d: any) => d.type === "message.created").length === 3,
    );
    // A fourth that fails every attempt: the receiver answers 500, and the schedule is fast-forwarded to the last attempt.
    await sink("down", { name: id, status: 500 });
    await sim("push/message", { text: `doomed ${id}` });
    const pending = await until("a failed first attempt", async () =>
      (await api(`/v1/connections/${id}/deliveries?status=pending`)).body.deliveries.find((d: any) => d.attempts >= 1),
    );
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      state.storage.sql.exec("UPDATE deliveries SET attempts = 7, next_attempt_at = ? WHERE event_id = ?", Date.now(), pending.event_id);
    });
    await until("an alarm run (once the running one has ended)", () => runDurableObjectAlarm(stubOf(id)));
    await until("the fourth failed", async () => (await api(`/v1/connections/${id}/deliveries?status=failed`)).body.deliveries.length === 1);
    await sink("down", { name: id, status: null });

    const res = await api(`/v1/connections/${id}/stats?window=1h`);
    expect(res.status).toBe(200);
    expect(Stats.safeParse(res.body).success).toBe(true); // the shape /openapi.json documents
    expect(res.body.window).toBe("1h");
    expect(res.body.bucket_ms).toBe(60_000);
    const series = res.body.series;
    expect(series).toHaveLength(60);
    for (let i = 1; i < series.length; i++) expect(series[i].at - series[i - 1].at).toBe(60_000);
    expect(series[59].at % 60_000).toBe(0);
    expect(series[59].at).toBeLessThanOrEqual(Date.now());
    expect(series[59].at).toBeGreaterThan(Date.now() - 120_000);
    // connection.connected and four messages stored; five deliveries settled (four 2xx, one failed).
    expect(total(series, "received")).toBe(5);
    expect(total(series, "delivered")).toBe(4);
    expect(total(series, "failed")).toBe(1);
    const busy = series.filter((b: any) => b.delivered > 0);
    for (const b of busy) {
      expect(b.latency_p50_ms).toBeGreaterThanOrEqual(0);
      expect(b.latency_p99_ms).toBeGreaterThanOrEqual(b.latency_p50_ms);
      expect(b.latency_p99_ms).toBeLessThan(60_000);
    }
    expect(series.filter((b: any) => b.delivered === 0).every((b: any) => b.latency_p50_ms === null && b.latency_p99_ms === null)).toBe(true);

    // The same traffic in the day's 15-minute and the week's 2-hour buckets.
    for (const [window, bucket, count] of [
      ["24h", 900_000, 96],
      ["7d", 7_200_000, 84],
    ] as const) {
      const wide = (await api(`/v1/connections/${id}/stats?window=${window}`)).body;
      expect(wide).toMatchObject({ window, bucket_ms: bucket });
      expect(wide.series).toHaveLength(count);
      expect(wide.series.every((b: any) => b.at % bucket === 0)).toBe(true);
      expect([total(wide.series, "received"), total(wide.series, "delivered"), total(wide.series, "failed")]).toEqual([5, 4, 1]);
    }

    // A retried delivery that then succeeds counts as delivered in its own bucket; the failure stays counted.
    await api(`/v1/connections/${id}/deliveries/retry`, { body: {} });
    await until("the retried one delivered", async () => (await api(`/v1/connections/${id}/deliveries?status=delivered`)).body.deliveries.length === 5);
    const after = (await api(`/v1/connections/${id}/stats`)).body;
    expect(after.window).toBe("1h");
    expect([total(after.series, "delivered"), total(after.series, "failed")]).toEqual([5, 1]);
  }, 30_000);

  it("counts the events of a batched delivery one by one", async () => {
    const { id } = await connectRoomim("stats-batch", { webhook: { batch: { max_events: 10, max_wait_ms: 200 } } });
    for (let i = 0; i < 5; i++) await sim("push/message", { text: `batched ${i} ${id}` });
    await until("every delivery settled", async () => {
      const { deliveries } = (await api(`/v1/connections/${id}/deliveries`)).body;
      return deliveries.length === 6 && deliveries.every((d: any) => d.status === "delivered");
    });
    const series = (await api(`/v1/connections/${id}/stats`)).body.series;
    expect([total(series, "received"), total(series, "delivered"), total(series, "failed")]).toEqual([6, 6, 0]);
    expect(series.some((b: any) => b.latency_p99_ms !== null)).toBe(true);
  }, 30_000);

  it("fills the counters from stored events when a store had none (a store from before stats)", async () => {
    const { id } = await connectRoomim("stats-migrate");
    await sim("push/message", { text: `before ${id}` });
    await until("delivered", async () => (await api(`/v1/connections/${id}/deliveries?status=delivered`)).body.deliveries.length === 2);
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      state.storage.sql.exec("DROP TABLE stats_minutes; DROP TABLE stats_latency;");
    });
    await abortAllDurableObjects(); // the next instance opens the store afresh
    const series = (await api(`/v1/connections/${id}/stats`)).body.series;
    expect([total(series, "received"), total(series, "delivered"), total(series, "failed")]).toEqual([2, 2, 0]);
    expect(series.some((b: any) => b.latency_p50_ms !== null)).toBe(true);
  });

  it("names a bad window and an unknown connection precisely", async () => {
    const bad = await api(`/v1/connections/nobody/stats?window=2h`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("window");
    const missing = await api(`/v1/connections/nobody-here/stats`);
    expect(missing.status).toBe(404);
    expect((await api(`/v1/connections/nobody/stats`, { token: null })).status).toBe(401);
  });
});
