/**
 * yunhu end to end: `wrangler dev`, the yunhu simulator (its own protobuf codec) and the
 * verifying sink. Login readiness, every frame kind through to verified webhooks, and the
 * three HTTP actions plus the draft, with each error status yunhu can produce.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { startSink, type Sink } from "../sim/sink.ts";
import { webhookOf } from "../harness/webhooks.ts";
import { startYunhu, type YunhuSim } from "../sim/yunhu.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "yunhu-e2e";
const GROUP = "872440499";

let relay: Relay;
let server: YunhuSim;
let sink: Sink;
let persistTo: string;

const act = (name: string, body: unknown) => relay.api(`/v1/connections/${ID}/actions/${name}`, { body });
const eventOf = (type: string, where?: (e: any) => boolean) => webhookOf(sink, ID, type, where);

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "imrelay-yunhu-e2e-"));
  server = await startYunhu();
  sink = await startSink();
  sink.secret(ID, SECRET);
  relay = await startRelay({ persistTo, vars: { ACTION_TIMEOUT_MS: "1500" } });
  const put = await relay.api(`/v1/connections/${ID}`, {
    method: "PUT",
    body: {
      platform: "yunhu",
      upstream: { userId: server.userId, token: server.token, url: server.url, api: server.httpUrl },
      webhook: { url: sink.hookUrl(ID), secret: SECRET },
    },
  });
  expect(put.status).toBe(201);
  await until("connected", async () => (await relay.api(`/v1/connections/${ID}`)).body.status.state === "connected");
});

afterAll(async () => {
  await relay?.stop();
  await server?.close();
  await sink?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("yunhu under wrangler dev", () => {
  it("relays every frame kind as a verified webhook", async () => {
    server.pushMessage({ msgId: "e2e-1", chatId: GROUP, chatType: 2, text: "hello", quoteMsgId: "e2e-0", quoteMsgText: "earlier" });
    const created = await eventOf("message.created", (e) => e.data.message.id === "e2e-1");
    expect(created.data.message).toMatchObject({ chat: { type: "group", id: GROUP }, reply_to: { id: "e2e-0", text: "earlier" } });
    server.pushMessage({ msgId: "e2e-2", chatId: GROUP, chatType: 2, contentType: 3, content: { text: "**bold**" } });
    expect((await eventOf("message.created", (e) => e.data.message.id === "e2e-2")).data.message.content).toEqual(
      expect.arrayContaining([{ type: "markdown", text: "**bold**" }]),
    );
    server.edit({ msgId: "e2e-1", text: "hello again" });
    server.stream({ msgId: "e2e-1", chatId: GROUP, content: "…" });
    server.recall({ msgId: "e2e-1", chatId: GROUP, chatType: 2 });
    server.draft({ chatId: GROUP, input: "draft" });
    server.inviteApply({});
    for (const type of ["message.updated", "message.appended", "message.deleted", "draft.updated", "group.invited"]) await eventOf(type);
  });

  it("sends, edits, recalls and drafts, and maps the server's answers", async () => {
    const sent = await act("message.create", { chat: { type: "group", id: GROUP }, content: "from the bot" });
    expect(sent.status).toBe(200);
    const request = server.requests.find((r: any) => r.decoded?.msgId === sent.body.message_id) as any;
    expect(request.token).toBe(server.token);
    expect(request.decoded).toMatchObject({ chatId: GROUP, chatType: 2, contentType: 1, content: { text: "from the bot" } });
    expect((await act("message.update", { chat: { type: "group", id: GROUP }, message_id: sent.body.message_id, content: "edited" })).status).toBe(200);
    expect((await act("message.delete", { chat: { type: "group", id: GROUP }, message_id: sent.body.message_id })).status).toBe(200);
    expect((await act("yunhu.draft", { chat: { id: GROUP }, text: "thinking" })).status).toBe(202);

    const statuses: Record<string, number> = {};
    statuses.invalid_request = (await act("message.create", { chat: { type: "group", id: GROUP }, content: [{ type: "audio", url: "https://a" }] })).status;
    statuses.unsupported_action = (await act("group.kick", { group_id: GROUP, user_id: "1" })).status;
    statuses.upstream_rejected = (await act("message.delete", { chat: { type: "group", id: GROUP }, message_id: "ffffffffffffffffffffffffffffffff" })).status;
    server.script("send-message", { httpStatus: 500 });
    statuses.upstream_error = (await act("message.create", { chat: { type: "group", id: GROUP }, content: "x" })).status;
    server.script("send-message", { delayMs: 2_500 });
    statuses.upstream_timeout = (await act("message.create", { chat: { type: "group", id: GROUP }, content: "x" })).status;
    expect(statuses).toEqual({ invalid_request: 400, unsupported_action: 501, upstream_rejected: 422, upstream_error: 502, upstream_timeout: 504 });
  });
});
