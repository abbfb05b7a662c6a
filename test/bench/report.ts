/**
 * The benchmark's verdict: the figures beside their targets (PASS/MISS), as a text table
 * and as the JSON written to results.json.
 */
import type { BundleFigures } from "./bundle.ts";
import type { ManyResult } from "./many.ts";
import type { ScenarioResult } from "./scenarios.ts";

export const TARGETS = {
  /** relay events/s ÷ baseline events/s, both at full speed. */
  throughputRatio: 0.8,
  /** Events per second on one connection at full speed. */
  eventsPerSecond: 3000,
  /** relay CPU per event ÷ the bare-POST floor's, same mode, same run. */
  cpuOverFloor: 1.3,
  /** p99 send → verified arrival at the paced rate, ms. */
  pacedP99Ms: 25,
  /** A run keeps up when everything arrives at ≥ this share of the rate it was sent at. */
  keepUp: 0.95,
  /** The isolate's JS heap during the full-speed burst, MiB. */
  heapMiB: 32,
  /** One event per POST against a receiver taking 50 ms, 6 in flight: at most 6 ÷ 0.05 s. */
  slowSingleMax: 120,
  /** Batched against the same receiver. */
  slowBatchedMin: 2000,
  /** Batched events/s ÷ the Node relay's, fast sink, full speed. */
  batchedOverNode: 1.5,
  /** The deployable bundle, gzipped. */
  bundleGzipKiB: 250,
};

/** The runs, by name: "<subject> <mode>". */
export const RUN_NAMES = [
  "floor full",
  "baseline full",
  "relay full",
  "node full",
  "floor paced",
  "baseline paced",
  "relay paced",
  "node paced",
  "batched full",
  "slow single",
  "slow batched",
] as const;
export type RunName = (typeof RUN_NAMES)[number];

