/**
 * GET …/deliveries/{event_id} in workerd: a real delivery to the verifying sink that fails
 * once (scripted 500) and then succeeds lists both attempts with their statuses.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DeliveryDetail } from "../../src/api/schemas.ts";
import { ATTEMPTS_KEPT, SessionStore } from "../../src/session/store.ts";
import { api, connectRoomim, sim, sink, until, webhookOf } from "./helpers.ts";

const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));

describe("a delivery's attempts", () => {
  it("lists a failed attempt and the one that then succeeded, in order", async () => {
    const { id } = await connectRoomim("attempts");
    await webhookOf(id, "connection.connected");
    await sink("respond", { name: id, answers: [{ status: 500 }] });
    await sim("push/message", { text: `flaky ${id}` });
    const pending = await until("a failed first attempt", async () =>
      (await api(`/v1/connections/${id}/deliveries?status=pending`)).body.deliveries.find((d: any) => d.type === "message.created" && d.attempts >= 1),
    );
    const first = await api(`/v1/connections/${id}/deliveries/${pending.event_id}`);
    expect(first.status).toBe(200);
    expect(first.body.delivery).toMatchObject({ event_id: pending.event_id, status: "pending", attempts: 1, last_status: 500 });
    expect(first.body.attempts).toEqual([{ attempt: 1, at: expect.any(Number), status: 500, error: expect.stringContaining("500") }]);

    // The retry is due later on the schedule: brought forward, then run.
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      state.storage.sql.exec("UPDATE deliveries SET next_attempt_at = ? WHERE event_id = ?", Date.now(), pending.event_id);
    });
    await until("an alarm run (once the running one has ended)", () => runDurableObjectAlarm(stubOf(id)));
    const res = await until("the retry delivered", async () => {
      const r = await api(`/v1/connections/${id}/deliveries/${pending.event_id}`);
      return r.body.delivery?.status === "delivered" ? r : undefined;
    });
    expect(DeliveryDetail.safeParse(res.body).success).toBe(true); // the shape /openapi.json documents
    expect(res.body.delivery).toMatchObject({ event_id: pending.event_id, attempts: 2, last_error: null });
    const [failed, delivered] = res.body.attempts;
    expect(res.body.attempts).toHaveLength(2);
    expect(failed).toMatchObject({ attempt: 1, status: 500 });
    expect(delivered).toEqual({ attempt: 2, at: expect.any(Number), status: expect.any(Number), error: null });
    expect(delivered.status).toBeGreaterThanOrEqual(200);
    expect(delivered.status).toBeLessThan(300);
    expect(delivered.at).toBeGreaterThanOrEqual(failed.at);
    // The list row and the detail agree.
    const row = (await api(`/v1/connections/${id}/deliveries?status=delivered`)).body.deliveries.find((d: any) => d.event_id === pending.event_id);
    expect(res.body.delivery).toEqual(row);
  }, 30_000);

  it("keeps the newest attempts of an event, and forgets them with the event", async () => {
    const { id } = await connectRoomim("attempts-kept");
    const connected = await webhookOf(id, "connection.connected");
    await until("its delivery settled", async () => (await api(`/v1/connections/${id}/deliveries/${connected.id}`)).body.delivery?.status === "delivered");
    const count = () =>
      runInDurableObject(
        stubOf(id),
        (_obj: unknown, state: DurableObjectState) =>
          state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM attempts WHERE event_id = ?", connected.id).one().n,
      );
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      // A store from before attempts were kept gets the table when it is opened.
      state.storage.sql.exec("DROP TABLE attempts");
      const store = new SessionStore(state.storage);
      const later = Date.now() + 1_000;
      // Requeued again and again: more attempts than are kept.
      for (let i = 1; i <= ATTEMPTS_KEPT + 10; i++) store.transaction(() => store.markAttemptFailed(connected.id, i, 503, `HTTP 503 #${i}`, later, later));
      store.transaction(() => store.markDeliveredMany([[connected.id, ATTEMPTS_KEPT + 11, 204, later]]));
    });
    const res = (await api(`/v1/connections/${id}/deliveries/${connected.id}`)).body;
    expect(res.attempts).toHaveLength(ATTEMPTS_KEPT);
    expect(res.attempts[0]).toMatchObject({ attempt: 12, status: 503, error: "HTTP 503 #12" });
    expect(res.attempts.at(-1)).toMatchObject({ attempt: ATTEMPTS_KEPT + 11, status: 204, error: null });
    expect(res.delivery).toMatchObject({ status: "delivered", attempts: ATTEMPTS_KEPT + 11, last_status: 204 });

    // The retention purge drops the settled event, and its attempts with it.
    await runInDurableObject(stubOf(id), (_obj: unknown, state: DurableObjectState) => {
      new SessionStore(state.storage).purge(Date.now() + 60_000, 0);
    });
    expect(await count()).toBe(0);
    expect((await api(`/v1/connections/${id}/deliveries/${connected.id}`)).status).toBe(404);
  });

  it("answers 404 for an unknown event or connection", async () => {
    const { id } = await connectRoomim("attempts-404");
    const unknownEvent = await api(`/v1/connections/${id}/deliveries/evt_01JD8Z6Q3C5X7R2M4N6P8T0V2W`);
    expect(unknownEvent.status).toBe(404);
    expect(unknownEvent.body).toMatchObject({ code: "not_found" });
    expect(unknownEvent.body.detail ?? unknownEvent.body.title).toBeTruthy();
    const unknownConnection = await api(`/v1/connections/no-such-connection/deliveries/evt_01JD8Z6Q3C5X7R2M4N6P8T0V2W`);
    expect(unknownConnection.status).toBe(404);
    expect(unknownConnection.body).toMatchObject({ code: "not_found" });
  });
});
