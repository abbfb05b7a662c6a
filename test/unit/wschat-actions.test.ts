/**
 * wschat (seed 002) actions: each action's frame or REST request (with the token on every
 * call), the parsing of the server's answers, and the mapping of its refusals.
 */
import { describe, expect, it } from "vitest";
import type { Context, HttpAnswer, Plan } from "../../src/platforms/contract.ts";
import { ACTION_PARAMS, isUnifiedAction } from "../../src/events/actions.ts";
import { ProblemError, type Problem } from "../../src/lib/problem.ts";
import { WschatConfig } from "../../src/platforms/wschat/config.ts";
import { actions } from "../../src/platforms/wschat/encode.ts";
import * as seed from "../sim/wschat-seed.ts";

const TOKEN = "tok-5f1c9a";
const API = "http://chat.example.com:8080";

function fake(memory: Record<string, unknown> = {}) {
  const ctx: Context<WschatConfig> = {
    connection: "ws-1",
    config: WschatConfig.parse({ url: "ws://chat.example.com:8080/ws", accessToken: TOKEN }),
    now: seed.T0,
    recall: (key) => memory[key],
    newKey: () => "unused",
  };
  const plan = (action: string, params: unknown): Plan => {
    const a = actions[action];
    if (!a) throw new Error(`wschat has no ${action}`);
    const schema = a.params ?? (isUnifiedAction(action) ? ACTION_PARAMS[action] : undefined);
    return a.plan(schema ? schema.parse(params) : params, ctx);
  };
  const http = (action: string, params: unknown) => {
    const p = plan(action, params);
    if (p.kind !== "http") throw new Error("expected an HTTP plan");
    return p;
  };
  const request = (action: string, params: unknown) => {
    const { method, url, headers, body } = http(action, params);
    return { method, url, ...(headers && { headers }), ...(body !== undefined && { body: JSON.parse(body as string) }) };
  };
  const refused = (action: string, params: unknown): Problem => {
    try {
      plan(action, params);
    } catch (err) {
      if (err instanceof ProblemError) return err.problem;
      throw err;
    }
    throw new Error("expected a ProblemError");
  };
  return { ctx, plan, http, request, refused };
}

function answer(status: number, body: string | unknown = ""): HttpAnswer {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const bytes = new TextEncoder().encode(text);
  return { status, headers: {}, body: bytes, text: () => text };
}

const q = `access_token=${TOKEN}`;
const JSON_BODY = { "content-type": "application/json" };

describe("wschat message.create", () => {
  it("sends a unicast frame to a user and a multicast frame to a group, unconfirmed", () => {
    const f = fake();
    expect(f.plan("message.create", { chat: { type: "private", id: seed.ALICE }, content: "八点吧" })).toEqual({
      kind: "socket",
      frames: [JSON.stringify(seed.sendUnicast)],
      await: null,
    });
    const group = f.plan("message.create", {
      chat: { type: "group", id: seed.GROUP },
      content: [
        { type: "text", text: "收" },
        { type: "text", text: "到" },
      ],
    });
    expect(group).toMatchObject({ frames: [JSON.stringify(seed.sendMulticast)], await: null });
  });

  it("sends a lone unknown element's raw content as it came", () => {
    const raw = { card: { title: "行程" } };
    const p = fake().plan("message.create", { chat: { type: "private", id: seed.ALICE }, content: [{ type: "unknown", raw }] });
    expect(p).toMatchObject({ frames: [JSON.stringify({ type: "unicast", receiverId: seed.ALICE, content: raw })] });
  });

  it("refuses what wschat cannot carry, naming the field", () => {
    const f = fake();
    const mention = f.refused("message.create", {
      chat: { type: "group", id: seed.GROUP },
      content: [
        { type: "text", text: "hi " },
        { type: "mention", user_id: seed.BOB },
      ],
    });
    expect(mention.errors).toEqual([{ path: "content.1.type", message: "wschat sends text only, not mention" }]);
    expect(f.refused("message.create", { chat: { type: "private", id: seed.ALICE }, content: "x", reply_to: "m1" }).errors?.[0]?.path).toBe("reply_to");
  });
});

