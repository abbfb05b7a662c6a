/**
 * oicq sessions in workerd against the daemon simulator: the event socket with its ping rule
 * (200 ms here), events to verified webhooks, and every action through the public API to the
 * daemon's HTTP API, with the daemon's errors mapped to API.md's statuses.
 */
import { describe, expect, it } from "vitest";
import { api, connectOicq, oicqSim, until, webhookOf } from "./helpers.ts";

const FRIEND = "1538204751";
const STRANGER = "3056712894";
const GROUP = "726153849";

const act = (id: string, name: string, body: unknown) => api(`/v1/connections/${id}/actions/${name}`, { body });

/** The daemon API requests recorded after `since`, optionally for one path. */
async function requests(since: number, path?: string): Promise<any[]> {
  const all = (await oicqSim(`requests?since=${since}`)).requests as any[];
  return path ? all.filter((r) => r.path === path) : all;
}
const requestCount = async (): Promise<number> => (await oicqSim("state")).requests;

describe("oicq session", () => {
  it("stays connected under the daemon's ping rule", { timeout: 30_000 }, async () => {
    const { id } = await connectOicq("oicq-ping");
    const before = (await oicqSim("terminations")).terminations.length;
    await new Promise((r) => setTimeout(r, 1_500)); // 7 ping rounds
    expect((await oicqSim("terminations")).terminations.length).toBe(before);
    const conn = (await oicqSim("connections")).connections.filter((c: any) => c.open);
    expect(conn.every((c: any) => c.pongs >= c.pings - 1)).toBe(true);
    expect((await api(`/v1/connections/${id}`)).body.status).toMatchObject({ state: "connected", attempt: 0 });
  });

  it("turns the daemon's packets into unified events", async () => {
    const { id } = await connectOicq("oicq-events");
    await oicqSim("push/groupMessage", { text: `hello ${id}`, channel: Number(GROUP), sender: Number(FRIEND) });
    const group = await webhookOf(id, "message.created", (e) => e.data.message.text === `hello ${id}`);
    expect(group.data.message).toMatchObject({ chat: { type: "group", id: GROUP }, sender: { id: FRIEND } });
    await oicqSim("push/privateMessage", { text: `psst ${id}`, channel: Number(STRANGER), sender: Number(STRANGER), refChannel: Number(GROUP) });
    const stranger = await webhookOf(id, "message.created", (e) => e.data.message.text === `psst ${id}`);
    expect(stranger.data.message).toMatchObject({ chat: { type: "private", id: STRANGER }, via_group: { id: GROUP } });
    await oicqSim("push/mute", { who: 0, group: Number(GROUP), operator: Number(FRIEND), duration: 600 });
    const mute = await webhookOf(id, "group.member.muted");
    expect(mute.data).toMatchObject({ group: { id: GROUP }, duration_s: 600 });
    expect(mute.data.user).toBeUndefined(); // the whole group
    await oicqSim("push/offline", {});
    await webhookOf(id, "self.offline");
  });

  it("approves a friend request by request_id alone", async () => {
    const { id } = await connectOicq("oicq-request");
    const sent = JSON.parse((await oicqSim("push/newFriendRequest", { who: 3398741520, comment: `add me ${id}` })).sent);
    const requested = await webhookOf(id, "friend.requested", (e) => e.data.request.comment === `add me ${id}`);
    const since = await requestCount();
    const res = await act(id, "request.approve", { request_id: requested.data.request.id });
    expect(res.status).toBe(200);
    const [call] = await requests(since, "/user/acceptFriend");
    expect(call.body).toMatchObject({ who: 3398741520, eventID: sent.data.eventID, accept: true });
    const unknown = await act(id, "request.reject", { request_id: "nope" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("request_id");
  });

  it("performs every action against the daemon's HTTP API", async () => {
    const { id } = await connectOicq("oicq-actions");
    const since = await requestCount();
    const sentGroup = await act(id, "message.create", {
      chat: { type: "group", id: GROUP },
      content: [
        { type: "text", text: "hi " },
        { type: "mention", user_id: "all" },
      ],
    });
    expect(sentGroup.status).toBe(200);
    expect(typeof sentGroup.body.message_id).toBe("string");
    expect((await act(id, "message.create", { chat: { type: "private", id: FRIEND }, content: "hello" })).status).toBe(200);
    expect((await act(id, "message.create", { chat: { type: "private", id: STRANGER }, content: "hi stranger", via_group: GROUP })).status).toBe(200);
    expect((await act(id, "message.delete", { chat: { type: "group", id: GROUP }, message_id: sentGroup.body.message_id })).body).toEqual({});
    const simple: [string, unknown][] = [
      ["group.mute", { group_id: GROUP, user_id: FRIEND, duration_s: 60 }],
      ["group.mute", { group_id: GROUP, duration_s: 0 }],
      ["group.kick", { group_id: GROUP, user_id: FRIEND }],
      ["group.admin.set", { group_id: GROUP, user_id: FRIEND, admin: true }],
      ["group.invite", { group_id: GROUP, user_id: FRIEND }],
      ["group.update", { group_id: GROUP, name: "new name" }],
    ];
    for (const [name, params] of simple) expect([name, (await act(id, name, params)).status]).toEqual([name, 200]);
    const groups = await act(id, "group.list", {});
    expect(groups.body.groups.map((g: any) => g.id)).toContain(GROUP);
    expect((await act(id, "friend.list", {})).body.friends.map((f: any) => f.id)).toContain(FRIEND);
    expect((await act(id, "group.member.list", { group_id: GROUP })).body.members.length).toBeGreaterThan(0);
    expect((await act(id, "self.get", {})).body.user.id).toMatch(/^\d+$/);
    expect((await act(id, "user.get", { user_id: FRIEND })).body.user.id).toBe(FRIEND);
    const raw = await act(id, "upstream.raw", { http: { method: "GET", path: "/user/getGroupList" } });
    expect(raw.status).toBe(200);
    expect((await act(id, "group.leave", { group_id: "839201746" })).status).toBe(200);

    const paths = (await requests(since)).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "POST /sendMsg/group",
        "POST /sendMsg/private",
        "POST /revoke/group",
        "POST /group/mute",
        "POST /group/kick",
        "POST /group/setAdmin",
        "POST /group/invite",
        "POST /group/setGroupName",
        "POST /user/leaveGroup",
        "GET /user/getGroupList",
        "GET /user/getFriendList",
        "GET /group/getMemberList",
        "GET /user/basicInfo",
      ]),
    );
    const stranger = (await requests(since, "/sendMsg/private")).find((r) => r.body.dest === Number(STRANGER));
    expect(stranger.body.from).toBe(Number(GROUP));
    const wholeGroup = (await requests(since, "/group/mute")).find((r) => r.body.target === 0);
    expect(wholeGroup.body.duration).toBe(0);
  });

  it("maps the daemon's refusals, failures and silence to 422, 502 and 504", async () => {
    const { id } = await connectOicq("oicq-errors");
    const send = () => act(id, "message.create", { chat: { type: "group", id: GROUP }, content: "x" });
    await oicqSim("script", { route: "sendMsg/group", code: -2 });
    const refused = await send();
    expect(refused.status).toBe(422);
    expect(refused.body.upstream.code).toBe(-2);
    await oicqSim("script", { route: "sendMsg/group", code: -1 });
    expect((await send()).status).toBe(422);
    await oicqSim("script", { route: "sendMsg/group", httpStatus: 500 });
    const broken = await send();
    expect(broken.status).toBe(502);
    expect(broken.body.code).toBe("upstream_error");
    await oicqSim("script", { route: "sendMsg/group", body: "<html>oops" });
    expect((await send()).status).toBe(502);
    await oicqSim("script", { route: "sendMsg/group", delayMs: 2_500 });
    const slow = await send();
    expect(slow.status).toBe(504);
    expect(slow.body.code).toBe("upstream_timeout");
    const frame = await act(id, "upstream.raw", { frame: "{}" });
    expect(frame.status).toBe(400);
    expect((await act(id, "message.update", { chat: { type: "group", id: GROUP }, message_id: "x", content: "y" })).status).toBe(501);
  });

  it("notices a hung daemon through the probe and reconnects when it recovers", { timeout: 40_000 }, async () => {
    const { id } = await connectOicq("oicq-hung");
    await oicqSim("pause", { paused: true });
    try {
      const down = await webhookOf(id, "connection.disconnected", () => true, 25_000);
      expect(down.data.reason).toContain("liveness probe failed");
    } finally {
      await oicqSim("pause", { paused: false });
    }
    await until("reconnected", async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected", 10_000);
  });
});
