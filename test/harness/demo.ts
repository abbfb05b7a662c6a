/**
 * `npm start`: the relay in wrangler dev, the roomim, oicq, yunhu, chat68 and wschat simulators and a
 * verifying webhook sink, a demo connection on each, and a short scripted conversation. Every webhook is printed as it
 * arrives, verified with the standardwebhooks library. The relay keeps running afterwards so
 * the API can be tried by hand (the commands are printed) and watched in the console, whose
 * URL and token are printed first; Ctrl-C stops everything.
 *
 *   --once   play the conversation and exit (used by the tests)
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { freePort, ROOT, startRelay, type Relay } from "./relay.ts";
import { FRIEND as FRIEND_QQ, GROUP as GROUP_QQ } from "../sim/oicq-state.ts";
import { startChat68, type Chat68Sim } from "../sim/chat68.ts";
import { startOicq, type OicqSim } from "../sim/oicq.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Sink } from "../sim/sink.ts";
import { startWschat, tokenOf, type WschatSim } from "../sim/wschat.ts";
import { startYunhu, type YunhuSim } from "../sim/yunhu.ts";

const TOKEN = "dev-token";
const SECRET = "whsec_ZGVtby1zZWNyZXQtZm9yLWltcmVsYXktbG9jYWwtZGV2";
const CONNECTION = "demo";
const QQ_CONNECTION = "demo-qq";
const QQ_GROUP = GROUP_QQ;
const QQ_FRIEND = FRIEND_QQ;
const YUNHU_CONNECTION = "demo-yunhu";
const YUNHU_GROUP = "872440499";
const CHAT68_CONNECTION = "demo-68";
const CHAT68_GROUP = "389284";
const WSCHAT_CONNECTION = "demo-wschat";
const WSCHAT_FRIEND = "u-alice";
const FRIEND = "1860863094709035009";
const GROUP = "1858689382414958593";

const once = process.argv.includes("--once");
/** After the scripted conversation, a message this often keeps the console's live log moving. */
const CHATTER_MS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => console.log(`\n▸ ${line}`);

async function portOr(preferred: number): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => void freePort().then(resolve));
    probe.listen(preferred, "127.0.0.1", () => probe.close(() => resolve(preferred)));
  });
}

interface Stage {
  relay: Relay;
  sink: Sink;
}

/** Creates a connection whose webhooks go to the sink, and waits for it to be up. */
async function connect({ relay, sink }: Stage, id: string, platform: string, upstream: Record<string, unknown>): Promise<void> {
  sink.secret(id, SECRET);
  say(`PUT /v1/connections/${id}: a connection to the ${platform} simulator, webhooks to the sink`);
  const put = await relay.api(`/v1/connections/${id}`, { method: "PUT", body: { platform, upstream, webhook: { url: sink.hookUrl(id), secret: SECRET } } });
  if (put.status >= 300) throw new Error(`PUT failed: ${put.status} ${JSON.stringify(put.body)}`);
  await waitFor(async () => (await relay.api(`/v1/connections/${id}`)).body.status.state === "connected");
  await sleep(300);
}

