/**
 * `npm start`: the relay in wrangler dev, the roomim simulator and a verifying webhook sink,
 * a demo connection, and a short scripted conversation. Every webhook is printed as it
 * arrives, verified with the standardwebhooks library. The relay keeps running afterwards so
 * the API can be tried by hand (the commands are printed); Ctrl-C stops everything.
 *
 *   --once   play the conversation and exit (used by the tests)
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { freePort, ROOT, startRelay, type Relay } from "./relay.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Sink } from "../sim/sink.ts";

const TOKEN = "dev-token";
const SECRET = "whsec_ZGVtby1zZWNyZXQtZm9yLWltcmVsYXktbG9jYWwtZGV2";
const CONNECTION = "demo";
const FRIEND = "1860863094709035009";
const GROUP = "1858689382414958593";

const once = process.argv.includes("--once");
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

async function main(): Promise<void> {
  const roomim: RoomimSim = await startRoomim({ port: await portOr(9001) });
  const sink: Sink = await startSink({ port: await portOr(9002), log: true });
  sink.secret(CONNECTION, SECRET);
  const persistTo = join(ROOT, ".wrangler", "demo-state");
  rmSync(persistTo, { recursive: true, force: true }); // every demo starts from scratch
  mkdirSync(persistTo, { recursive: true });
  console.log("starting the relay (wrangler dev)…");
  const relay: Relay = await startRelay({ port: await portOr(8787), token: TOKEN, persistTo });
  const stop = async () => {
    await relay.stop();
    await roomim.close();
    await sink.close();
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));

  try {
    console.log(`relay ${relay.url} · roomim simulator ${roomim.url} · webhook sink ${sink.url}`);
    say(`PUT /v1/connections/${CONNECTION}: a roomim connection to the simulator, webhooks to the sink`);
    const put = await relay.api(`/v1/connections/${CONNECTION}`, {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: `${roomim.url}ws?token=demo` }, webhook: { url: sink.hookUrl(CONNECTION), secret: SECRET } },
    });
    if (put.status >= 300) throw new Error(`PUT failed: ${put.status} ${JSON.stringify(put.body)}`);
    await waitFor(async () => (await relay.api(`/v1/connections/${CONNECTION}`)).body.status.state === "connected");
    await sleep(300);

    say("a stranger asks to be friends, and the friendship room opens");
    roomim.friendRequest({ from: FRIEND });
    await sleep(200);
    roomim.roomInit({ from: FRIEND, room: "1860881053449904129" });
    await sleep(200);

    say("messages arrive: a group message mentioning the bot, and an image");
    roomim.message({ from: FRIEND, room: GROUP, text: "@bot what's the weather?", mentionedInfo: { type: 2, userIdList: [roomim.selfId], mentionedContent: "有人@你" } });
    roomim.images({ from: FRIEND, room: GROUP, text: "look" });
    await sleep(300);

    say("the bot answers through POST /v1/connections/demo/actions/message.create");
    const sent = await relay.api(`/v1/connections/${CONNECTION}/actions/message.create`, { body: { chat: { type: "group", id: GROUP }, content: "Sunny, 21 °C" } });
    console.log(`  ← ${sent.status} ${JSON.stringify(sent.body)}`);

    say("…and takes it back with message.delete");
    const deleted = await relay.api(`/v1/connections/${CONNECTION}/actions/message.delete`, { body: { chat: { type: "group", id: GROUP }, message_id: sent.body.message_id } });
    console.log(`  ← ${deleted.status} ${JSON.stringify(deleted.body)}`);

    say("another device of the account writes, reads and clears the room; the friend recalls a message");
    roomim.self({ room: GROUP, text: "sent from my phone" });
    roomim.read({ room: GROUP });
    roomim.cleared({ room: GROUP });
    roomim.revoked({ room: GROUP, from: FRIEND });
    await sleep(200);

    say("a frame nobody understands is kept as upstream.unknown, and the socket stays up");
    roomim.raw('{"msgType": 999, "response": 2, "room": 1858689382414958593}');
    await sleep(800);

    const delivered = sink.verified(CONNECTION).length;
    console.log(`\n✔ ${delivered} webhooks received, each verified with the standardwebhooks library.`);
    if (once) return;
    console.log(`
The relay keeps running. Try it (Ctrl-C to stop):
  curl -s ${relay.url}/v1/connections/${CONNECTION} -H 'authorization: Bearer ${TOKEN}'
  curl -s ${relay.url}/v1/connections/${CONNECTION}/events?limit=5 -H 'authorization: Bearer ${TOKEN}'
  curl -s ${relay.url}/v1/connections/${CONNECTION}/actions/message.create -H 'authorization: Bearer ${TOKEN}' \\
       -H 'content-type: application/json' -d '{"chat":{"type":"group","id":"${GROUP}"},"content":"hello"}'
  curl -s -X POST ${roomim.httpUrl}/control/push/message -d '{"text":"hi from the simulator"}'`);
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
