/**
 * `npm run bench`: the relay against what it is made of, in one run on one machine.
 *
 *   1. the bundle: built, measured, loaded under workerd
 *   2. four subjects, each fed the same 10,000 numbered roomim messages at full speed, then
 *      10,000 at 500/s, one after the other so each mode sees the same moment of a noisy
 *      machine: the bare-POST floor (a Durable Object that only POSTs), the passthrough
 *      baseline (socket in, POST out), the relay (`wrangler dev`) and a plain Node relay
 *      (node-relay.ts) — each with the CPU and RSS of the process doing the work
 *   3. 20 connections × 25 messages/s in the one relay
 *   4. batched delivery: against the fast sink at full speed, and against a receiver that
 *      takes 50 ms per request (6 in flight) one event per POST and batched
 *
 * Prints a table with the targets and writes test/bench/results.json. Options:
 *   --count N  --rate R  --concurrency C (DELIVERY_CONCURRENCY for the workers and the Node relay)
 *   --connections N --connection-rate R --connection-count N (step 3)  --slow-count N (one per POST, step 4)
 *   --var NAME=VALUE (more relay vars, repeatable)  --only floor,baseline,relay,node,many,batched,slow
 *   --persist-root DIR (default the OS temp dir)  --verbose (wrangler's output)
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startRelay, type Relay } from "../harness/relay.ts";
import { cliOptions } from "../sim/http.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Sink } from "../sim/sink.ts";
import { measureBundle } from "./bundle.ts";
import { runFloor, runNodeRelay } from "./comparisons.ts";
import { Inspector } from "./inspector.ts";
import { runMany, type ManyResult } from "./many.ts";
import { findWorkerd, type WorkerdProcess } from "./proc.ts";
import { startReceiver, type Receiver } from "./receiver.ts";
import { judge, render, type BenchResults, type RunName } from "./report.ts";
import { runBaseline, runRelay, type Mode, type RunLimits, type ScenarioResult } from "./scenarios.ts";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(cliOptions(argv, name)[0] ?? fallback);
const COUNT = option("count", 10_000);
const RATE = option("rate", 500);
const CONCURRENCY = option("concurrency", 4);
const MANY = { connections: option("connections", 20), rate: option("connection-rate", 25), count: option("connection-count", 500) };
const SLOW_COUNT = option("slow-count", 1_200);
/** Batching as the bench configures it: up to 100 events per POST, gathered for up to 20 ms. */
const BATCH = { max_events: 100, max_wait_ms: 20 };
/** The slow receiver: 50 ms per request; the relay may hold 6 requests at once, as in production. */
const SLOW = { delayMs: 50, concurrency: 6 };
const ONLY = new Set((cliOptions(argv, "only")[0] ?? "floor,baseline,relay,node,many,batched,slow").split(","));
const VERBOSE = argv.includes("--verbose");
/** Where the workers' local storage lives (default the OS temp dir). */
const PERSIST_ROOT = cliOptions(argv, "persist-root")[0] ?? tmpdir();
/** A fixed Standard Webhooks secret, registered in the sink under each connection id. */
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const RESULTS = fileURLToPath(new URL("./results.json", import.meta.url).href);

const limits = (mode: "full" | "paced"): RunLimits => ({
  idleMs: 15_000,
  drainMs: mode === "full" ? 90_000 : 45_000,
  sampleMs: 250,
});

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

