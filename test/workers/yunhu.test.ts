/**
 * yunhu sessions in workerd against the yunhu simulator (an independent protobuf encoder):
 * login confirmed by the first heartbeat ack, a refused login, protobuf frames to events,
 * and the HTTP actions with protobuf bodies.
 */
import { describe, expect, it } from "vitest";
import { api, connectYunhu, freshHook, SECRET, until, webhookOf, YUNHU, yunhuSim } from "./helpers.ts";

const GROUP = "872440499";
const TOKEN = "nj104901-test-token";
const act = (id: string, name: string, body: unknown) => api(`/v1/connections/${id}/actions/${name}`, { body });

describe("yunhu session", () => {
  it("logs in, counts as connected only after the heartbeat ack, and never shows the token", async () => {
    const { id } = await connectYunhu("yunhu-login");
    const frames = (await yunhuSim("received")).received.map((f: any) => f.parsed?.cmd);
    expect(frames).toEqual(expect.arrayContaining(["login", "heartbeat"]));
    const login = (await yunhuSim("received")).received.find((f: any) => f.parsed?.cmd === "login").parsed;
    expect(login.data).toMatchObject({ userId: "7356666", token: TOKEN, platform: "windows" });
    const view = JSON.stringify((await api(`/v1/connections/${id}`)).body);
    expect(view).not.toContain(TOKEN);
    const events = JSON.stringify((await api(`/v1/connections/${id}/events`)).body);
    expect(events).not.toContain(TOKEN);
    expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("connected");
  });

  it("puts a refused login in failed with the upstream's reason", async () => {
    const { id, hook } = await freshHook("yunhu-refused");
    const put = await api(`/v1/connections/${id}`, {
      method: "PUT",
      body: {
        platform: "yunhu",
        upstream: { userId: "7356666", token: "wrong-token", url: `${YUNHU.replace("http", "ws")}/ws`, api: YUNHU },
        webhook: { url: hook, secret: SECRET },
      },
    });
    expect(put.status).toBe(201);
    const failed = await webhookOf(id, "connection.failed");
    expect(failed.data.reason).toContain("数据不合法");
    expect(JSON.stringify(failed)).not.toContain("wrong-token");
    expect((await api(`/v1/connections/${id}`)).body.status).toMatchObject({ state: "failed" });
    await api(`/v1/connections/${id}`, { method: "DELETE" });
  });

  it("puts a login that is never acknowledged in failed after the readiness timeout", { timeout: 20_000 }, async () => {
    await yunhuSim("heartbeats", { silent: true });
    try {
      const { id, hook } = await freshHook("yunhu-silent");
      await api(`/v1/connections/${id}`, {
        method: "PUT",
        body: {
          platform: "yunhu",
          upstream: { userId: "7356666", token: TOKEN, url: `${YUNHU.replace("http", "ws")}/ws`, api: YUNHU },
          webhook: { url: hook, secret: SECRET },
        },
      });
      expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("connecting");
      const failed = await webhookOf(id, "connection.failed", () => true, 15_000);
      expect(failed.data.reason).toContain("did not confirm the login");
      await api(`/v1/connections/${id}`, { method: "DELETE" });
    } finally {
      await yunhuSim("heartbeats", { silent: false });
    }
  });

  it("reconnects when a heartbeat goes unacknowledged, with the same deviceId", async () => {
    // Heartbeats every 400 ms here (HEARTBEAT_INTERVAL_MS), 300 ms to be acknowledged.
    const { id } = await connectYunhu("yunhu-heartbeat");
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("connected"); // acked heartbeats keep it up
    // The default deviceId: derived from the connection id (hex of its bytes), the same on every login.
    const deviceId = [...new TextEncoder().encode(id)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const logins = async () =>
      (await yunhuSim("received")).received.filter((f: any) => f.parsed?.cmd === "login" && f.parsed.data.deviceId === deviceId).length;
    const before = await logins();
    expect(before).toBeGreaterThanOrEqual(1);
    await yunhuSim("heartbeats", { silent: true });
    let down: any;
    try {
      down = await webhookOf(id, "connection.disconnected", () => true, 5_000);
    } finally {
      await yunhuSim("heartbeats", { silent: false });
    }
    expect(down.data.reason).toContain("heartbeat not acknowledged");
    await until("connected again", async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected", 10_000);
    expect(await logins()).toBeGreaterThan(before); // logged in again with the same deviceId
  });

  it("turns protobuf frames into unified events", async () => {
    const { id } = await connectYunhu("yunhu-events");
    await yunhuSim("push/pushMessage", { msgId: `m-${id}`, chatId: GROUP, chatType: 2, text: `hello ${id}`, mentionedId: ["7356666"] });
    const created = await webhookOf(id, "message.created", (e) => e.data.message.id === `m-${id}`);
    expect(created.data.message.chat).toEqual(expect.objectContaining({ type: "group", id: GROUP }));
    expect(created.data.message.content).toEqual(expect.arrayContaining([{ type: "mention", user_id: "7356666" }]));
    await yunhuSim("push/edit", { msgId: `m-${id}`, text: "edited" });
    expect((await webhookOf(id, "message.updated")).data.message.id).toBe(`m-${id}`);
    await yunhuSim("push/stream", { msgId: `m-${id}`, chatId: GROUP, content: " more" });
    expect((await webhookOf(id, "message.appended")).data.text).toBe(" more");
    await yunhuSim("push/recall", { msgId: `m-${id}`, chatId: GROUP, chatType: 2 });
    expect((await webhookOf(id, "message.deleted")).data.message.id).toBe(`m-${id}`);
    await yunhuSim("push/draft", { chatId: GROUP, input: "typing…" });
    expect((await webhookOf(id, "draft.updated")).data.text).toBe("typing…");
    await yunhuSim("raw", { hex: "ffff0102" });
    expect((await webhookOf(id, "upstream.unknown")).raw.base64).toBeTruthy();
  });

  it("sends, edits and recalls over the HTTP API with protobuf bodies", async () => {
    const { id } = await connectYunhu("yunhu-actions");
    const sent = await act(id, "message.create", { chat: { type: "group", id: GROUP }, content: "hi from the relay" });
    expect(sent.status).toBe(200);
    expect(sent.body.message_id).toMatch(/^[0-9a-f]{32}$/);
    const request = (await yunhuSim("requests")).requests.find((r: any) => r.path === "/v1/msg/send-message" && r.decoded?.msgId === sent.body.message_id);
    expect(request.token).toBe(TOKEN);
    // Decoded by the simulator's own protobuf reader, from the field numbers.
    expect(request.decoded).toMatchObject({ chatId: GROUP, chatType: 2, contentType: 1, content: { text: "hi from the relay" } });
    expect((await act(id, "message.update", { chat: { type: "group", id: GROUP }, message_id: sent.body.message_id, content: "edited" })).status).toBe(200);
    expect((await act(id, "message.delete", { chat: { type: "group", id: GROUP }, message_id: sent.body.message_id })).status).toBe(200);
    const missing = await act(id, "message.delete", { chat: { type: "group", id: GROUP }, message_id: "00000000000000000000000000000000" });
    expect(missing.status).toBe(422);
    expect(missing.body.upstream.code).toBe(1004);
    await yunhuSim("script", { route: "send-message", httpStatus: 500 });
    expect((await act(id, "message.create", { chat: { type: "group", id: GROUP }, content: "x" })).status).toBe(502);
    const draft = await act(id, "yunhu.draft", { chat: { id: GROUP }, text: "draft" });
    expect(draft.status).toBe(202);
    await until("the inputInfo frame", async () =>
      (await yunhuSim("received")).received.some((f: any) => f.parsed?.cmd === "inputInfo" && f.parsed.data.input === "draft"),
    );
  });
});
