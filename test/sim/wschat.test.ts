// The wschat simulator against seed 002: the socket with its token, private and group
// messages pushed or kept offline, every REST route with its status codes and ownership
// rules, notifications, and the ways a test makes it misbehave.
import { beforeEach, describe, expect, it } from "vitest";
import { SimClient, useSim } from "./client.ts";
import { startWschat, tokenOf, type WschatSim } from "./wschat.ts";
import * as seed from "./wschat-seed.ts";

let sim: WschatSim;
const fixture = useSim(async () => (sim = await startWschat()));
const { control } = fixture;

const ME = seed.SELF;
const ALICE = seed.ALICE;
const BOB = seed.BOB;

const as = (user: string) => fixture.connect(`/ws?access_token=${tokenOf(user)}`);

/** A REST call as `user` (null: no token). */
async function rest(user: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; json: any }> {
  const url = new URL(path, sim.httpUrl);
  if (user !== null) url.searchParams.set("access_token", tokenOf(user));
  const res = await fetch(url, { method, ...(body !== undefined && { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // plain text
  }
  return { status: res.status, text, json };
}

const frameOf = async (client: SimClient) => JSON.parse(await client.nextText());

describe("the socket", () => {
  it("takes the upgrade at /ws with a valid access_token and refuses others with 401", async () => {
    await as(ME);
    expect(sim.connections.at(-1)).toMatchObject({ path: "/ws", status: 101, user: ME });
    await expect(fixture.connect("/ws")).rejects.toThrow("401");
    await expect(fixture.connect("/ws?access_token=nope")).rejects.toThrow("401");
    sim.refuseUpgrades(403);
    await expect(as(ME)).rejects.toThrow("403");
  });

  it("delivers a private message to the receiver's socket in the seed's format, with the server's time", async () => {
    const me = await as(ME);
    const alice = await as(ALICE);
    const before = Date.now();
    alice.sendJson({ type: "unicast", receiverId: ME, content: "在吗" });
    const frame = await frameOf(me);
    expect(Object.keys(frame)).toEqual(Object.keys(seed.receiveFields).filter((k) => k !== "groupId"));
    expect(frame).toMatchObject({ type: "unicast", senderId: ALICE, receiverId: ME, content: "在吗" });
    expect(frame.timestamp).toBeGreaterThanOrEqual(before);
    expect(sim.received.at(-1)).toMatchObject({ user: ALICE, parsed: { receiverId: ME } });
  });

  it("delivers a group message to every other member, no receiverId", async () => {
    sim.addGroup({ id: seed.GROUP, name: seed.GROUP_NAME, managerId: BOB, usersId: [BOB, ALICE, ME] });
    const me = await as(ME);
    const alice = await as(ALICE);
    const bob = await as(BOB);
    bob.sendJson(seed.sendMulticast);
    for (const client of [me, alice]) {
      const frame = await frameOf(client);
      expect(Object.keys(frame)).toEqual(Object.keys(seed.receiveFields).filter((k) => k !== "receiverId"));
      expect(frame).toMatchObject({ type: "multicast", senderId: BOB, groupId: seed.GROUP, content: "收到" });
    }
    expect(await bob.quietFor(100)).toBe(true);
  });

  it("drops messages from users the receiver blocks, and from non-members to a group, telling nobody", async () => {
    sim.addGroup({ id: seed.GROUP, name: "g", managerId: BOB, usersId: [BOB, ME] });
    const me = await as(ME);
    const alice = await as(ALICE);
    sim.model.block(ME, ALICE);
    alice.sendJson({ type: "unicast", receiverId: ME, content: "blocked" });
    alice.sendJson({ type: "multicast", groupId: seed.GROUP, content: "not a member" });
    expect(await me.quietFor(150)).toBe(true);
    expect(await alice.quietFor(0)).toBe(true);
    expect(sim.model.discarded.map((d) => d.why)).toEqual(["blocked", "not a member"]);
    expect(sim.model.offline.get(ME)).toBeUndefined();
  });
});

describe("offline messages", () => {
  // The previous test's sockets close asynchronously; until they have, their users are online.
  beforeEach(async () => {
    while (sim.clients() > 0) await new Promise((r) => setTimeout(r, 5));
  });

  it("keeps messages for a user without a socket and hands them out grouped by sender", async () => {
    sim.message({ from: ALICE, to: ME, content: "a1", timestamp: seed.T0 + 3 });
    sim.message({ from: BOB, to: ME, content: "b1", timestamp: seed.T0 + 2 });
    sim.message({ from: ALICE, to: ME, content: "a0", timestamp: seed.T0 + 1 });
    const kept = await rest(ME, "GET", "/api/message?drop=false");
    expect(kept.status).toBe(200);
    expect(kept.json).toEqual([
      { id: ALICE, messages: [expect.objectContaining({ content: "a0" }), expect.objectContaining({ content: "a1" })] },
      { id: BOB, messages: [expect.objectContaining({ type: "unicast", senderId: BOB, receiverId: ME, content: "b1", timestamp: seed.T0 + 2 })] },
    ]);
    const desc = await rest(ME, "GET", "/api/message?drop=false&sort=desc");
    expect(desc.json[0].messages.map((m: any) => m.content)).toEqual(["a1", "a0"]);
    const dropped = await rest(ME, "GET", "/api/message"); // drop=true by default
    expect(dropped.json.flatMap((e: any) => e.messages)).toHaveLength(3);
    expect((await rest(ME, "GET", "/api/message")).json).toEqual([]);
  });

  it("keeps group messages for offline members and filters by type", async () => {
    sim.addGroup({ id: seed.GROUP, name: "g", managerId: BOB, usersId: [BOB, ME] });
    sim.message({ from: BOB, group: seed.GROUP, content: "group" });
    sim.message({ from: ALICE, to: ME, content: "private" });
    expect((await rest(ME, "GET", "/api/message?drop=false&type=multicast")).json).toEqual([
      { id: BOB, messages: [expect.objectContaining({ type: "multicast", groupId: seed.GROUP })] },
    ]);
    expect((await rest(ME, "GET", "/api/message?type=unicast")).json[0].messages[0].content).toBe("private");
    expect((await rest(ME, "GET", "/api/message")).json[0].messages[0].content).toBe("group");
  });

  it("pushes instead of storing while the user is online", async () => {
    const me = await as(ME);
    sim.message({ from: ALICE, to: ME, content: "live" });
    expect((await frameOf(me)).content).toBe("live");
    expect((await rest(ME, "GET", "/api/message")).json).toEqual([]);
  });

  it("answers 400 to a bad sort, drop or type, and 401 without a valid token", async () => {
    for (const q of ["sort=up", "drop=maybe", "type=broadcast"]) expect((await rest(ME, "GET", `/api/message?${q}`)).status).toBe(400);
    expect((await rest(null, "GET", "/api/message")).status).toBe(401);
  });

  it("parks dropping fetches on demand and answers or abandons them", async () => {
    sim.message({ from: ALICE, to: ME, content: "held" });
    await control("POST", "/control/hold-drops", { on: true });
    expect((await rest(ME, "GET", "/api/message?drop=false")).json).toHaveLength(1); // not parked
    const parked = rest(ME, "GET", "/api/message?drop=true");
    await sim.waitForHeldDrop();
    expect((await control("POST", "/control/release-drops", { apply: false })).json).toEqual({ released: 1 });
    await expect(parked).rejects.toThrow();
    expect(sim.model.offline.get(ME)).toHaveLength(1); // abandoned: nothing dropped
    const again = rest(ME, "GET", "/api/message");
    await sim.waitForHeldDrop();
    expect(sim.releaseDrops(true)).toBe(1);
    expect((await again).json[0].messages[0].content).toBe("held");
    expect(sim.model.offline.get(ME)).toEqual([]);
  });
});

describe("groups", () => {
  it("creates a group owned by the caller, answering its id as text", async () => {
    const made = await rest(ME, "POST", "/api/group?name=周末爬山");
    expect(made.status).toBe(200);
    expect(made.text).toMatch(/^g\w+$/);
    expect((await rest(ME, "GET", `/api/group/${made.text}`)).json).toEqual({ id: made.text, name: "周末爬山", managerId: ME, usersId: [ME] });
    expect((await rest(ME, "POST", "/api/group")).status).toBe(400);
  });

  it("lets only the owner rename and remove members, only members read", async () => {
    sim.addGroup({ id: seed.GROUP, name: "g", managerId: BOB, usersId: [BOB, ALICE, ME] });
    expect((await rest(ME, "PUT", `/api/group/${seed.GROUP}?name=x`)).status).toBe(403);
    expect((await rest(BOB, "PUT", `/api/group/${seed.GROUP}?name=新名`)).status).toBe(200);
    expect((await rest(ME, "DELETE", `/api/group/${seed.GROUP}?userId=${ALICE}`)).status).toBe(403);
    expect((await rest(BOB, "DELETE", `/api/group/${seed.GROUP}?userId=${ALICE}`)).status).toBe(200);
    expect((await rest(ALICE, "GET", `/api/group/${seed.GROUP}`)).status).toBe(403);
    expect((await rest(ME, "GET", `/api/group/${seed.GROUP}`)).json).toEqual({ id: seed.GROUP, name: "新名", managerId: BOB, usersId: [BOB, ME] });
    expect((await rest(ME, "GET", "/api/group/nope")).status).toBe(403);
  });

  it("lists the caller's groups, detailed by default", async () => {
    sim.addGroup({ id: "g-a", name: "A", managerId: ME, usersId: [] });
    sim.addGroup({ id: "g-b", name: "B", managerId: BOB, usersId: [] });
    expect((await rest(ME, "GET", "/api/group")).json).toEqual([{ id: "g-a", name: "A", managerId: ME, usersId: [ME] }]);
    expect((await rest(ME, "GET", "/api/group?detailed=false")).json).toEqual(["g-a"]);
  });

  it("lets a member leave and the owner's leaving dissolve the group", async () => {
    sim.addGroup({ id: seed.GROUP, name: "g", managerId: BOB, usersId: [BOB, ALICE, ME] });
    expect((await rest(ME, "DELETE", `/api/group/${seed.GROUP}`)).status).toBe(200);
    expect((await rest(ME, "DELETE", `/api/group/${seed.GROUP}`)).status).toBe(403);
    expect((await rest(BOB, "DELETE", `/api/group/${seed.GROUP}`)).status).toBe(200);
    expect((await rest(ALICE, "GET", "/api/group")).json).toEqual([]);
  });
});

describe("invitations", () => {
  it("lets a member invite someone not yet in the group, and the invitee list, accept or decline", async () => {
    sim.addGroup({ id: seed.GROUP, name: seed.GROUP_NAME, managerId: BOB, usersId: [BOB, ALICE] });
    expect((await rest(ME, "POST", "/api/request", { groupId: seed.GROUP, userId: ME })).status).toBe(403); // not a member
    expect((await rest(BOB, "POST", "/api/request", { groupId: seed.GROUP, userId: ALICE })).status).toBe(403); // already in
    expect((await rest(BOB, "POST", "/api/request", { groupId: seed.GROUP })).status).toBe(400);
    expect((await rest(BOB, "POST", "/api/request", { groupId: seed.GROUP, userId: ME })).status).toBe(200);
    const [invitation] = (await rest(ME, "GET", "/api/request")).json;
    expect(Object.keys(invitation)).toEqual(Object.keys(seed.requestFields));
    expect(invitation).toMatchObject({ groupName: seed.GROUP_NAME, groupId: seed.GROUP, userId: ME, invitedBy: BOB });
    expect((await rest(ALICE, "GET", "/api/request")).json).toEqual([]);
    expect((await rest(ALICE, "PUT", `/api/request/${invitation.id}`)).status).toBe(403);
    expect((await rest(ME, "PUT", `/api/request/${invitation.id}`)).status).toBe(200);
    expect((await rest(ME, "GET", `/api/group/${seed.GROUP}`)).json.usersId).toContain(ME);
    expect((await rest(ME, "DELETE", `/api/request/${invitation.id}`)).status).toBe(403); // gone
    await control("POST", "/control/invite", { from: BOB, group: seed.GROUP, to: "u-new" });
    const [next] = (await rest("u-new", "GET", "/api/request")).json;
    expect((await rest("u-new", "DELETE", `/api/request/${next.id}`)).status).toBe(200);
    expect((await rest("u-new", "GET", "/api/request")).json).toEqual([]);
  });
});

describe("notifications", () => {
  it("pushes to an online user, a group's members and a user's friends; discards for the offline and the blocking", async () => {
    sim.addGroup({ id: seed.GROUP, name: "g", managerId: BOB, usersId: [BOB, ME] });
    const me = await as(ME);
    const alice = await as(ALICE);
    const push = (query: string, body: unknown = seed.notificationBody) => rest(null, "POST", `/notification?${query}`, body);
    expect((await push(`to=${ME}`)).status).toBe(200);
    const frame = await frameOf(me);
    expect(frame).toEqual({ type: seed.NOTIFICATION_TYPE, ...seed.notificationBody });
    expect((await push(`type=multicast&to=${seed.GROUP}&from=${BOB}`)).status).toBe(200);
    expect((await frameOf(me)).type).toBe("NOTIFICATION");
    expect((await push(`type=broadcast&from=${BOB}`)).status).toBe(200);
    await frameOf(me);
    await frameOf(alice);
    sim.model.block(ALICE, BOB);
    await push(`to=${ALICE}&from=${BOB}`);
    await push("to=u-offline");
    expect(await alice.quietFor(100)).toBe(true);
    expect(sim.model.discarded.map((d) => [d.to, d.why])).toEqual([
      [ALICE, "blocked"],
      ["u-offline", "offline"],
    ]);
  });

  it("answers 403 to a notification that does not fit", async () => {
    const push = (query: string, body: unknown = seed.notificationBody) => rest(ME, "POST", `/notification?${query}`, body);
    expect((await push("type=unicast")).status).toBe(403);
    expect((await push("type=broadcast")).status).toBe(403);
    expect((await push("type=multicast&to=nope")).status).toBe(403);
    expect((await push("type=shout&to=x")).status).toBe(403);
    expect((await push(`to=${ME}`, { content: 1 })).status).toBe(403);
  });
});

describe("misbehaving on demand", () => {
  it("answers a scripted status or body once or always, late or never", async () => {
    await control("POST", "/control/script", { route: "GET /api/group", httpStatus: 500, body: "boom" });
    expect(await rest(ME, "GET", "/api/group")).toMatchObject({ status: 500, text: "boom" });
    expect((await rest(ME, "GET", "/api/group")).status).toBe(200);
    await control("POST", "/control/script", { route: "GET /api/request", body: "<html>", always: true });
    expect((await rest(ME, "GET", "/api/request")).text).toBe("<html>");
    expect((await rest(ME, "GET", "/api/request")).text).toBe("<html>");
    expect((await control("POST", "/control/script", { route: "GET /nope", httpStatus: 500 })).status).toBe(400);
    sim.script("PUT /api/request/{id}", { silent: true });
    const silent = fetch(`${sim.httpUrl}/api/request/x?access_token=${tokenOf(ME)}`, { method: "PUT", signal: AbortSignal.timeout(300) });
    await expect(silent).rejects.toThrow();
    sim.script("GET /api/message", { delayMs: 150 });
    const started = Date.now();
    expect((await rest(ME, "GET", "/api/message")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("disconnects one user and refuses their upgrades, when asked to", async () => {
    const me = await as(ME);
    const alice = await as(ALICE);
    expect((await control("POST", "/control/refuse-user", { user: ME, status: 503 })).json).toEqual({ user: ME, status: 503 });
    expect((await control("POST", "/control/disconnect", { user: ME })).json).toEqual({ dropped: 1 });
    expect((await me.closed).code).toBe(1012);
    expect(alice.isOpen).toBe(true);
    await expect(as(ME)).rejects.toThrow("503");
    await control("POST", "/control/refuse-user", { user: ME, status: null });
    await as(ME);
  });

  it("scripts and parks one user's requests only, when asked to", async () => {
    await control("POST", "/control/script", { route: "GET /api/group", user: ALICE, httpStatus: 503 });
    expect((await rest(ME, "GET", "/api/group")).status).toBe(200);
    expect((await rest(ALICE, "GET", "/api/group")).status).toBe(503);
    expect((await rest(ALICE, "GET", "/api/group")).status).toBe(200);
    await control("POST", "/control/script", { route: "GET /api/group", user: ALICE, httpStatus: 500, always: true });
    expect((await rest(ALICE, "GET", "/api/group")).status).toBe(500);
    await control("POST", "/control/script", { route: "GET /api/group", user: ALICE, always: true, clear: true });
    expect((await rest(ALICE, "GET", "/api/group")).status).toBe(200);
    await control("POST", "/control/hold-drops", { on: true, user: ALICE });
    expect((await rest(ME, "GET", "/api/message")).status).toBe(200);
    const parked = rest(ALICE, "GET", "/api/message");
    await sim.waitForHeldDrop();
    sim.releaseDrops(true);
    expect((await parked).status).toBe(200);
  });

  it("hangs every REST request while paused, and records each request with its answer", async () => {
    await control("POST", "/control/pause", { paused: true });
    const hung = rest(ME, "GET", "/api/group");
    await sim.waitForRequest((r) => r.path === "/api/group");
    expect(sim.requests.at(-1)!.response).toBeUndefined();
    await control("POST", "/control/pause", { paused: false });
    expect((await hung).status).toBe(200);
    const { json } = await control("GET", "/control/requests");
    expect(json.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/group", user: ME, response: { status: 200, body: "[]" } });
    expect((await control("GET", "/control/state")).json).toMatchObject({ paused: false, requests: 1 });
  });

  it("answers 404 outside the seed's routes", async () => {
    expect((await rest(ME, "GET", "/api/nothing")).status).toBe(404);
  });
});