// Everything started is stopped here, in reverse order, whatever happens.
const cleanups: (() => Promise<unknown>)[] = [];
async function cleanup(): Promise<void> {
  while (cleanups.length) await cleanups.pop()!().catch((e: unknown) => log(`cleanup: ${String(e)}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function tmp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(PERSIST_ROOT, prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs one step, keeping its error for the report instead of aborting the benchmark. */
async function step<T>(name: string, errors: string[], fn: () => Promise<T>): Promise<T | null> {
  log(`${name}…`);
  try {
    const value = await fn();
    log(`${name}: done`);
    return value;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    errors.push(`${name}: ${text.slice(0, 1500)}`);
    log(`${name}: FAILED ${text.slice(0, 300)}`);
    return null;
  }
}

function summary(s: ScenarioResult | null): string {
  if (!s) return "failed";
  const f = s.figures;
  const cpu = s.cpuPerEventMs === null ? "" : `, CPU ${s.cpuPerEventMs.toFixed(3)} ms/event, RSS ${s.process?.rssPeakMiB.toFixed(0)} MiB`;
  return `${f.received}/${f.sent} in ${(f.durationMs / 1000).toFixed(2)} s, ${f.eventsPerSecond.toFixed(0)}/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms${cpu}`;
}

/** A wrangler dev with the process measured and, for the relay, its inspector attached. */
interface Worker {
  relay: Relay;
  workerd: WorkerdProcess;
  inspector: Inspector | null;
}

async function startWorker(
  name: string,
  errors: string[],
  options: { config?: string; vars: Record<string, string>; inspect: boolean },
): Promise<Worker | null> {
  return step(`start ${name} (wrangler dev)`, errors, async () => {
    const relay = await startRelay({ config: options.config, persistTo: await tmp(`imrelay-${name}-`), vars: options.vars, verbose: VERBOSE });
    cleanups.push(() => relay.stop());
    const workerd = findWorkerd(Number(new URL(relay.url).port));
    const inspector = options.inspect && workerd.inspectorPort ? await Inspector.open(workerd.inspectorPort) : null;
    if (inspector) cleanups.push(async () => inspector.close());
    return { relay, workerd, inspector };
  });
}

function errorLines(relay: Relay): string[] {
  return relay
    .output()
    .split("\n")
    .filter((l) => /error|exception|uncaught/i.test(l) && !/ENOTFOUND workers\.cloudflare\.com/.test(l));
}

async function main(): Promise<void> {
  const began = Date.now();
  const errors: string[] = [];
  const vars: Record<string, string> = { DELIVERY_CONCURRENCY: String(CONCURRENCY) };
  for (const pair of cliOptions(argv, "var")) {
    const eq = pair.indexOf("=");
    if (eq > 0) vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }

  const bundle = await step("bundle", errors, measureBundle);

  const sim: RoomimSim = await startRoomim();
  cleanups.push(() => sim.close());
  const sink: Sink = await startSink();
  cleanups.push(() => sink.close());
  const receiver: Receiver = await startReceiver({ secret: SECRET });
  cleanups.push(() => receiver.close());

  const wantRelay = ["relay", "many", "batched"].some((s) => ONLY.has(s));
  const wantBaseline = ONLY.has("floor") || ONLY.has("baseline");
  // Both workers stay up for the whole comparison, so each subject sees the same machine.
  const [relay, baseline] = await Promise.all([
    wantRelay ? startWorker("relay", errors, { vars, inspect: true }) : null,
    wantBaseline ? startWorker("baseline", errors, { config: "test/bench/baseline/wrangler.toml", vars, inspect: false }) : null,
  ]);
  const nodeDir = await tmp("imrelay-node-");

  const runs: Partial<Record<RunName, ScenarioResult | null>> = {};
  const record = async (name: RunName, fn: () => Promise<ScenarioResult>) => {
    runs[name] = await step(name, errors, fn);
    log(`  ${summary(runs[name] ?? null)}`);
  };
  const modes: { key: "full" | "paced"; mode: Mode }[] = [
    { key: "full", mode: { kind: "full" } },
    { key: "paced", mode: { kind: "paced", rate: RATE } },
  ];
  for (const { key, mode } of modes) {
    const base = { count: COUNT, mode, limits: limits(key) };
    if (baseline && ONLY.has("floor")) {
      await record(`floor ${key}`, () =>
        runFloor({ ...base, baseline: baseline.relay, receiver, id: key, concurrency: CONCURRENCY, pid: baseline.workerd.pid }),
      );
    }
    if (baseline && ONLY.has("baseline")) {
      await record(`baseline ${key}`, () => runBaseline({ ...base, baseline: baseline.relay, sim, receiver, id: key, watch: { pid: baseline.workerd.pid } }));
    }
    if (relay && ONLY.has("relay")) {
      // The heap is watched during the burst (full speed), where it is largest.
      const watch = { pid: relay.workerd.pid, inspector: key === "full" ? relay.inspector : null };
      await record(`relay ${key}`, () => runRelay({ ...base, relay: relay.relay, sim, sink, secret: SECRET, id: `bench-${key}`, watch }));
    }
    if (ONLY.has("node")) {
      await record(`node ${key}`, () => runNodeRelay({ ...base, sim, sink, secret: SECRET, id: `node-${key}`, concurrency: CONCURRENCY, dir: nodeDir }));
    }
  }
  if (baseline) await baseline.relay.stop();

  let many: ManyResult | null = null;
  if (relay && ONLY.has("many")) {
    many = await step(`${MANY.connections} connections × ${MANY.rate}/s`, errors, () =>
      runMany({ relay: relay.relay, sim, sink, secret: SECRET, ...MANY, limits: limits("paced"), pid: relay.workerd.pid }),
    );
  }
  if (relay && ONLY.has("batched")) {
    await record("batched full", () =>
      runRelay({
        relay: relay.relay,
        sim,
        sink,
        secret: SECRET,
        id: "batched-full",
        count: COUNT,
        mode: { kind: "full" },
        limits: limits("full"),
        watch: { pid: relay.workerd.pid },
        webhook: { batch: BATCH },
      }),
    );
  }
  const problems = relay ? errorLines(relay.relay) : [];
  await relay?.relay.stop();

  if (ONLY.has("slow")) {
    // Production caps a Durable Object at 6 outgoing connections: the relay runs with 6 here.
    const slow = await startWorker("relay-6", errors, { vars: { ...vars, DELIVERY_CONCURRENCY: String(SLOW.concurrency) }, inspect: false });
    if (slow) {
      const slowRun = (name: RunName, id: string, count: number, webhook: Record<string, unknown>) =>
        record(name, () => {
          sink.respond(
            id,
            Array.from({ length: count }, () => ({ status: 204, delayMs: SLOW.delayMs })),
          );
          return runRelay({
            relay: slow.relay,
            sim,
            sink,
            secret: SECRET,
            id,
            count,
            mode: { kind: "full" },
            limits: limits("full"),
            watch: { pid: slow.workerd.pid },
            webhook,
          });
        });
      await slowRun("slow single", "slow-single", SLOW_COUNT, {});
      await slowRun("slow batched", "slow-batched", COUNT, { batch: BATCH });
      problems.push(...errorLines(slow.relay));
      await slow.relay.stop();
    }
  }
  if (problems.length) errors.push(`the relay's wrangler dev printed ${problems.length} error lines, e.g. ${problems.slice(0, 3).join(" | ")}`);

  const partial = {
    at: new Date().toISOString(),
    machine: { cpus: availableParallelism(), node: process.version, platform: `${process.platform}-${process.arch}` },
    settings: { count: COUNT, rate: RATE, concurrency: CONCURRENCY, persistRoot: PERSIST_ROOT, slowCount: SLOW_COUNT, many: MANY },
    runs,
    many,
    bundle,
    errors,
    durationS: (Date.now() - began) / 1000,
  };
  const results: BenchResults = { ...partial, ...judge(partial) };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(render(results));
  console.log(`\nresults written to ${RESULTS}`);
  if (errors.length) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
