/**
 * Where the relay's CPU goes, per event: a V8 CPU profile of the Worker's isolate, taken
 * through `wrangler dev`'s inspector (Chrome DevTools Protocol: Profiler.start/stop) while a
 * burst of roomim messages goes through one connection to the verifying sink.
 *
 *   node test/bench/profile.ts [--count 5000] [--rate R (default: full speed)] [--interval 200 (µs)]
 *                              [--top 30] [--out FILE.cpuprofile] [--var NAME=VALUE]
 *
 * Prints self time grouped by phase (socket receive, decode, JSON, SQLite, signing, fetch,
 * timers, …) in µs per event, the top functions by self time with their source location
 * (through wrangler's source map), and workerd's process CPU over the same window: what the
 * profile does not see (workerd's C++ outside JavaScript: sockets, HTTP, SQLite's own work
 * when not under a JS call, the event loop) is the difference. The .cpuprofile opens in
 * Chrome DevTools.
 */
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startRelay } from "../harness/relay.ts";
import { cliOptions } from "../sim/http.ts";
import { startRoomim } from "../sim/roomim.ts";
import { startSink } from "../sim/sink.ts";
import { Inspector, type CpuProfile, type CpuProfileNode } from "./inspector.ts";
import { now, Recorder } from "./measure.ts";
import { cpuMs, findWorkerd } from "./proc.ts";
import { closeConnection, fromSimulator, openConnection, recordArrivals, until } from "./scenarios.ts";

