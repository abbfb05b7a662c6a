/**
 * End to end: a real `wrangler dev` process, the roomim simulator on a real socket, and the
 * sink verifying every webhook with the standardwebhooks library. Includes a restart of the
 * relay in the middle of pending deliveries.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Sink } from "../sim/sink.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ROOM = "1858415724765278210";

let relay: Relay;
let roomim: RoomimSim;
let sink: Sink;
let persistTo: string;

async function connect(id: string, extra: Record<string, unknown> = {}): Promise<void> {
  sink.secret(id, SECRET);
  const res = await relay.api(`/v1/connections/${id}`, {
    method: "PUT",
    body: { platform: "roomim", upstream: { url: `${roomim.url}ws?token=${id}` }, webhook: { url: sink.hookUrl(id), secret: SECRET, ...extra } },
  });
  expect(res.status).toBe(201);
  await until(`${id} connected`, async () => (await relay.api(`/v1/connections/${id}`)).body.status.state === "connected");
}

/** Verified deliveries (with their parsed event) under a hook name, optionally of one type. */
const verifiedOf = (id: string, type?: string): { id: string; headers: Record<string, string>; verified: boolean; event: any }[] =>
  sink.verified(id).filter((d) => !type || d.event?.type === type) as any[];

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "imrelay-e2e-"));
  roomim = await startRoomim();
  sink = await startSink();
  relay = await startRelay({ persistTo, vars: { ACTION_TIMEOUT_MS: "1500" } });
});

