/**
 * oicq end to end: `wrangler dev`, the daemon simulator (event socket with its ping rule and
 * the HTTP action API) and the verifying sink. Every action once through the public API, and
 * each error status oicq can produce.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { FRIEND, GROUP, GROUP_2, STRANGER } from "../sim/oicq-state.ts";
import { startOicq, type OicqSim } from "../sim/oicq.ts";
import { startSink, type Sink } from "../sim/sink.ts";
import { webhookOf } from "../harness/webhooks.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "oicq-e2e";

let relay: Relay;
let daemon: OicqSim;
let sink: Sink;
let persistTo: string;

const act = (name: string, body: unknown) => relay.api(`/v1/connections/${ID}/actions/${name}`, { body });
const eventOf = (type: string, where?: (e: any) => boolean) => webhookOf(sink, ID, type, where);

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "imrelay-oicq-e2e-"));
  daemon = await startOicq({ pingIntervalMs: 500 });
  sink = await startSink();
  sink.secret(ID, SECRET);
  relay = await startRelay({ persistTo, vars: { ACTION_TIMEOUT_MS: "1500" } });
  const put = await relay.api(`/v1/connections/${ID}`, {
    method: "PUT",
    body: { platform: "oicq", upstream: { url: daemon.url }, webhook: { url: sink.hookUrl(ID), secret: SECRET } },
  });
  expect(put.status).toBe(201);
  await until("connected", async () => (await relay.api(`/v1/connections/${ID}`)).body.status.state === "connected");
});

afterAll(async () => {
  await relay?.stop();
  await daemon?.close();
  await sink?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("oicq under wrangler dev", () => {
  it("receives events and answers every kind of request by request_id", async () => {
    daemon.groupMessage({ text: "hi bot", channel: GROUP, sender: FRIEND });
    expect((await eventOf("message.created", (e) => e.data.message.text === "hi bot")).data.message.chat).toEqual(
      expect.objectContaining({ type: "group", id: String(GROUP) }),
    );
    daemon.newFriendRequest({ who: 3398741520, comment: "friend me" });
    daemon.groupInvite({ group: 951357846, inviter: FRIEND });
    daemon.joinRequest({ who: 3398741520, group: GROUP, comment: "let me in" });
    const friend = await eventOf("friend.requested");
    const invite = await eventOf("group.invited");
    const join = await eventOf("group.member.requested");
    expect((await act("request.approve", { request_id: friend.data.request.id })).status).toBe(200);
    expect((await act("request.reject", { request_id: invite.data.request.id })).status).toBe(200);
    expect((await act("request.approve", { request_id: join.data.request.id })).status).toBe(200);
    const paths = daemon.requests.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(["/user/acceptFriend", "/user/acceptGroupInvite", "/group/acceptJoin"]));
    expect(daemon.requests.find((r) => r.path === "/user/acceptGroupInvite")!.body).toMatchObject({ accept: false });
  });

  it("performs every action through the public API", async () => {
    const ok = async (name: string, params: unknown) => {
      const res = await act(name, params);
      expect([name, res.status, res.body]).toEqual([name, 200, expect.anything()]);
      return res.body;
    };
    const sent = await ok("message.create", { chat: { type: "group", id: String(GROUP) }, content: "hello group" });
    await ok("message.create", { chat: { type: "private", id: String(FRIEND) }, content: "hello friend" });
    await ok("message.create", { chat: { type: "private", id: String(STRANGER) }, content: "hello stranger", via_group: String(GROUP) });
    daemon.groupMessage({ text: "quote me", channel: GROUP, sender: FRIEND });
    const quoted = await eventOf("message.created", (e) => e.data.message.text === "quote me");
    await ok("message.create", { chat: { type: "group", id: String(GROUP) }, content: "quoting", reply_to: quoted.data.message.id });
    await ok("message.delete", { chat: { type: "group", id: String(GROUP) }, message_id: sent.message_id });
    await ok("group.mute", { group_id: String(GROUP), user_id: String(FRIEND), duration_s: 600 });
    await ok("group.mute", { group_id: String(GROUP), duration_s: 0 });
    await ok("group.kick", { group_id: String(GROUP), user_id: String(FRIEND) });
    await ok("group.admin.set", { group_id: String(GROUP), user_id: String(FRIEND), admin: true });
    await ok("group.invite", { group_id: String(GROUP), user_id: String(FRIEND) });
    await ok("group.update", { group_id: String(GROUP), name: "renamed" });
    expect((await ok("group.list", {})).groups.length).toBeGreaterThan(0);
    expect((await ok("friend.list", {})).friends.length).toBeGreaterThan(0);
    expect((await ok("group.member.list", { group_id: String(GROUP) })).members.length).toBeGreaterThan(0);
    expect((await ok("self.get", {})).user.id).toBe(daemon.selfId);
    expect((await ok("user.get", { user_id: String(FRIEND) })).user.id).toBe(String(FRIEND));
    await ok("upstream.raw", { http: { method: "GET", path: "/user/basicInfo" } });
    await ok("group.leave", { group_id: String(GROUP_2) });
    const reply = daemon.requests
      .filter((r) => r.path === "/sendMsg/group")
      .map((r) => r.body as any)
      .find((b) => b.reply);
    expect(reply.reply).toMatchObject({ to: FRIEND, id: quoted.data.message.id });
  });

  it("answers each error status oicq can produce", async () => {
    const send = () => act("message.create", { chat: { type: "group", id: String(GROUP) }, content: "x" });
    const statuses: Record<string, number> = {};
    statuses.invalid_request = (await act("group.update", { group_id: String(GROUP), notice: "no notices" })).status;
    statuses.not_found = (await act("no.such", {})).status;
    statuses.unsupported_action = (await act("message.update", { chat: { type: "group", id: "1" }, message_id: "m", content: "y" })).status;
    daemon.script("sendMsg/group", { code: -2 });
    statuses.upstream_rejected = (await send()).status;
    daemon.script("sendMsg/group", { httpStatus: 500 });
    statuses.upstream_error = (await send()).status;
    daemon.script("sendMsg/group", { delayMs: 2_500 });
    statuses.upstream_timeout = (await send()).status;
    await relay.api(`/v1/connections/${ID}`, { method: "PATCH", body: { enabled: false } });
    const requestsBefore = daemon.requests.length;
    const off = await send();
    statuses.not_connected = off.status;
    expect(off.headers.get("retry-after")).toBeTruthy();
    expect(daemon.requests.length).toBe(requestsBefore); // a disabled connection does not act
    await relay.api(`/v1/connections/${ID}`, { method: "PATCH", body: { enabled: true } });
    await until("connected again", async () => (await relay.api(`/v1/connections/${ID}`)).body.status.state === "connected");
    expect(statuses).toEqual({
      invalid_request: 400,
      not_found: 404,
      unsupported_action: 501,
      upstream_rejected: 422,
      upstream_error: 502,
      upstream_timeout: 504,
      not_connected: 503,
    });
  });

  it("holds the session through the daemon's ping rounds", async () => {
    const terminations = daemon.terminations.length;
    await new Promise((r) => setTimeout(r, 2_500)); // 5 rounds at 500 ms
    expect(daemon.terminations.length).toBe(terminations);
    expect((await relay.api(`/v1/connections/${ID}`)).body.status.state).toBe("connected");
  });
});
