/**
 * wschat sessions in workerd against the wschat simulator: the token on the dial and on every
 * REST call and nowhere else, frames to events, offline messages fetched and dropped exactly
 * once (also when the drop fails and is retried), invitations listed on each connect, every action
 * through the public API, and the server's refusals, failures and silence as API.md statuses.
 * Each test is its own wschat user: the token `tok-<connection id>` is user `<connection id>`.
 */
import { describe, expect, inject, it } from "vitest";
import { api, freshHook, SECRET, until, verified, webhookOf } from "./helpers.ts";

const WSCHAT = `http://127.0.0.1:${inject("wschatPort")}`;
const PEER = "u-peer";
const OWNER = "u-owner";

/** The simulator's /control API. */
async function sim(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${WSCHAT}/control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A REST call against the simulator as another user. */
const rest = (user: string, method: string, path: string) => fetch(`${WSCHAT}${path}${path.includes("?") ? "&" : "?"}access_token=tok-${user}`, { method });

const act = (id: string, name: string, body: unknown) => api(`/v1/connections/${id}/actions/${name}`, { body });

async function connectWschat(prefix: string, upstream: Record<string, unknown> = {}): Promise<string> {
  const { id, hook } = await freshHook(prefix);
  const put = await api(`/v1/connections/${id}`, {
    method: "PUT",
    body: {
      platform: "wschat",
      upstream: { url: `${WSCHAT.replace("http", "ws")}/ws`, accessToken: `tok-${id}`, ...upstream },
      webhook: { url: hook, secret: SECRET },
    },
  });
  if (put.status !== 201) throw new Error(`PUT ${id}: ${put.status} ${JSON.stringify(put.body)}`);
  await until(`${id} connected`, async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
  return id;
}

/** Whether the user has a socket open at the simulator. */
const online = async (user: string) => (await sim("connections")).connections.some((c: any) => c.user === user && c.open);

/** The REST requests this user made. */
const requestsOf = async (user: string): Promise<any[]> => (await sim("requests")).requests.filter((r: any) => r.user === user);

/**
 * Runs the link's chain again by reconnecting (the poll runs the same chain every 30 s; these
 * tests do not wait for it) and waits until it has listed the invitations, its last step.
 */
async function rechain(id: string): Promise<void> {
  const listed = async () => (await requestsOf(id)).filter((r) => r.path === "/api/request").length;
  const before = await listed();
  await api(`/v1/connections/${id}/reconnect`, { method: "POST" });
  await until("the chain run again", async () => (await listed()) > before);
}

/** Stored events of a type (pulled, not delivered). */
async function stored(id: string, type: string): Promise<any[]> {
  return (await api(`/v1/connections/${id}/events?limit=100&type=${type}`)).body.events;
}

// Generous per-test time: on a loaded machine the first session of a fresh workerd takes seconds to come up.
describe("wschat session", { timeout: 30_000 }, () => {
  it("dials with the token in the query and shows it nowhere", async () => {
    const id = await connectWschat("wsc-token");
    const token = `tok-${id}`;
    const record = (await sim("connections")).connections.find((c: any) => c.user === id);
    expect(record).toMatchObject({ path: "/ws", query: { access_token: token }, status: 101 });
    await until("the connect chain", async () => (await requestsOf(id)).some((r) => r.path === "/api/request"));
    for (const r of await requestsOf(id)) expect([r.path, r.query.access_token]).toEqual([r.path, token]);
    await sim("push/message", { from: PEER, to: id, content: "hi" });
    await webhookOf(id, "message.created");
    const shown = [await api(`/v1/connections/${id}`), await api("/v1/connections"), await api(`/v1/connections/${id}/events?limit=100`)];
    for (const res of shown) expect(JSON.stringify(res.body)).not.toContain(token);
    expect((await api(`/v1/connections/${id}`)).body.upstream).toEqual({ url: `${WSCHAT.replace("http", "ws")}/ws`, api: WSCHAT });
  });

  it("turns private and group messages and notifications into events", async () => {
    const id = await connectWschat("wsc-events");
    await sim("push/message", { from: PEER, to: id, content: `psst ${id}` });
    const dm = await webhookOf(id, "message.created", (e) => e.data.message.text === `psst ${id}`);
    expect(dm.data.message).toMatchObject({ chat: { type: "private", id: PEER }, sender: { id: PEER }, content: [{ type: "text", text: `psst ${id}` }] });
    expect(dm.data.message.id).toMatch(/^[0-9a-f]{32}$/);
    expect(dm.raw).toMatchObject({ type: "unicast", senderId: PEER, receiverId: id });

    const group = `g-${id}`;
    await sim("group", { id: group, name: "g", managerId: OWNER, usersId: [OWNER, id] });
    await sim("push/message", { from: OWNER, group, content: "all hands" });
    const gm = await webhookOf(id, "message.created", (e) => e.data.message.chat.type === "group");
    expect(gm.data.message).toMatchObject({ chat: { id: group }, sender: { id: OWNER }, text: "all hands" });

    await fetch(`${WSCHAT}/notification?to=${id}`, { method: "POST", body: JSON.stringify({ notificationType: "order.paid", content: { order: 7 } }) });
    const note = await webhookOf(id, "notification.received");
    expect(note.data).toEqual({ kind: "order.paid", content: { order: 7 } });

    await sim("push/raw", { to: id, text: '{"type":"typing"}' });
    expect((await webhookOf(id, "upstream.unknown")).data.reason).toContain('"typing"');
  });

  it("delivers messages sent while the relay was away once, in time order, and has the server drop them", async () => {
    const id = await connectWschat("wsc-offline");
    await api(`/v1/connections/${id}`, { method: "PATCH", body: { enabled: false } });
    await until("offline at the server", async () => !(await online(id)));
    const t0 = Date.now() - 60_000;
    const texts = ["first", "second", "third", "fourth"];
    // Pushed out of order and from two senders: the relay orders them by server time.
    for (const [i, text] of [
      [1, "second"],
      [0, "first"],
      [3, "fourth"],
      [2, "third"],
    ] as const) {
      await sim("push/message", { from: i % 2 ? PEER : OWNER, to: id, content: text, timestamp: t0 + i * 1000 });
    }
    expect((await sim(`offline?user=${id}`)).messages).toHaveLength(4);
    const since = (await sim("requests")).requests.length;
    await api(`/v1/connections/${id}`, { method: "PATCH", body: { enabled: true } });

    await until("4 message.created webhooks", async () => (await verified(id)).filter((d) => d.event.type === "message.created").length === 4);
    const events = await stored(id, "message.created");
    expect(events.map((e) => e.data.message.text)).toEqual(texts);
    expect(events.map((e) => e.timestamp)).toEqual(texts.map((_, i) => t0 + i * 1000));
    await until("dropped at the server", async () => (await sim(`offline?user=${id}`)).messages.length === 0);
    const calls = (await sim(`requests?since=${since}`)).requests.filter((r: any) => r.user === id && r.path === "/api/message");
    expect(calls.slice(0, 2).map((r: any) => r.query.drop)).toEqual(["false", "true"]);
    // The chain runs again (on every reconnect and poll); nothing arrives twice.
    await rechain(id);
    await rechain(id);
    expect(await stored(id, "message.created")).toHaveLength(4);
    expect((await verified(id)).filter((d) => d.event.type === "message.created")).toHaveLength(4);
  });

  it("stores a refetch once when dropping fails, and says so once", async () => {
    const id = await connectWschat("wsc-refetch");
    await api(`/v1/connections/${id}`, { method: "PATCH", body: { enabled: false } });
    await until("offline at the server", async () => !(await online(id)));
    for (const text of ["a", "b", "c"]) await sim("push/message", { from: PEER, to: id, content: text });
    // The dropping fetch never gets through: the messages stay on the server and every run of
    // the chain (each reconnect here; each poll too) fetches them again.
    await sim("hold-drops", { on: true, user: id });
    await api(`/v1/connections/${id}`, { method: "PATCH", body: { enabled: true } });
    const fetches = async () => (await requestsOf(id)).filter((r) => r.path === "/api/message" && r.query.drop === "false").length;
    for (let i = 0; i < 3; i++) {
      await until("a parked drop", async () => (await sim("state")).heldDrops > 0);
      await sim("release-drops", { apply: false });
      if (i < 2) await api(`/v1/connections/${id}/reconnect`, { method: "POST" });
    }
    await until("fetched three times", async () => (await fetches()) >= 3);
    expect((await sim(`offline?user=${id}`)).messages).toHaveLength(3);
    expect((await stored(id, "message.created")).map((e) => e.data.message.text)).toEqual(["a", "b", "c"]);
    await sim("hold-drops", { on: false });
    await sim("release-drops", { apply: false });
    await rechain(id);
    await until("dropped at the server", async () => (await sim(`offline?user=${id}`)).messages.length === 0);
    expect((await stored(id, "message.created")).map((e) => e.data.message.text)).toEqual(["a", "b", "c"]);
    const unknown = await stored(id, "upstream.unknown");
    expect(unknown).toHaveLength(1);
    expect(unknown[0].data.reason).toContain("dropping offline messages (GET /api/message?drop=true) failed");
  });

  it("keeps what the dropping fetch answers after the socket went away", async () => {
    const id = await connectWschat("wsc-lost-socket");
    await api(`/v1/connections/${id}`, { method: "PATCH", body: { enabled: false } });
    await until("offline at the server", async () => !(await online(id)));
    await sim("push/message", { from: PEER, to: id, content: "before" });
    await sim("hold-drops", { on: true, user: id });
    await api(`/v1/connections/${id}`, { method: "PATCH", body: { enabled: true } });
    await until("the drop parked", async () => (await sim("state")).heldDrops > 0);
    expect((await stored(id, "message.created")).map((e) => e.data.message.text)).toEqual(["before"]);
    // The socket goes while the drop is in flight; a message sent now waits in the offline store.
    await sim("refuse-user", { user: id, status: 503 });
    await sim("disconnect", { user: id });
    await sim("push/message", { from: OWNER, to: id, content: "between" });
    await until("the relay saw the socket go", async () => (await api(`/v1/connections/${id}`)).body.status.state !== "connected");
    // The server drops both and answers: the relay stores what it had not yet.
    await sim("release-drops", { apply: true });
    expect((await sim(`offline?user=${id}`)).messages).toEqual([]);
    await until("the late answer stored", async () => (await stored(id, "message.created")).length === 2);
    await sim("refuse-user", { user: id, status: null });
    await sim("hold-drops", { on: false });
    await until("reconnected", async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
    expect((await stored(id, "message.created")).map((e) => e.data.message.text)).toEqual(["before", "between"]);
  });

  it("emits each invitation once and answers it by request_id", async () => {
    const id = await connectWschat("wsc-invite");
    const group = `g-${id}`;
    await sim("group", { id: group, name: "读书会", managerId: OWNER, usersId: [OWNER] });
    await sim("invite", { from: OWNER, group, to: id });
    await rechain(id);
    const invited = await webhookOf(id, "group.invited");
    expect(invited.data.request).toEqual({ id: expect.any(String), group: { id: group, name: "读书会" }, inviter: { id: OWNER } });
    await rechain(id);
    await rechain(id);
    expect(await stored(id, "group.invited")).toHaveLength(1);

    expect((await act(id, "request.approve", { request_id: invited.data.request.id })).status).toBe(200);
    expect((await sim("groups")).groups.find((g: any) => g.id === group).usersId).toContain(id);
    const again = await act(id, "request.approve", { request_id: invited.data.request.id });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].path).toBe("request_id");

    // A non-member's invitation is refused by the server and never shows up.
    expect(await sim("invite", { from: PEER, group, to: id })).toMatchObject({ status: 403 });
    await sim("group", { id: `${group}-2`, name: "二", managerId: OWNER, usersId: [OWNER] });
    await sim("invite", { from: OWNER, group: `${group}-2`, to: id });
    await rechain(id);
    const second = await webhookOf(id, "group.invited", (e) => e.data.request.group.id === `${group}-2`);
    expect((await act(id, "request.reject", { request_id: second.data.request.id })).status).toBe(200);
    const last = (await requestsOf(id)).filter((r) => r.path.startsWith("/api/request/")).map((r) => r.method);
    expect(last).toEqual(["PUT", "DELETE"]);
  });

  it("performs every action through the public API", async () => {
    const id = await connectWschat("wsc-actions");
    const ok = async (name: string, params: unknown, status = 200) => {
      const res = await act(id, name, params);
      expect([name, res.status]).toEqual([name, status]);
      return res.body;
    };
    const created = await ok("group.create", { name: "周末爬山" });
    const group = created.group_id as string;
    expect(group).toMatch(/^g/);
    await ok("group.update", { group_id: group, name: "周日爬山" });
    expect((await ok("group.get", { group_id: group })).group).toEqual({ id: group, name: "周日爬山", owner_id: id, member_ids: [id] });
    await ok("group.invite", { group_id: group, user_id: PEER });
    const invitation = ((await (await rest(PEER, "GET", "/api/request")).json()) as any[]).find((i: any) => i.groupId === group);
    await rest(PEER, "PUT", `/api/request/${invitation.id}`);
    expect((await ok("group.member.list", { group_id: group })).members).toEqual([
      { id, role: "owner" },
      { id: PEER, role: "member" },
    ]);
    expect((await ok("group.list", {})).groups).toEqual([{ id: group, name: "周日爬山", owner_id: id, member_ids: [id, PEER] }]);

    const since = (await sim("received")).received.length;
    expect(await ok("message.create", { chat: { type: "private", id: PEER }, content: "八点吧" }, 202)).toEqual({ message_id: null });
    await ok("message.create", { chat: { type: "group", id: group }, content: [{ type: "text", text: "收到" }] }, 202);
    await ok("upstream.raw", { frame: { type: "unicast", receiverId: PEER, content: "raw" } }, 202);
    const frames = (await sim(`received?since=${since}`)).received.filter((f: any) => f.user === id).map((f: any) => f.parsed);
    expect(frames).toEqual([
      { type: "unicast", receiverId: PEER, content: "八点吧" },
      { type: "multicast", groupId: group, content: "收到" },
      { type: "unicast", receiverId: PEER, content: "raw" },
    ]);
    expect((await ok("upstream.raw", { http: { method: "GET", path: "/api/group?detailed=false" } })).data).toEqual([group]);

    await ok("wschat.notify", { to: id, notificationType: "self.test", content: "ping" });
    expect((await webhookOf(id, "notification.received")).data).toEqual({ kind: "self.test", content: "ping" });

    await ok("group.kick", { group_id: group, user_id: PEER });
    expect((await ok("group.get", { group_id: group })).group.member_ids).toEqual([id]);
    await ok("group.leave", { group_id: group }); // the owner: the group is dissolved
    expect((await sim("groups")).groups.some((g: any) => g.id === group)).toBe(false);
    const paths = (await requestsOf(id)).map((r) => `${r.method} ${r.path.replace(group, "{id}")}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "POST /api/group",
        "PUT /api/group/{id}",
        "GET /api/group/{id}",
        "GET /api/group",
        "POST /api/request",
        "DELETE /api/group/{id}",
        "POST /notification",
      ]),
    );
  });

  it("maps refusals, failures and silence to 422, 502 and 504; what wschat lacks to 501 and 400", async () => {
    const id = await connectWschat("wsc-errors");
    const group = `g-${id}`;
    await sim("group", { id: group, name: "g", managerId: OWNER, usersId: [OWNER, id] });
    const rename = () => act(id, "group.update", { group_id: group, name: "mine now" });
    const refused = await rename();
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "upstream_rejected", upstream: { code: 403, text: expect.stringContaining("不是群主") } });
    await sim("script", { user: id, route: "PUT /api/group/{id}", httpStatus: 500, body: "boom" });
    expect((await rename()).body).toMatchObject({ status: 502, code: "upstream_error", upstream: { code: 500, text: "boom" } });
    await sim("script", { user: id, route: "PUT /api/group/{id}", silent: true });
    expect((await rename()).body).toMatchObject({ status: 504, code: "upstream_timeout" });
    await sim("script", { user: id, route: "GET /api/group/{id}", body: "<html>" });
    expect((await act(id, "group.get", { group_id: group })).status).toBe(502);

    for (const [name, params] of [
      ["message.delete", { chat: { type: "group", id: group }, message_id: "m" }],
      ["message.update", { chat: { type: "group", id: group }, message_id: "m", content: "x" }],
      ["group.mute", { group_id: group, duration_s: 60 }],
      ["self.get", {}],
    ] as const) {
      const res = await act(id, name, params);
      expect([name, res.status, res.body.code]).toEqual([name, 501, "unsupported_action"]);
    }
    const invalid = await act(id, "wschat.notify", { notificationType: "x" });
    expect([invalid.status, invalid.body.errors[0].path]).toEqual([400, "to"]);
    const image = await act(id, "message.create", { chat: { type: "private", id: PEER }, content: [{ type: "image", url: "https://x/y.png" }] });
    expect([image.status, image.body.errors[0].path]).toEqual([400, "content.0.type"]);

    const platform = (await api("/v1/platforms")).body.platforms.find((p: any) => p.name === "wschat");
    expect(platform).toMatchObject({ seed: "002", events: expect.arrayContaining(["message.created", "notification.received", "group.invited"]) });
    expect(platform.actions).toContain("wschat.notify");
    expect(platform.actions).not.toContain("message.delete");
    expect(platform.actions).not.toContain("message.update");
  });

  it("puts a refused token in failed, with connection.failed", async () => {
    const { id, hook } = await freshHook("wsc-refused");
    await api(`/v1/connections/${id}`, {
      method: "PUT",
      body: { platform: "wschat", upstream: { url: `${WSCHAT.replace("http", "ws")}/ws`, accessToken: "stolen" }, webhook: { url: hook, secret: SECRET } },
    });
    const failed = await webhookOf(id, "connection.failed");
    expect(failed.data).toMatchObject({ code: 401 });
    expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("failed");
    expect(JSON.stringify(failed)).not.toContain("stolen");
  });

  it("takes a token the REST API refuses as refused too", async () => {
    const id = await connectWschat("wsc-revoked");
    await sim("script", { user: id, route: "GET /api/message", httpStatus: 401, body: "token revoked" });
    await api(`/v1/connections/${id}/reconnect`, { method: "POST" });
    const failed = await webhookOf(id, "connection.failed");
    expect(failed.data.reason).toBe("the access token was refused: offline messages (GET /api/message) answered HTTP 401");
    expect((await api(`/v1/connections/${id}`)).body.status.state).toBe("failed");
  });

  it("notices a hung server through the probe and reconnects when it recovers", { timeout: 40_000 }, async () => {
    const id = await connectWschat("wsc-hung");
    await sim("pause", { paused: true });
    try {
      const down = await webhookOf(id, "connection.disconnected", () => true, 25_000);
      expect(down.data.reason).toContain("liveness probe failed");
    } finally {
      await sim("pause", { paused: false });
    }
    await until("reconnected", async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected", 10_000);
  });
});