async function act(relay: Relay, id: string, name: string, params: unknown): Promise<any> {
  const res = await relay.api(`/v1/connections/${id}/actions/${name}`, { body: params });
  console.log(`  POST …/${id}/actions/${name} ← ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function playRoomim(stage: Stage, roomim: RoomimSim): Promise<void> {
  const { relay } = stage;
  await connect(stage, CONNECTION, "roomim", { url: `${roomim.url}ws?token=demo` });

  say("a stranger asks to be friends, and the friendship room opens");
  roomim.friendRequest({ from: FRIEND });
  await sleep(200);
  roomim.roomInit({ from: FRIEND, room: "1860881053449904129" });
  await sleep(200);

  say("messages arrive: a group message mentioning the bot, and an image");
  roomim.message({
    from: FRIEND,
    room: GROUP,
    text: "@bot what's the weather?",
    mentionedInfo: { type: 2, userIdList: [roomim.selfId], mentionedContent: "有人@你" },
  });
  roomim.images({ from: FRIEND, room: GROUP, text: "look" });
  await sleep(300);

  say("the bot answers with message.create, then takes it back with message.delete");
  const sent = await act(relay, CONNECTION, "message.create", { chat: { type: "group", id: GROUP }, content: "Sunny, 21 °C" });
  await act(relay, CONNECTION, "message.delete", { chat: { type: "group", id: GROUP }, message_id: sent.message_id });

  say("another device of the account writes, reads and clears the room; the friend recalls a message");
  roomim.self({ room: GROUP, text: "sent from my phone" });
  roomim.read({ room: GROUP });
  roomim.cleared({ room: GROUP });
  roomim.revoked({ room: GROUP, from: FRIEND });
  await sleep(200);

  say("a frame nobody understands is kept as upstream.unknown, and the socket stays up");
  roomim.raw('{"msgType": 999, "response": 2, "room": 1858689382414958593}');
  await sleep(800);
}

async function playOicq(stage: Stage, daemon: OicqSim): Promise<void> {
  const { relay } = stage;
  await connect(stage, QQ_CONNECTION, "oicq", { url: daemon.url });

  say("oicq: a group message, and someone asks to join the group");
  daemon.groupMessage({ channel: QQ_GROUP, sender: QQ_FRIEND, text: "who let the bot in?" });
  daemon.joinRequest({ who: 3398741520, group: QQ_GROUP, comment: "let me in" });
  const request = await waitForEvent(stage.sink, QQ_CONNECTION, "group.member.requested");

  say("the bot approves it by request_id alone, mutes a member for 10 minutes and renames the group");
  await act(relay, QQ_CONNECTION, "request.approve", { request_id: request.data.request.id });
  await act(relay, QQ_CONNECTION, "group.mute", { group_id: String(QQ_GROUP), user_id: String(QQ_FRIEND), duration_s: 600 });
  await act(relay, QQ_CONNECTION, "group.update", { group_id: String(QQ_GROUP), name: "bot friends" });
  daemon.mute({ who: QQ_FRIEND, group: QQ_GROUP, operator: Number(daemon.selfId), duration: 600 });
  await sleep(800);
}

async function playYunhu(stage: Stage, server: YunhuSim): Promise<void> {
  const { relay } = stage;
  await connect(stage, YUNHU_CONNECTION, "yunhu", { userId: server.userId, token: server.token, url: server.url, api: server.httpUrl });

  say("yunhu (protobuf): a message, an edit, a streamed chunk and a draft from another device");
  server.pushMessage({ msgId: "demo-1", chatId: YUNHU_GROUP, chatType: 2, text: "protobuf in, JSON out" });
  server.edit({ msgId: "demo-1", text: "protobuf in, signed JSON out" });
  server.stream({ msgId: "demo-1", chatId: YUNHU_GROUP, content: " — streamed" });
  server.draft({ chatId: YUNHU_GROUP, input: "half a thought" });
  await sleep(300);

  say("the bot sends and recalls over yunhu's HTTP API (protobuf bodies, token header)");
  const sent = await act(relay, YUNHU_CONNECTION, "message.create", { chat: { type: "group", id: YUNHU_GROUP }, content: "hello from imrelay" });
  await act(relay, YUNHU_CONNECTION, "message.delete", { chat: { type: "group", id: YUNHU_GROUP }, message_id: sent.message_id });
  await sleep(800);
}

async function playChat68(stage: Stage, client: Chat68Sim): Promise<void> {
  const { relay } = stage;
  await connect(stage, CHAT68_CONNECTION, "chat68", { url: client.url, api: client.httpUrl });

  say("chat68: a group message pushed by the 68chat client on the user's machine");
  client.message({ content: "有人吗？" });
  await waitForEvent(stage.sink, CHAT68_CONNECTION, "message.created");

  say("the bot answers (confirmed by msgListPropertyUpdate), recalls it on both sides and mutes the group");
  const sent = await act(relay, CHAT68_CONNECTION, "message.create", { chat: { type: "group", id: CHAT68_GROUP }, content: "在的，我是机器人" });
  await act(relay, CHAT68_CONNECTION, "message.delete", { chat: { type: "group", id: CHAT68_GROUP }, message_id: sent.message_id });
  await act(relay, CHAT68_CONNECTION, "group.mute", { group_id: CHAT68_GROUP, duration_s: 600 });
  await sleep(800);
}

async function playWschat(stage: Stage, server: WschatSim): Promise<void> {
  const { relay } = stage;
  say("wschat: before the bot connects, a friend writes (kept offline by the server) and invites it to a group");
  server.message({ from: WSCHAT_FRIEND, to: WSCHAT_CONNECTION, content: "are you there?" });
  server.addGroup({ id: "g-hiking", name: "weekend hiking", managerId: WSCHAT_FRIEND, usersId: [WSCHAT_FRIEND] });
  server.invite({ from: WSCHAT_FRIEND, group: "g-hiking", to: WSCHAT_CONNECTION });
  await connect(stage, WSCHAT_CONNECTION, "wschat", { url: server.url, accessToken: tokenOf(WSCHAT_CONNECTION) });
  say("on connect the relay fetched the message, stored it, then had the server drop it, and listed the invitation");
  await waitForEvent(stage.sink, WSCHAT_CONNECTION, "message.created");
  const invited = await waitForEvent(stage.sink, WSCHAT_CONNECTION, "group.invited");

  say("the bot accepts by request_id, greets the group (unconfirmed: 202) and gets a notification");
  await act(relay, WSCHAT_CONNECTION, "request.approve", { request_id: invited.data.request.id });
  await act(relay, WSCHAT_CONNECTION, "message.create", { chat: { type: "group", id: "g-hiking" }, content: "hello hikers" });
  await act(relay, WSCHAT_CONNECTION, "wschat.notify", { to: WSCHAT_CONNECTION, notificationType: "reminder", content: "pack water" });
  await sleep(800);
}

async function waitForEvent(sink: Sink, id: string, type: string): Promise<any> {
  let found: any;
  await waitFor(
    async () =>
      (found = sink
        .verified(id)
        .map((d) => d.event as any)
        .find((e) => e?.type === type)) !== undefined,
  );
  return found;
}

async function main(): Promise<void> {
  const roomim = await startRoomim({ port: await portOr(9001) });
  const daemon = await startOicq({ port: await portOr(8888) });
  const yunhu = await startYunhu({ port: await portOr(9003) });
  const chat68 = await startChat68({ port: await portOr(9005) });
  const wschat = await startWschat({ port: await portOr(9004) });
  const sink = await startSink({ port: await portOr(9002), log: true });
  const persistTo = join(ROOT, ".wrangler", "demo-state");
  rmSync(persistTo, { recursive: true, force: true }); // every demo starts from scratch
  mkdirSync(persistTo, { recursive: true });
  console.log("starting the relay (wrangler dev)…");
  const relay: Relay = await startRelay({ port: await portOr(8787), token: TOKEN, persistTo });
  const stop = async () => {
    await relay.stop();
    await Promise.all([roomim.close(), daemon.close(), yunhu.close(), chat68.close(), wschat.close(), sink.close()]);
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));

  try {
    console.log(
      `relay ${relay.url} · simulators: roomim ${roomim.url}, oicq ${daemon.url}, yunhu ${yunhu.url}, chat68 ${chat68.url}, wschat ${wschat.url} · webhook sink ${sink.url}`,
    );
    console.log(`console ${relay.url}/console · token ${TOKEN} (open it now to watch the demo's traffic arrive live)`);
    const stage = { relay, sink };
    await playRoomim(stage, roomim);
    await playOicq(stage, daemon);
    await playYunhu(stage, yunhu);
    await playChat68(stage, chat68);
    await playWschat(stage, wschat);

    const delivered = [CONNECTION, QQ_CONNECTION, YUNHU_CONNECTION, CHAT68_CONNECTION, WSCHAT_CONNECTION].reduce((n, id) => n + sink.verified(id).length, 0);
    console.log(`\n✔ ${delivered} webhooks received, each verified with the standardwebhooks library.`);
    if (once) return;
    console.log(`
The relay keeps running. Watch it in the console: ${relay.url}/console (token: ${TOKEN})
Or try the API (Ctrl-C to stop):
  curl -s ${relay.url}/v1/connections -H 'authorization: Bearer ${TOKEN}'
  curl -s ${relay.url}/v1/connections/${CONNECTION}/events?limit=5 -H 'authorization: Bearer ${TOKEN}'
  curl -s ${relay.url}/v1/connections/${CONNECTION}/actions/message.create -H 'authorization: Bearer ${TOKEN}' \\
       -H 'content-type: application/json' -d '{"chat":{"type":"group","id":"${GROUP}"},"content":"hello"}'
  curl -s ${relay.url}/v1/connections/${QQ_CONNECTION}/actions/group.member.list -H 'authorization: Bearer ${TOKEN}' \\
       -H 'content-type: application/json' -d '{"group_id":"${QQ_GROUP}"}'
  curl -s -X POST ${roomim.httpUrl}/control/push/message -d '{"text":"hi from the simulator"}'
The roomim friend says something every ${CHATTER_MS / 1000} s, so the console always has something arriving.`);
    let n = 0;
    setInterval(() => roomim.message({ from: FRIEND, room: GROUP, text: `still here (${++n})` }), CHATTER_MS);
    await new Promise(() => {});
  } finally {
    if (once) await stop();
  }
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(100);
  }
  throw new Error("the demo connection did not come up");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