describe("wschat group actions", () => {
  it("builds every request with the token in its query", () => {
    const f = fake({ "invitation:r-1": { group: "g-2" } });
    expect(f.request("group.create", { name: "周末 爬山" })).toEqual({
      method: "POST",
      url: `${API}/api/group?name=%E5%91%A8%E6%9C%AB+%E7%88%AC%E5%B1%B1&${q}`,
    });
    expect(f.request("group.update", { group_id: seed.GROUP, name: "新名" })).toEqual({
      method: "PUT",
      url: `${API}/api/group/${seed.GROUP}?name=%E6%96%B0%E5%90%8D&${q}`,
    });
    expect(f.request("group.get", { group_id: seed.GROUP })).toEqual({ method: "GET", url: `${API}/api/group/${seed.GROUP}?${q}` });
    expect(f.request("group.member.list", { group_id: seed.GROUP })).toEqual({ method: "GET", url: `${API}/api/group/${seed.GROUP}?${q}` });
    expect(f.request("group.list", {})).toEqual({ method: "GET", url: `${API}/api/group?detailed=true&${q}` });
    expect(f.request("group.invite", { group_id: seed.GROUP, user_id: seed.ALICE })).toEqual({
      method: "POST",
      url: `${API}/api/request?${q}`,
      headers: JSON_BODY,
      body: { groupId: seed.GROUP, userId: seed.ALICE },
    });
    expect(f.request("group.kick", { group_id: seed.GROUP, user_id: seed.ALICE })).toEqual({
      method: "DELETE",
      url: `${API}/api/group/${seed.GROUP}?userId=${seed.ALICE}&${q}`,
    });
    expect(f.request("group.leave", { group_id: seed.GROUP })).toEqual({ method: "DELETE", url: `${API}/api/group/${seed.GROUP}?${q}` });
    expect(f.request("request.approve", { request_id: "r-1" })).toEqual({ method: "PUT", url: `${API}/api/request/r-1?${q}` });
    expect(f.request("request.reject", { request_id: "r-1" })).toEqual({ method: "DELETE", url: `${API}/api/request/r-1?${q}` });
    expect(f.request("group.get", { group_id: "a/b?c" }).url).toBe(`${API}/api/group/a%2Fb%3Fc?${q}`);
  });

  it("reads the answers", () => {
    const f = fake();
    const parse = (action: string, params: unknown, a: HttpAnswer) => f.http(action, params).parse(a, f.ctx);
    expect(parse("group.create", { name: "x" }, answer(200, "g-9"))).toEqual({ result: { group_id: "g-9" } });
    expect(parse("group.create", { name: "x" }, answer(200, 12345678901234567890n.toString()))).toEqual({ result: { group_id: "12345678901234567890" } });
    expect(parse("group.create", { name: "x" }, answer(200, '"g-9"'))).toEqual({ result: { group_id: "g-9" } });
    expect(parse("group.create", { name: "x" }, answer(200, { id: 42 }))).toEqual({ result: { group_id: "42" } });
    expect(parse("group.create", { name: "x" }, answer(200, ""))).toMatchObject({ problem: { code: "upstream_error" } });
    expect(parse("group.get", { group_id: seed.GROUP }, answer(200, seed.group))).toEqual({
      result: { group: { id: seed.GROUP, name: seed.GROUP_NAME, owner_id: seed.BOB, member_ids: [seed.BOB, seed.ALICE, seed.SELF] } },
    });
    expect(parse("group.member.list", { group_id: seed.GROUP }, answer(200, seed.group))).toEqual({
      result: {
        members: [
          { id: seed.BOB, role: "owner" },
          { id: seed.ALICE, role: "member" },
          { id: seed.SELF, role: "member" },
        ],
      },
    });
    expect(parse("group.list", {}, answer(200, [seed.group, "g-7"]))).toEqual({
      result: { groups: [{ id: seed.GROUP, name: seed.GROUP_NAME, owner_id: seed.BOB, member_ids: [seed.BOB, seed.ALICE, seed.SELF] }, { id: "g-7" }] },
    });
    expect(parse("group.list", {}, answer(200, "oops"))).toMatchObject({ problem: { code: "upstream_error" } });
    expect(parse("group.leave", { group_id: seed.GROUP }, answer(200))).toEqual({ result: {} });
  });

  it("maps 403 (and 400, 404, 409) to 422 with the server's text or the seed's meaning, anything else to 502", () => {
    const f = fake();
    const rename = f.http("group.update", { group_id: seed.GROUP, name: "x" });
    expect(rename.parse(answer(403), f.ctx)).toEqual({
      problem: expect.objectContaining({ code: "upstream_rejected", upstream: { code: 403, text: "不是群主，无权修改 (not the group's owner)" } }),
    });
    expect(rename.parse(answer(403, "nope"), f.ctx)).toMatchObject({ problem: { code: "upstream_rejected", upstream: { code: 403, text: "nope" } } });
    expect(f.http("group.kick", { group_id: seed.GROUP, user_id: seed.ALICE }).parse(answer(403), f.ctx)).toMatchObject({
      problem: { upstream: { text: "不是群主，没有权限 (not the group's owner)" } },
    });
    for (const status of [400, 404, 409])
      expect(rename.parse(answer(status, "x"), f.ctx)).toMatchObject({ problem: { code: "upstream_rejected", upstream: { code: status } } });
    for (const status of [401, 500, 503])
      expect(rename.parse(answer(status, "x"), f.ctx)).toMatchObject({ problem: { code: "upstream_error", upstream: { code: status, text: "x" } } });
  });

  it("refuses a notice, a missing name, an unknown request id and a comment, naming the field", () => {
    const f = fake({ "invitation:r-1": { group: "g-2" } });
    expect(f.refused("group.update", { group_id: seed.GROUP, notice: "n" }).errors?.map((e) => e.path)).toEqual(["notice", "name"]);
    expect(f.refused("request.approve", { request_id: "r-404" }).errors).toEqual([
      { path: "request_id", message: "names no group invitation this connection has seen" },
    ]);
    expect(f.refused("request.reject", { request_id: "r-1", comment: "no" }).errors?.map((e) => e.path)).toEqual(["comment"]);
    // Answered, an invitation is forgotten: answering it again is refused before it reaches the server.
    expect(f.http("request.approve", { request_id: "r-1" }).parse(answer(200), f.ctx)).toEqual({ result: {}, remember: { "invitation:r-1": null } });
  });

  it("lists neither message.delete nor message.update", () => {
    expect(Object.keys(actions)).not.toContain("message.delete");
    expect(Object.keys(actions)).not.toContain("message.update");
  });
});