export interface BenchResults {
  at: string;
  machine: { cpus: number; node: string; platform: string };
  settings: {
    count: number;
    rate: number;
    concurrency: number;
    persistRoot: string;
    slowCount: number;
    many: { connections: number; rate: number; count: number };
  };
  runs: Partial<Record<RunName, ScenarioResult | null>>;
  many: ManyResult | null;
  bundle: BundleFigures | null;
  ratios: Record<string, number | null>;
  verdicts: { name: string; value: number | null; target: string; pass: boolean | null }[];
  errors: string[];
  durationS: number;
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? null : a / b;

/** Whether a run delivered everything at (nearly) the rate it was sent. */
function keptUp(f: { missing: number; eventsPerSecond: number; sendRate: number } | undefined): number | null {
  if (!f) return null;
  return f.missing > 0 ? 0 : Math.min(1, f.eventsPerSecond / f.sendRate);
}

export function judge(r: Omit<BenchResults, "ratios" | "verdicts">): Pick<BenchResults, "ratios" | "verdicts"> {
  const run = (name: RunName) => r.runs[name] ?? null;
  const eps = (name: RunName) => run(name)?.figures.eventsPerSecond;
  const cpu = (name: RunName) => run(name)?.cpuPerEventMs;
  const ratios = {
    "relay/floor CPU per event, full speed": ratio(cpu("relay full"), cpu("floor full")),
    [`relay/floor CPU per event, ${r.settings.rate}/s`]: ratio(cpu("relay paced"), cpu("floor paced")),
    "relay/baseline events/s, full speed": ratio(eps("relay full"), eps("baseline full")),
    "relay/Node relay events/s, full speed": ratio(eps("relay full"), eps("node full")),
    "relay/Node relay CPU per event, full speed": ratio(cpu("relay full"), cpu("node full")),
    [`relay/Node relay CPU per event, ${r.settings.rate}/s`]: ratio(cpu("relay paced"), cpu("node paced")),
    "batched/Node relay events/s, full speed": ratio(eps("batched full"), eps("node full")),
    "batched/Node relay CPU per event, full speed": ratio(cpu("batched full"), cpu("node full")),
  };
  const verdict = (name: string, value: number | null | undefined, target: string, pass: (v: number) => boolean) => ({
    name,
    value: value ?? null,
    target,
    pass: value === null || value === undefined || !Number.isFinite(value) ? null : pass(value),
  });
  const missing = (name: RunName) => run(name)?.figures.missing ?? null;
  const many = r.many;
  const manyKeptUp = many ? Math.min(...many.figures.map((f) => keptUp(f) ?? 0)) : null;
  const slowBatched = run("slow batched")?.figures;
  return {
    ratios,
    verdicts: [
      verdict(
        "relay/floor CPU per event, full speed",
        ratios["relay/floor CPU per event, full speed"],
        `≤ ${TARGETS.cpuOverFloor}`,
        (v) => v <= TARGETS.cpuOverFloor,
      ),
      verdict(
        `relay/floor CPU per event, ${r.settings.rate}/s`,
        ratios[`relay/floor CPU per event, ${r.settings.rate}/s`],
        `≤ ${TARGETS.cpuOverFloor}`,
        (v) => v <= TARGETS.cpuOverFloor,
      ),
      verdict(`relay p99 ms at ${r.settings.rate}/s`, run("relay paced")?.figures.p99, `≤ ${TARGETS.pacedP99Ms}`, (v) => v <= TARGETS.pacedP99Ms),
      verdict(
        `relay keeps up at ${r.settings.rate}/s (delivered/sent rate, 0 if any missing)`,
        keptUp(run("relay paced")?.figures),
        `≥ ${TARGETS.keepUp}`,
        (v) => v >= TARGETS.keepUp,
      ),
      verdict(`JS heap peak MiB, ${r.settings.count}-frame burst`, run("relay full")?.heap?.peakMiB, `≤ ${TARGETS.heapMiB}`, (v) => v <= TARGETS.heapMiB),
      verdict(
        many ? `${many.connections} connections × ${many.rate}/s: worst connection kept up` : "many connections: worst connection kept up",
        manyKeptUp,
        `≥ ${TARGETS.keepUp}`,
        (v) => v >= TARGETS.keepUp,
      ),
      verdict(
        "relay/baseline events/s (full speed)",
        ratios["relay/baseline events/s, full speed"],
        `≥ ${TARGETS.throughputRatio}`,
        (v) => v >= TARGETS.throughputRatio,
      ),
      verdict("relay events/s on one connection", eps("relay full"), `≥ ${TARGETS.eventsPerSecond}`, (v) => v >= TARGETS.eventsPerSecond),
      verdict("one event per POST, 50 ms receiver, 6 in flight: events/s", eps("slow single"), `≤ ${TARGETS.slowSingleMax}`, (v) => v <= TARGETS.slowSingleMax),
      verdict(
        "batched, 50 ms receiver, 6 in flight: events/s",
        slowBatched ? (slowBatched.missing > 0 ? 0 : slowBatched.eventsPerSecond) : null,
        `≥ ${TARGETS.slowBatchedMin}, none missing`,
        (v) => v >= TARGETS.slowBatchedMin,
      ),
      verdict(
        "batched/Node relay events/s (fast sink, full speed)",
        ratios["batched/Node relay events/s, full speed"],
        `≥ ${TARGETS.batchedOverNode}`,
        (v) => v >= TARGETS.batchedOverNode,
      ),
      verdict("batched/Node relay CPU per event (full speed)", ratios["batched/Node relay CPU per event, full speed"], "≤ 1", (v) => v <= 1),
      verdict("bundle KiB gzipped", r.bundle?.gzipKiB, `≤ ${TARGETS.bundleGzipKiB}`, (v) => v <= TARGETS.bundleGzipKiB),
      verdict("bundle loads under workerd (/healthz)", r.bundle?.healthz, "200", (v) => v === 200),
      verdict(
        "relay events missing (all relay runs)",
        sumOrNull(missing("relay full"), missing("relay paced"), missing("batched full"), missing("slow batched")),
        "0",
        (v) => v === 0,
      ),
    ],
  };
}

function sumOrNull(...values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, v) => a + v, 0);
}

const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "—" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

const LABELS: Record<RunName, string> = {
  "floor full": "bare-POST floor, full speed",
  "baseline full": "passthrough baseline, full speed",
  "relay full": "relay, full speed",
  "node full": "Node relay, full speed",
  "floor paced": "bare-POST floor, {rate}/s",
  "baseline paced": "passthrough baseline, {rate}/s",
  "relay paced": "relay, {rate}/s",
  "node paced": "Node relay, {rate}/s",
  "batched full": "relay batched, full speed",
  "slow single": "relay, 50 ms receiver, one per POST",
  "slow batched": "relay batched, 50 ms receiver",
};

