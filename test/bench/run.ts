/**
 * `npm run bench`: the relay against a passthrough baseline, in one run on one machine.
 *
 *   1. the bundle: built, measured, loaded under workerd
 *   2. the relay (`wrangler dev`) and the passthrough baseline (`wrangler dev`, test/bench/baseline),
 *      each fed 10,000 roomim messages at full speed, then 10,000 at 500/s, runs alternating
 *
 * Prints a table with the targets and writes test/bench/results.json. Options:
 *   --count N  --rate R  --concurrency C (DELIVERY_CONCURRENCY for both workers)
 *   --var NAME=VALUE (more worker vars, repeatable)  --only relay|baseline
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
import { startReceiver, type Receiver } from "./receiver.ts";
import { judge, render, type BenchResults } from "./report.ts";
import { runBaseline, runRelay, type RunLimits, type ScenarioResult } from "./scenarios.ts";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(cliOptions(argv, name)[0] ?? fallback);
const COUNT = option("count", 10_000);
const RATE = option("rate", 500);
const CONCURRENCY = option("concurrency", 4);
const ONLY = cliOptions(argv, "only")[0] ?? null;
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
  return `${f.received}/${f.sent} in ${(f.durationMs / 1000).toFixed(2)} s, ${f.eventsPerSecond.toFixed(0)}/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`;
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

  // Both workers stay up for the whole run and the runs alternate (relay, baseline, relay,
  // baseline), so each pair sees the same moment of a noisy machine.
  const relay: Relay | null =
    ONLY === "baseline"
      ? null
      : await step("start the relay (wrangler dev)", errors, async () => {
          const r = await startRelay({ persistTo: await tmp("imrelay-bench-"), vars, verbose: VERBOSE });
          cleanups.push(() => r.stop());
          return r;
        });
  const baseline: Relay | null =
    ONLY === "relay"
      ? null
      : await step("start the baseline (wrangler dev)", errors, async () => {
          const b = await startRelay({ config: "test/bench/baseline/wrangler.toml", persistTo: await tmp("imrelay-baseline-"), vars, verbose: VERBOSE });
          cleanups.push(() => b.stop());
          return b;
        });

  const relayRuns: BenchResults["relay"] = { full: null, paced: null };
  const baselineRuns: BenchResults["baseline"] = { full: null, paced: null };
  const modes = [
    { key: "full", label: "full speed", mode: { kind: "full" } },
    { key: "paced", label: `${RATE}/s`, mode: { kind: "paced", rate: RATE } },
  ] as const;
  for (const { key, label, mode } of modes) {
    if (relay) {
      relayRuns[key] = await step(`relay, ${label}`, errors, () =>
        runRelay({ relay, sim, sink, secret: SECRET, count: COUNT, id: key === "full" ? "bench" : "bench-paced", mode, limits: limits(key) }),
      );
      log(`  ${summary(relayRuns[key])}`);
    }
    if (baseline) {
      baselineRuns[key] = await step(`baseline, ${label}`, errors, () => runBaseline({ baseline, sim, receiver, count: COUNT, id: key, mode, limits: limits(key) }));
      log(`  ${summary(baselineRuns[key])}`);
    }
  }
  if (relay) {
    const problems = relay.output().split("\n").filter((l) => /error|exception|uncaught/i.test(l) && !/ENOTFOUND workers\.cloudflare\.com/.test(l));
    if (problems.length) errors.push(`the relay's wrangler dev printed ${problems.length} error lines, e.g. ${problems.slice(0, 3).join(" | ")}`);
  }
  await relay?.stop();
  await baseline?.stop();

  const partial = {
    at: new Date().toISOString(),
    machine: { cpus: availableParallelism(), node: process.version, platform: `${process.platform}-${process.arch}` },
    settings: { count: COUNT, rate: RATE, concurrency: CONCURRENCY, persistRoot: PERSIST_ROOT },
    relay: relayRuns,
    baseline: baselineRuns,
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
