/**
 * The two runs the relay is compared with besides the passthrough baseline: the bare-POST
 * floor (the baseline Worker's Poster: POSTs only) and the plain Node relay
 * (node-relay.ts, a child process). Both are measured like the relay: arrivals at a
 * receiver, and the CPU and RSS of the one process doing the work.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Relay } from "../harness/relay.ts";
import type { RoomimSim } from "../sim/roomim.ts";
import { DEFAULT_PEER, DEFAULT_ROOM } from "../sim/roomim.ts";
import { chatMessage, encode } from "../sim/roomim-frames.ts";
import type { Sink } from "../sim/sink.ts";
import { now, Recorder, seqOf } from "./measure.ts";
import type { Receiver } from "./receiver.ts";
import { fromSimulator, measure, recordArrivals, until, type Mode, type RunLimits, type ScenarioResult } from "./scenarios.ts";

/** The body the floor posts: a roomim message frame like those the baseline passes through. */
export const FLOOR_TEMPLATE = encode(
  chatMessage({
    msgType: 1,
    localId: "",
    msgText: "bench#{seq}#",
    room: DEFAULT_ROOM,
    payload: { mentionedInfo: null, extras: "" },
    response: 2,
    from: DEFAULT_PEER,
    msgId: "1858689625873399809",
    roomSeq: "1",
    timestamp: 1732000000000,
  }),
);

export interface FloorRun {
  baseline: Relay;
  receiver: Receiver;
  id: string;
  count: number;
  concurrency: number;
  mode: Mode;
  limits: RunLimits;
  pid: number | null;
}

/**
 * The Poster posts `count` bodies; each counts as sent when it is due (all at the start at
 * full speed, start + seq / rate when paced), so latency is the wait for a free post plus
 * the post itself.
 */
export async function runFloor(run: FloorRun): Promise<ScenarioResult> {
  const { baseline, receiver, id, count } = run;
  const notes: string[] = [];
  const recorder = new Recorder(count);
  receiver.onArrival((a) => recorder.arrived(seqOf(a.body), a.at));
  const rate = run.mode.kind === "paced" ? run.mode.rate : 0;
  try {
    const result = await measure(
      recorder,
      run.limits,
      async () => {
        const res = await baseline.api(`/floor/stats?id=${encodeURIComponent(id)}`);
        return res.status === 200 ? { ingested: count, delivered: res.body.posted as number } : null;
      },
      { pid: run.pid },
      async () => {
        const start = now();
        for (let seq = 0; seq < count; seq++) recorder.sent(seq, rate > 0 ? start + (seq * 1000) / rate : start);
        const res = await baseline.api("/floor/start", {
          body: { id, hook: receiver.url, count, concurrency: run.concurrency, rate, template: FLOOR_TEMPLATE },
        });
        if (res.status !== 200) throw new Error(`/floor/start: ${res.status} ${JSON.stringify(res.body)}`);
      },
    );
    const stats = (await baseline.api(`/floor/stats?id=${encodeURIComponent(id)}`)).body as { failed?: number };
    if (stats?.failed) notes.push(`${stats.failed} posts failed`);
    return { ...result, notes };
  } finally {
    receiver.onArrival(null);
  }
}

export interface NodeRelayRun {
  sim: RoomimSim;
  sink: Sink;
  secret: string;
  /** Connection id, also the sink's hook name. */
  id: string;
  count: number;
  concurrency: number;
  mode: Mode;
  limits: RunLimits;
  /** Where its SQLite file goes. */
  dir: string;
}

/** Starts the plain Node relay as its own process, measures it, and stops it. */
export async function runNodeRelay(run: NodeRelayRun): Promise<ScenarioResult> {
  const { sim, sink, id } = run;
  const notes: string[] = [];
  sink.secret(id, run.secret);
  const script = fileURLToPath(new URL("./node-relay.ts", import.meta.url).href);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      script,
      "--upstream",
      `${sim.url}node?token=${id}`,
      "--hook",
      sink.hookUrl(id),
      "--secret",
      run.secret,
      "--db",
      join(run.dir, `${id}.sqlite`),
      "--connection",
      id,
      "--concurrency",
      String(run.concurrency),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = once(child, "exit");
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`the Node relay exited (${code}) before it was up`)));
    });
    await until("the Node relay to be the only client of the simulator", () => sim.clients() === 1, 10_000);
    const recorder = new Recorder(run.count);
    const arrivals = recordArrivals(sink, id, recorder);
    try {
      const result = await measure(
        recorder,
        run.limits,
        async () => {
          const stats = (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { received: number; delivered: number };
          return { ingested: stats.received, delivered: stats.delivered };
        },
        { pid: child.pid ?? null },
        fromSimulator(sim, recorder, run.mode),
      );
      if (arrivals.unverified()) notes.push(`${arrivals.unverified()} deliveries failed verification or were refused`);
      return { ...result, notes };
    } finally {
      arrivals.unsubscribe();
    }
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
    await until("the simulator to have no clients", () => sim.clients() === 0, 10_000).catch(() => notes.push("a client stayed connected"));
  }
}