describe("wschat.notify and upstream.raw", () => {
  it("pushes a notification with type, to and from in the query and the body as JSON", () => {
    const f = fake();
    expect(f.request("wschat.notify", { to: seed.SELF, notificationType: "ping", content: { n: 1 } })).toEqual({
      method: "POST",
      url: `${API}/notification?type=unicast&to=${seed.SELF}&${q}`,
      headers: JSON_BODY,
      body: { notificationType: "ping", content: { n: 1 } },
    });
    expect(f.request("wschat.notify", { type: "multicast", to: seed.GROUP, from: seed.BOB, notificationType: "t", content: "c" }).url).toBe(
      `${API}/notification?type=multicast&to=${seed.GROUP}&from=${seed.BOB}&${q}`,
    );
    expect(f.request("wschat.notify", { type: "broadcast", from: seed.BOB, notificationType: "t" })).toMatchObject({
      url: `${API}/notification?type=broadcast&from=${seed.BOB}&${q}`,
      body: { notificationType: "t", content: null },
    });
    expect(f.http("wschat.notify", { to: seed.SELF, notificationType: "t" }).parse(answer(403), f.ctx)).toMatchObject({
      problem: { code: "upstream_rejected", upstream: { code: 403, text: "请求有误 (the request is wrong)" } },
    });
  });

  it("refuses a notification without its target", () => {
    const f = fake();
    expect(f.refused("wschat.notify", { notificationType: "t" }).errors?.[0]?.path).toBe("to");
    expect(f.refused("wschat.notify", { type: "broadcast", notificationType: "t" }).errors?.[0]?.path).toBe("from");
    expect(actions["wschat.notify"]!.params!.safeParse({ to: "u", notificationType: "t", extra: 1 }).success).toBe(false);
  });

  it("sends a raw frame as given, and a raw request against the API with the token", () => {
    const f = fake();
    expect(f.plan("upstream.raw", { frame: '{"type":"unicast","receiverId":1}' })).toEqual({
      kind: "socket",
      frames: ['{"type":"unicast","receiverId":1}'],
      await: null,
    });
    expect(f.plan("upstream.raw", { frame: { type: "multicast", groupId: "g" } })).toMatchObject({ frames: ['{"type":"multicast","groupId":"g"}'] });
    const raw = f.http("upstream.raw", { http: { method: "GET", path: "/api/message?drop=false" } });
    expect(raw.url).toBe(`${API}/api/message?drop=false&${q}`);
    expect(raw.parse(answer(200, seed.offline), f.ctx)).toEqual({ result: { data: seed.offline } });
    expect(raw.parse(answer(200, seed.group), f.ctx)).toEqual({ result: seed.group });
    expect(raw.parse(answer(200, "plain"), f.ctx)).toEqual({ result: { text: "plain" } });
    expect(raw.parse(answer(200), f.ctx)).toEqual({ result: {} });
    expect(f.refused("upstream.raw", { http: { method: "GET", path: "/api/group", body: {} } }).errors?.[0]?.path).toBe("http.body");
  });
});