afterAll(async () => {
  await relay?.stop();
  await roomim?.close();
  await sink?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("the relay under wrangler dev", () => {
  it("relays a conversation both ways with verified webhooks", async () => {
    await connect("e2e-flow");
    await until("connection.connected webhook", () => verifiedOf("e2e-flow", "connection.connected").length === 1);
    const sent = await relay.api("/v1/connections/e2e-flow/actions/message.create", { body: { chat: { type: "group", id: ROOM }, content: "hello" } });
    expect(sent.status).toBe(200);
    expect(sent.body.message_id).toMatch(/^\d{19}$/);
    const frame = roomim.received.find((f) => f.text.includes('"msgText":"hello"'))!;
    expect(frame.text).toContain(`"room":${ROOM}`);
    roomim.message({ text: "hi bot", room: "1858689382414958593" });
    const [delivery] = await until("message webhook", () => {
      const found = verifiedOf("e2e-flow", "message.created");
      return found.length ? found : null;
    });
    expect(delivery!.verified).toBe(true);
    expect(delivery!.headers["webhook-id"]).toBe(delivery!.event.id);
    expect(delivery!.headers["user-agent"]).toMatch(/^imrelay\//);
    expect(delivery!.event.data.message).toMatchObject({ chat: { type: "group", id: "1858689382414958593" }, text: "hi bot" });
  });

  it("retries a webhook that fails, on the 5 s schedule, and delivers it once", async () => {
    await connect("e2e-retry", { events: ["message.*"] });
    sink.respond("e2e-retry", [{ status: 500 }]);
    roomim.message({ text: "retry me" });
    const [delivery] = await until(
      "the retried webhook",
      () => {
        const found = verifiedOf("e2e-retry", "message.created");
        return found.length ? found : null;
      },
      20_000,
    );
    const attempts = sink.deliveries("e2e-retry").filter((d) => d.id === delivery!.id);
    expect(attempts.map((a) => a.status)).toEqual([500, 204]);
    const gap = attempts[1]!.at - attempts[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(3_900); // 5 s − 20 % jitter
    expect(gap).toBeLessThan(9_000);
  });

  it("reconnects after the upstream drops the socket, and 502s an action cut off by it", async () => {
    await connect("e2e-drop");
    roomim.mode("silent");
    const pending = relay.api("/v1/connections/e2e-drop/actions/message.create", { body: { chat: { type: "group", id: ROOM }, content: "cut off" } });
    await until("the frame at the upstream", () => roomim.received.some((f) => f.text.includes("cut off")));
    roomim.drop(1012, "restart");
    const res = await pending;
    roomim.mode("ack");
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("upstream_error");
    await until(
      "disconnected + connected",
      () => verifiedOf("e2e-drop", "connection.disconnected").length === 1 && verifiedOf("e2e-drop", "connection.connected").length === 2,
    );
    const state = (await relay.api("/v1/connections/e2e-drop")).body.status;
    expect(state.state).toBe("connected");
  });

  it("answers each error status of API.md that roomim can produce", async () => {
    await connect("e2e-errors");
    const act = (name: string, body: unknown, headers: Record<string, string> = {}) =>
      relay.api(`/v1/connections/e2e-errors/actions/${name}`, { body, headers });
    const statuses: Record<string, number> = {};
    statuses.invalid_request = (await act("message.create", { chat: { type: "group" }, content: "x" })).status;
    statuses.unauthorized = (await fetch(`${relay.url}/v1/connections`)).status;
    statuses.not_found = (await act("nope.nope", {})).status;
    await act("message.create", { chat: { type: "group", id: ROOM }, content: "a" }, { "idempotency-key": "e2e" });
    statuses.conflict = (await act("message.create", { chat: { type: "group", id: ROOM }, content: "b" }, { "idempotency-key": "e2e" })).status;
    statuses.payload_too_large = (await act("message.create", JSON.stringify({ chat: { type: "group", id: ROOM }, content: "x".repeat(1_100_000) }))).status;
    roomim.block("1858415724765278299");
    statuses.upstream_rejected = (await act("message.create", { chat: { type: "private", id: "1858415724765278299" }, content: "x" })).status;
    roomim.unblock("1858415724765278299");
    statuses.unsupported_action = (await act("group.mute", { group_id: ROOM, duration_s: 60 })).status;
    roomim.mode("silent");
    statuses.upstream_timeout = (await act("message.create", { chat: { type: "group", id: ROOM }, content: "x" })).status;
    roomim.mode("ack");
    // Bursts of 45 at once against 20/s with bursts of 40: the first one overflows the bucket on
    // a quiet machine; on a loaded one the bucket refills while a burst is still arriving, so
    // keep sending bursts (at most five) until one is refused.
    const sendBurst = () =>
      Promise.all(Array.from({ length: 45 }, (_, i) => act("message.create", { chat: { type: "group", id: ROOM }, content: `burst ${i}` })));
    const burst = await sendBurst();
    let limited = burst.find((r) => r.status === 429);
    for (let round = 1; !limited && round < 5; round++) limited = (await sendBurst()).find((r) => r.status === 429);
    if (!limited) throw new Error("no 429 in five bursts of 45 actions");
    statuses.rate_limited = limited.status;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(35); // the default burst of 40, less the actions above
    await relay.api("/v1/connections/e2e-errors", { method: "PATCH", body: { enabled: false } });
    statuses.not_connected = (await act("message.create", { chat: { type: "group", id: ROOM }, content: "x" })).status;
    expect(statuses).toEqual({
      invalid_request: 400,
      unauthorized: 401,
      not_found: 404,
      conflict: 409,
      payload_too_large: 413,
      upstream_rejected: 422,
      rate_limited: 429,
      unsupported_action: 501,
      upstream_timeout: 504,
      not_connected: 503,
    });
  });

  it("loses nothing and delivers nothing twice across a restart with deliveries pending", async () => {
    await connect("e2e-restart", { events: ["message.*"] });
    sink.down("e2e-restart", 503);
    const texts = Array.from({ length: 20 }, (_, i) => `pending ${i}`);
    for (const text of texts) roomim.message({ text });
    await until("20 pending deliveries", async () => (await relay.api("/v1/connections/e2e-restart")).body.stats.pending === 20);

    await relay.stop("SIGKILL"); // a crash: nothing is flushed on the way down
    sink.down("e2e-restart", null);
    await relay.start();

    // Nobody calls the API: the persisted alarm alone resumes delivery and reconnects.
    const delivered = await until(
      "all 20 delivered after the restart",
      () => {
        const got = verifiedOf("e2e-restart", "message.created");
        return got.length === 20 ? got : null;
      },
      30_000,
    );
    expect(delivered.map((d) => d.event.data.message.text).sort()).toEqual([...texts].sort());
    const accepted = sink.deliveries("e2e-restart").filter((d) => d.status >= 200 && d.status < 300);
    expect(new Set(accepted.map((d) => d.id)).size).toBe(accepted.length); // each accepted exactly once
    await until("reconnected after the restart", async () => (await relay.api("/v1/connections/e2e-restart")).body.status.state === "connected", 45_000);
    const stats = (await relay.api("/v1/connections/e2e-restart")).body.stats;
    expect(stats).toMatchObject({ pending: 0, failed: 0 });
  });
});
