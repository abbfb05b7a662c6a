/**
 * The bot author's tools under `wrangler dev`: the example echo bot (client + receiver
 * helper) answering through the roomim simulator, the `imrelay` CLI (every command, its
 * output and exit codes), and the live stream followed by 20 readers during a burst.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { echoBot, serveNode } from "../../examples/echo-bot.ts";
import { Event } from "../../src/events/payloads.ts";
import { benchStream, describeBench } from "../bench/stream.ts";
import { ROOT, startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Sink } from "../sim/sink.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const FORWARD_SECRET = "whsec_ZGV2LWZvcndhcmQtc2VjcmV0LWZvci10ZXN0cw==";
const GROUP = "1858689382414958593";
const BLOCKED = "1858415724765278299";
const BIN = join(ROOT, "bin/imrelay.js");

let relay: Relay;
let roomim: RoomimSim;
let sink: Sink;
let persistTo: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "imrelay-e2e-tools-"));
  roomim = await startRoomim();
  sink = await startSink();
  relay = await startRelay({ persistTo, vars: { ACTION_TIMEOUT_MS: "1500" } });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await relay?.stop();
  await roomim?.close();
  await sink?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

async function connect(id: string, webhookUrl: string): Promise<void> {
  const res = await relay.api(`/v1/connections/${id}`, {
    method: "PUT",
    body: { platform: "roomim", upstream: { url: `${roomim.url}ws?token=${id}` }, webhook: { url: webhookUrl, secret: SECRET } },
  });
  expect(res.status).toBe(201);
  await until(`${id} connected`, async () => (await relay.api(`/v1/connections/${id}`)).body.status.state === "connected");
}

interface Run {
  out: string[];
  err: string[];
  exit: Promise<number>;
  child: ChildProcess;
}

/** Starts `imrelay …` (bin/imrelay.js under this Node) against the relay. */
function start(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, IMRELAY_URL: relay.url, IMRELAY_TOKEN: relay.token, NO_COLOR: "1", ...env },
  });
  children.add(child);
  const run: Run = { out: [], err: [], child, exit: new Promise((resolve) => child.on("exit", (code) => (children.delete(child), resolve(code ?? -1)))) };
  const collect = (into: string[]) => {
    let partial = "";
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop()!;
      into.push(...lines);
    };
  };
  child.stdout!.on("data", collect(run.out));
  child.stderr!.on("data", collect(run.err));
  return run;
}

async function cli(args: string[], env?: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const run = start(args, env);
  const code = await run.exit;
  await new Promise((r) => setImmediate(r));
  return { code, out: run.out.join("\n"), err: run.err.join("\n") };
}

describe("the example echo bot", () => {
  it("answers a message through the client, after verifying the webhook with the receiver helper", async () => {
    const bot = await serveNode(echoBot({ relayUrl: relay.url, token: relay.token, secret: SECRET }));
    try {
      await connect("e2e-echo", `http://127.0.0.1:${bot.port}/hooks`);
      roomim.message({ text: "hello bot", room: GROUP });
      const reply = await until("the echo at the upstream", () => roomim.received.find((f) => f.text.includes('"msgText":"echo: hello bot"')), 20_000);
      expect(reply.text).toContain(`"room":${GROUP}`);
      // The bot answers before it acknowledges the webhook: the delivery settles after the echo.
      await until("the message's delivery settled", async () =>
        (await relay.api("/v1/connections/e2e-echo/deliveries?status=delivered")).body.deliveries.some((d: any) => d.type === "message.created"),
      );
      // A forged webhook is refused by the receiver helper.
      const forged = await fetch(`http://127.0.0.1:${bot.port}/hooks`, {
        method: "POST",
        body: "{}",
        headers: { "webhook-id": "x", "webhook-timestamp": "1", "webhook-signature": "v1,AAAA" },
      });
      expect(forged.status).toBe(401);
    } finally {
      await bot.close();
    }
  });
});

