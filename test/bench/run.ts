/**
 * `npm run bench`: the relay against a passthrough baseline, in one run on one machine.
 *
 *   1. the bundle: built, measured, loaded under workerd
 *   2. the relay (`wrangler dev`): 10,000 roomim messages at full speed, then at 500/s
 *   3. the baseline (`wrangler dev`, test/bench/baseline): the same two runs
 *
 * Prints a table with the targets and writes test/bench/results.json. Options:
 *   --count N  --rate R  --concurrency C (DELIVERY_CONCURRENCY for both workers)
 *   --only relay|baseline  --verbose (wrangler's output)
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
  const dir = await mkdtemp(join(tmpdir(), prefix));
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
  const vars = { DELIVERY_CONCURRENCY: String(CONCURRENCY) };

  const bundle = await step("bundle", errors, measureBundle);

  const sim: RoomimSim = await startRoomim();
  cleanups.push(() => sim.close());
  const sink: Sink = await startSink();
  cleanups.push(() => sink.close());
  const receiver: Receiver = await startReceiver({ secret: SECRET });
  cleanups.push(() => receiver.close());

  const relayRuns: BenchResults["relay"] = { full: null, paced: null };
  if (ONLY !== "baseline") {
    const relay: Relay | null = await step("start the relay (wrangler dev)", errors, async () =>
      startRelay({ persistTo: await tmp("imrelay-bench-"), vars, verbose: VERBOSE }),
    );
    if (relay) {
      cleanups.push(() => relay.stop());
      const common = { relay, sim, sink, secret: SECRET, count: COUNT };
      relayRuns.full = await step("relay, full speed", errors, () => runRelay({ ...common, id: "bench", mode: { kind: "full" }, limits: limits("full") }));
      log(`  ${summary(relayRuns.full)}`);
      relayRuns.paced = await step(`relay, ${RATE}/s`, errors, () =>
        runRelay({ ...common, id: "bench-paced", mode: { kind: "paced", rate: RATE }, limits: limits("paced") }),
      );
      log(`  ${summary(relayRuns.paced)}`);
      const problems = relay.output().split("\n").filter((l) => /error|exception|uncaught/i.test(l) && !/ENOTFOUND workers\.cloudflare\.com/.test(l));
      if (problems.length) errors.push(`relay's wrangler dev reported ${problems.length} error lines, e.g. ${problems.slice(0, 3).join(" | ")}`);
      await relay.stop();
    }
  }

  const baselineRuns: BenchResults["baseline"] = { full: null, paced: null };
  if (ONLY !== "relay") {
    const baseline: Relay | null = await step("start the baseline (wrangler dev)", errors, async () =>
      startRelay({ config: "test/bench/baseline/wrangler.toml", persistTo: await tmp("imrelay-baseline-"), vars, verbose: VERBOSE }),
    );
    if (baseline) {
      cleanups.push(() => baseline.stop());
      const common = { baseline, sim, receiver, count: COUNT };
      baselineRuns.full = await step("baseline, full speed", errors, () => runBaseline({ ...common, id: "full", mode: { kind: "full" }, limits: limits("full") }));
      log(`  ${summary(baselineRuns.full)}`);
      baselineRuns.paced = await step(`baseline, ${RATE}/s`, errors, () =>
        runBaseline({ ...common, id: "paced", mode: { kind: "paced", rate: RATE }, limits: limits("paced") }),
      );
      log(`  ${summary(baselineRuns.paced)}`);
      await baseline.stop();
    }
  }

  const partial = {
    at: new Date().toISOString(),
    machine: { cpus: availableParallelism(), node: process.version, platform: `${process.platform}-${process.arch}` },
    settings: { count: COUNT, rate: RATE, concurrency: CONCURRENCY },
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