export function render(r: BenchResults): string {
  const out: string[] = [];
  const runs = RUN_NAMES.filter((name) => name in r.runs).map(
    (name) => [LABELS[name].replace("{rate}", String(r.settings.rate)), r.runs[name] ?? null] as const,
  );
  const floorOf = (name: string) => r.runs[(name.endsWith("full") ? "floor full" : "floor paced") as RunName]?.cpuPerEventMs;
  out.push(
    `imrelay benchmark — ${r.settings.count.toLocaleString("en-US")} roomim messages per run, delivery concurrency ${r.settings.concurrency}, storage in ${r.settings.persistRoot}, ${r.machine.cpus} CPUs, node ${r.machine.node}`,
    "CPU: the process doing the work (workerd running the Worker, or the Node relay), /proc utime+stime from the first send to the last arrival.",
    "",
    table([
      ["run", "events/s", "sent/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "missing", "dups", "CPU s", "CPU ms/event", "× floor", "RSS MiB"],
      ...RUN_NAMES.filter((name) => name in r.runs).map((name) => {
        const s = r.runs[name] ?? null;
        const f = s?.figures;
        return [
          LABELS[name].replace("{rate}", String(r.settings.rate)),
          fmt(f?.eventsPerSecond, 0),
          fmt(f?.sendRate, 0),
          fmt(f?.p50),
          fmt(f?.p90),
          fmt(f?.p99),
          fmt(f?.max),
          f ? String(f.missing) : "—",
          f ? String(f.duplicates) : "—",
          fmt(s?.process ? s.process.cpuMs / 1000 : null, 2),
          fmt(s?.cpuPerEventMs, 3),
          fmt(ratio(s?.cpuPerEventMs, floorOf(name)), 2),
          fmt(s?.process?.rssPeakMiB, 0),
        ];
      }),
    ]),
    "",
    table([
      ["run", "all in by", "ingest/s", "posted meanwhile", "drain/s", "all posted by", "peak backlog", "heap MiB"],
      ...runs.map(([name, s]) => [
        name,
        s?.ingestDoneMs == null ? "—" : `${fmt(s.ingestDoneMs / 1000, 2)} s`,
        fmt(s?.ingestRate, 0),
        s?.deliveredWhileIngesting == null ? "—" : String(s.deliveredWhileIngesting),
        fmt(s?.drainRate, 0),
        s?.deliverDoneMs == null ? "—" : `${fmt(s.deliverDoneMs / 1000, 2)} s`,
        s ? String(s.peakBacklog) : "—",
        s?.heap ? `${fmt(s.heap.peakMiB)} peak` : "—",
      ]),
    ]),
    "all in by / ingest/s: when the worker had taken in every frame (relay: stored; baseline: queued), sampled every",
    "  250 ms from the worker's own counters; posted meanwhile: posts answered by then; drain/s: posts per second after.",
    "  heap: the isolate's JS heap (inspector Runtime.getHeapUsage every 100 ms); one isolate runs the Worker and its objects.",
  );
  if (r.many) {
    const m = r.many;
    out.push(
      "",
      `${m.connections} connections × ${m.rate} events/s in one relay (${r.settings.many.count} each): CPU ${fmt(m.cpuPerEventMs, 3)} ms/event, RSS ${fmt(m.process?.rssPeakMiB, 0)} MiB`,
      `  p99 ms per connection: ${m.figures.map((f) => fmt(f.p99, 0)).join(" ")}`,
      `  events/s per connection: ${m.figures.map((f) => fmt(f.eventsPerSecond, 0)).join(" ")}; missing: ${m.figures.reduce((n, f) => n + f.missing, 0)}`,
      ...m.notes.map((n) => `  ${n}`),
    );
  }
  out.push(
    "",
    "ratios: " +
      Object.entries(r.ratios)
        .map(([k, v]) => `${k} ${fmt(v, 2)}`)
        .join("; "),
    r.bundle
      ? `bundle: ${r.bundle.file} ${fmt(r.bundle.rawKiB)} KiB raw, ${fmt(r.bundle.gzipKiB)} KiB gzipped (level 9); under workerd /healthz → ${r.bundle.healthz ?? `failed: ${r.bundle.loadError}`}`
      : "bundle: not measured",
    "",
    table([
      ["target", "value", "wanted", "result"],
      ...r.verdicts.map((v) => [v.name, fmt(v.value, 2), v.target, v.pass === null ? "n/a" : v.pass ? "PASS" : "MISS"]),
    ]),
  );
  const bySecond = runs.flatMap(([name, s]) => {
    const seconds = s?.figures.bySecond ?? [];
    return seconds.length > 1 ? [`  ${name}: ${seconds.map((b) => fmt(b.p99, 0)).join(" ")}`] : [];
  });
  if (bySecond.length) out.push("", "p99 ms of the messages sent in each second:", ...bySecond);
  const notes = runs.flatMap(([name, s]) => (s?.notes ?? []).map((n) => `${name}: ${n}`));
  if (notes.length) out.push("", "notes:", ...notes.map((n) => `  ${n}`));
  if (r.errors.length) out.push("", "errors:", ...r.errors.map((e) => `  ${e}`));
  out.push(
    "",
    "Receivers: the relays' webhooks are verified by the sink with `standardwebhooks` (HMAC-SHA256 + JSON parse) in this process;",
    "the baseline's and the floor's unsigned posts go to a plain receiver that computes the same HMAC and JSON parse, so both sides cost the same.",
    `took ${fmt(r.durationS, 0)} s`,
  );
  return out.join("\n");
}