describe("the imrelay CLI", () => {
  beforeAll(async () => {
    sink.secret("e2e-cli", SECRET);
    await connect("e2e-cli", sink.hookUrl("e2e-cli"));
  });

  it("runs as npx imrelay from the repository", async () => {
    const run = spawn("npx", ["imrelay", "--help"], { cwd: ROOT, env: { ...process.env, IMRELAY_TOKEN: "x" } });
    let out = "";
    run.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => run.on("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain("imrelay listen <conn> --forward-to <url>");
  });

  it("lists connections with their state", async () => {
    const { code, out } = await cli(["connections"]);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toMatch(/^ID\s+PLATFORM\s+STATE/);
    expect(out).toMatch(/e2e-cli\s+roomim\s+connected/);
    const json = await cli(["connections", "--json"]);
    expect(JSON.parse(json.out).map((c: any) => c.id)).toContain("e2e-cli");
  });

  it("sends a message, and exits 1 with the problem when the upstream refuses", async () => {
    const sent = await cli(["send", "e2e-cli", "group", GROUP, "hello", "from", "the", "cli"]);
    expect(sent.code).toBe(0);
    expect(sent.out).toMatch(/^sent: message \d+$/);
    expect(roomim.received.some((f) => f.text.includes('"msgText":"hello from the cli"'))).toBe(true);
    roomim.block(BLOCKED);
    const refused = await cli(["send", "e2e-cli", "private", BLOCKED, "hi"]);
    roomim.unblock(BLOCKED);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("422 upstream_rejected");
    const invalid = await cli(["send", "e2e-cli", "group", "", "x"]);
    expect([invalid.code, invalid.err]).toEqual([2, expect.stringContaining("usage: imrelay send")]);
  });

  it("exits 2 on wrong usage and 3 when the relay cannot be reached", async () => {
    expect((await cli(["nonsense"])).code).toBe(2);
    expect((await cli(["connections"], { IMRELAY_TOKEN: "" })).code).toBe(2);
    expect((await cli(["tail", "e2e-cli", "--typo", "x"])).code).toBe(2);
    const down = await cli(["connections"], { IMRELAY_URL: "http://127.0.0.1:9" });
    expect(down.code).toBe(3);
    expect(down.err).toContain("cannot reach http://127.0.0.1:9");
    const wrongToken = await cli(["connections"], { IMRELAY_TOKEN: "wrong" });
    expect([wrongToken.code, wrongToken.err]).toEqual([1, expect.stringContaining("401 unauthorized")]);
    expect((await cli(["tail", "ghost"])).code).toBe(1);
  });

  it("requeues failed deliveries and sends the webhook test event", async () => {
    const retried = await cli(["retry", "e2e-cli"]);
    expect([retried.code, retried.out]).toEqual([0, "requeued 0 deliveries"]);
    const tested = await cli(["test", "e2e-cli", "--json"]);
    const { event_id } = JSON.parse(tested.out);
    await until("the webhook.test at the sink", () => sink.verified("e2e-cli").some((d) => d.id === event_id));
  });

  it("tails live events, one line each or as JSON that matches the Event schema", async () => {
    const lines = start(["tail", "e2e-cli", "--type", "message.*"]);
    const json = start(["tail", "e2e-cli", "--json"]);
    // Each tail starts from the relay's "now" before it says so: what is stored after that comes.
    await until("both tails started", () => [lines, json].every((run) => run.err.some((l) => l.startsWith("Tailing e2e-cli"))));
    roomim.message({ text: "tail me", room: GROUP });
    const line = await until("the tail line", () => lines.out.find((l) => l.includes("message.created")));
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}message\.created\s+room 1858689382414958593 from \d+: "tail me"$/);
    const raw = await until("the JSON line", () => json.out.find((l) => l.includes('"tail me"')));
    expect(Event.parse(JSON.parse(raw)).type).toBe("message.created");
    for (const run of [lines, json]) {
      run.child.kill("SIGINT");
      expect(await run.exit).toBe(0);
    }
  });

  it("listens and forwards each event to a local URL, signed with the secret it prints", async () => {
    sink.secret("cli-forward", FORWARD_SECRET);
    const run = start(["listen", "e2e-cli", "--forward-to", sink.hookUrl("cli-forward"), "--secret", FORWARD_SECRET]);
    await until("listening", () => run.err.some((l) => l.includes(FORWARD_SECRET)));
    roomim.message({ text: "forward me", room: GROUP });
    const forwarded = await until("the forwarded webhook, verified", () =>
      sink.verified("cli-forward").find((d) => (d.event as any)?.data?.message?.text === "forward me"),
    );
    expect(forwarded.headers["user-agent"]).toMatch(/^imrelay-cli\//);
    const line = await until("the forward's status line", () => run.out.find((l) => l.includes(forwarded.id!)));
    expect(line).toMatch(/message\.created\s+evt_\w+ {2}→ POST http:\/\/127\.0\.0\.1:\d+\/hooks\/cli-forward \[2\d\d/);
    run.child.kill("SIGINT");
    expect(await run.exit).toBe(0);
    expect(run.err.at(-1)).toMatch(/^Forwarded \d+, failed 0\.$/);
    // The relay's own webhook got the event as usual: listening changes no delivery.
    await until("the event at the connection's own webhook", () =>
      sink.verified("e2e-cli").some((d) => (d.event as any)?.data?.message?.text === "forward me"),
    );
  });

  it("generates a secret when none is given", async () => {
    const run = start(["listen", "e2e-cli", "--forward-to", "http://127.0.0.1:9/hooks"]);
    const line = await until("the secret", () => run.err.find((l) => l.startsWith("Signing secret")));
    expect(line).toMatch(/whsec_[A-Za-z0-9+/=]{40,}$/);
    run.child.kill("SIGINT");
    expect(await run.exit).toBe(0);
  });
});

describe("the live stream under load", () => {
  it("gives 20 readers every event of a 2,000-frame burst in order (ingest rates printed)", async () => {
    const result = await benchStream(relay, roomim, { frames: 2000, readers: 20 });
    console.log(describeBench(result));
    expect(result.followed.complete).toBe(20);
  }, 180_000);
});