/** Phases, matched in order: the first that fits a frame's source file or function name. */
const PHASES: { phase: string; file?: RegExp; name?: RegExp }[] = [
  { phase: "closures named at runtime (esbuild keepNames)", name: /^__name$/ },
  { phase: "GC", name: /^\(garbage collector\)$/ },
  { phase: "idle", name: /^\(idle\)$/ },
  { phase: "runtime outside JS", name: /^\(program\)$/ },
  { phase: "signing", file: /src\/delivery\/sign\.ts|src\/lib\/bytes\.ts/, name: /^(sign|importKey|digest)$/ },
  { phase: "fetch", file: /src\/delivery\/attempt\.ts|src\/lib\/deadline\.ts/, name: /^(fetch|cancel|arrayBuffer|text)$/ },
  { phase: "SQLite", file: /src\/session\/store\.ts/, name: /^(exec|transactionSync|toArray|next|raw|one|setAlarm|getAlarm)$/ },
  { phase: "JSON", name: /^(parse|stringify|rawJSON)$/ },
  { phase: "decode", file: /src\/platforms\/|src\/lib\/json\.ts|src\/lib\/values\.ts|src\/lib\/ulid\.ts|src\/events\// },
  { phase: "timers", file: /node-internal:internal_timers/, name: /^(setTimeout|clearTimeout|setInterval|clearInterval)$/ },
  { phase: "delivery bookkeeping", file: /src\/session\/(pump|outcomes)\.ts|src\/delivery\// },
  { phase: "socket receive", file: /src\/session\/(link|dial)\.ts/, name: /^(onFrame)$/ },
  { phase: "ingest (event, JSON, grouping)", file: /src\/session\/(ingest|batch)\.ts/, name: /^(ingest)$/ },
  { phase: "delivery bookkeeping", name: /^(deliver|deliverOne|record|rearm|alarm)$/ },
  { phase: "session (other)", file: /src\/session\// },
  { phase: "API (the harness's polling)", file: /src\/api\/|node_modules\/(hono|zod)\// },
];

interface Located {
  file: string;
  line: number;
}

/** Maps bundled positions back to sources with the bundle's source map (when there is one). */
class Locator {
  private readonly maps = new Map<string, SourceMap | null>();

  async load(url: string): Promise<void> {
    if (this.maps.has(url) || !url.startsWith("file://")) return;
    let map: SourceMap | null = null;
    try {
      const path = fileURLToPath(url);
      const code = await readFile(path, "utf8");
      const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
      if (ref && !ref.startsWith("data:")) map = new SourceMap(JSON.parse(await readFile(join(path, "..", ref), "utf8")));
    } catch (error) {
      console.error(`no source map for ${url}: ${error instanceof Error ? error.message : String(error)}`);
      map = null;
    }
    this.maps.set(url, map);
  }

  locate(frame: CpuProfileNode["callFrame"]): Located {
    const map = this.maps.get(frame.url);
    if (map) {
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
      if (entry.originalSource) return { file: entry.originalSource.replace(/^.*?\/(src|node_modules)\//, "$1/"), line: (entry.originalLine ?? 0) + 1 };
    }
    return { file: frame.url.replace(/^file:\/\/.*\//, ""), line: frame.lineNumber + 1 };
  }
}

export interface PhaseFigures {
  phase: string;
  selfMs: number;
  usPerEvent: number;
}

export interface ProfileSummary {
  events: number;
  profiledMs: number;
  /** JS and runtime samples, idle excluded. */
  busyMs: number;
  phases: PhaseFigures[];
  top: { name: string; where: string; phase: string; selfMs: number; usPerEvent: number }[];
}

function phaseOf(name: string, file: string): string | null {
  for (const p of PHASES) if ((p.name && p.name.test(name)) || (p.file && file && p.file.test(file))) return p.phase;
  return null;
}

/** Self time per node from the samples, grouped by phase; native frames take their caller's phase. */
export async function summarise(
  profile: CpuProfile,
  events: number,
  topN: number,
  scripts: ReadonlyMap<string, { url: string }> = new Map(),
): Promise<ProfileSummary> {
  // Frames name their script by a short url ("index.js"); the parsed scripts give the full one.
  for (const n of profile.nodes) n.callFrame.url = scripts.get(n.callFrame.scriptId)?.url ?? n.callFrame.url;
  const locator = new Locator();
  for (const url of new Set(profile.nodes.map((n) => n.callFrame.url))) await locator.load(url);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next sample.
  for (let i = 0; i < samples.length; i++) self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0) / 1000);

  const phaseCache = new Map<number, string>();
  const phaseOfNode = (id: number): string => {
    const cached = phaseCache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const where = node.callFrame.url ? locator.locate(node.callFrame).file : "";
    const up = parent.get(id);
    const phase =
      phaseOf(node.callFrame.functionName, where) ?? (up !== undefined && byId.get(up)!.callFrame.functionName !== "(root)" ? phaseOfNode(up) : "other");
    phaseCache.set(id, phase);
    return phase;
  };

  const phases = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; phase: string; selfMs: number }>();
  let busy = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const phase = phaseOfNode(id);
    phases.set(phase, (phases.get(phase) ?? 0) + ms);
    if (phase !== "idle") busy += ms;
    const located = node.callFrame.url ? locator.locate(node.callFrame) : null;
    const where = located ? `${located.file}:${located.line}` : "(native)";
    const name = node.callFrame.functionName || "(anonymous)";
    const key = `${name} ${where} ${phase}`;
    const f = functions.get(key) ?? { name, where, phase, selfMs: 0 };
    f.selfMs += ms;
    functions.set(key, f);
  }
  const perEvent = (ms: number) => (events > 0 ? (ms * 1000) / events : 0);
  return {
    events,
    profiledMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy,
    phases: [...phases].map(([phase, selfMs]) => ({ phase, selfMs, usPerEvent: perEvent(selfMs) })).sort((a, b) => b.selfMs - a.selfMs),
    top: [...functions.values()]
      .filter((f) => f.phase !== "idle")
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, topN)
      .map((f) => ({ ...f, usPerEvent: perEvent(f.selfMs) })),
  };
}

/**
 * On a loaded machine the sampled (busy) time is wall time with the thread on a stack, not
 * CPU: each phase's share of the busy samples is applied to workerd's measured CPU as well.
 */
export function renderSummary(s: ProfileSummary, workerdCpuMs: number | null): string {
  const cpuPerEvent = workerdCpuMs === null ? null : (workerdCpuMs * 1000) / s.events;
  const share = (ms: number) => (s.busyMs > 0 ? ms / s.busyMs : 0);
  const scaled = (ms: number) => (cpuPerEvent === null ? "—" : (share(ms) * cpuPerEvent).toFixed(1));
  const lines = [
    `${s.events} events; profile ${s.profiledMs.toFixed(0)} ms, of which busy (not idle) ${s.busyMs.toFixed(0)} ms = ${((s.busyMs * 1000) / s.events).toFixed(0)} µs/event` +
      (cpuPerEvent === null ? "" : `; workerd process CPU ${workerdCpuMs!.toFixed(0)} ms = ${cpuPerEvent.toFixed(0)} µs/event`),
    "",
    "phase                              self ms   share   µs/event (sampled)   µs/event (share of workerd CPU)",
    ...s.phases
      .filter((p) => p.phase !== "idle")
      .map(
        (p) =>
          `${p.phase.padEnd(32)} ${p.selfMs.toFixed(1).padStart(9)} ${`${(share(p.selfMs) * 100).toFixed(1)}%`.padStart(7)} ${p.usPerEvent.toFixed(1).padStart(20)} ${scaled(p.selfMs).padStart(34)}`,
      ),
    "",
    "top functions by self time           share  phase                 where",
    ...s.top.map((f) => `${f.name.slice(0, 34).padEnd(34)} ${`${(share(f.selfMs) * 100).toFixed(1)}%`.padStart(7)}  ${f.phase.padEnd(20)}  ${f.where}`),
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: number) => Number(cliOptions(argv, name)[0] ?? fallback);
  const count = option("count", 5_000);
  const rate = cliOptions(argv, "rate")[0];
  const interval = option("interval", 200);
  const vars: Record<string, string> = { DELIVERY_CONCURRENCY: "4" };
  for (const pair of cliOptions(argv, "var")) {
    const eq = pair.indexOf("=");
    if (eq > 0) vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const dir = await mkdtemp(join(tmpdir(), "imrelay-profile-"));
  const out = cliOptions(argv, "out")[0] ?? join(tmpdir(), `imrelay-${Date.now()}.cpuprofile`);
  const sim = await startRoomim();
  const sink = await startSink();
  const relay = await startRelay({ persistTo: dir, vars });
  let inspector: Inspector | null = null;
  try {
    const workerd = findWorkerd(Number(new URL(relay.url).port));
    if (!workerd.inspectorPort) throw new Error("wrangler dev has no inspector port");
    inspector = await Inspector.open(workerd.inspectorPort);
    const id = "profile";
    const notes: string[] = [];
    await openConnection(relay, sim, sink, id, secret);
    await until("one client", () => sim.clients() === 1, 10_000);
    const recorder = new Recorder(count);
    const arrivals = recordArrivals(sink, id, recorder);
    await inspector.startProfile(interval);
    const cpuBefore = cpuMs(workerd.pid);
    await fromSimulator(sim, recorder, rate ? { kind: "paced", rate: Number(rate) } : { kind: "full" })();
    await recorder.settle(15_000, now() + 120_000);
    const cpuAfter = cpuMs(workerd.pid);
    const profile = await inspector.stopProfile();
    arrivals.unsubscribe();
    await writeFile(out, JSON.stringify(profile));
    const figures = recorder.figures();
    const summary = await summarise(profile, figures.received, option("top", 30), inspector.scripts);
    console.log(
      `${figures.received}/${count} arrived, ${figures.eventsPerSecond.toFixed(0)}/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms (profiling slows it)`,
    );
    console.log(renderSummary(summary, cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null));
    console.log(`\nprofile written to ${out} (open it in Chrome DevTools, Performance panel)`);
    await closeConnection(relay, id, notes);
    for (const n of notes) console.log(n);
  } finally {
    inspector?.close();
    await relay.stop();
    await sink.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
