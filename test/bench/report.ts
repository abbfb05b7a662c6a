/**
 * The benchmark's verdict: the figures beside their targets (PASS/MISS), as a text table
 * and as the JSON written to results.json.
 */
import type { BundleFigures } from "./bundle.ts";
import type { ScenarioResult } from "./scenarios.ts";

export const TARGETS = {
  /** relay events/s ÷ baseline events/s, both at full speed. */
  throughputRatio: 0.8,
  /** Events per second on one connection at full speed. */
  eventsPerSecond: 3000,
  /** p99 send → verified arrival at the paced rate, ms. */
  pacedP99Ms: 50,
  /** The deployable bundle, gzipped. */
  bundleGzipKiB: 250,
};

export interface BenchResults {
  at: string;
  machine: { cpus: number; node: string; platform: string };
  settings: { count: number; rate: number; concurrency: number; persistRoot: string };
  relay: { full: ScenarioResult | null; paced: ScenarioResult | null };
  baseline: { full: ScenarioResult | null; paced: ScenarioResult | null };
  bundle: BundleFigures | null;
  ratios: { fullEventsPerSecond: number | null; pacedP50: number | null; pacedP99: number | null };
  verdicts: { name: string; value: number | null; target: string; pass: boolean | null }[];
  errors: string[];
  durationS: number;
}

const ratio = (a: number | undefined, b: number | undefined): number | null =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? null : a / b;

export function judge(r: Omit<BenchResults, "ratios" | "verdicts">): Pick<BenchResults, "ratios" | "verdicts"> {
  const rf = r.relay.full?.figures;
  const rp = r.relay.paced?.figures;
  const bf = r.baseline.full?.figures;
  const bp = r.baseline.paced?.figures;
  const ratios = {
    fullEventsPerSecond: ratio(rf?.eventsPerSecond, bf?.eventsPerSecond),
    pacedP50: ratio(rp?.p50, bp?.p50),
    pacedP99: ratio(rp?.p99, bp?.p99),
  };
  const verdict = (name: string, value: number | null | undefined, target: string, pass: (v: number) => boolean) => ({
    name,
    value: value ?? null,
    target,
    pass: value === null || value === undefined || !Number.isFinite(value) ? null : pass(value),
  });
  const missing = (s: ScenarioResult | null | undefined) => (s ? s.figures.missing : null);
  return {
    ratios,
    verdicts: [
      verdict("relay/baseline events/s (full speed)", ratios.fullEventsPerSecond, `≥ ${TARGETS.throughputRatio}`, (v) => v >= TARGETS.throughputRatio),
      verdict("relay events/s on one connection", rf?.eventsPerSecond, `≥ ${TARGETS.eventsPerSecond}`, (v) => v >= TARGETS.eventsPerSecond),
      verdict(`relay p99 ms at ${r.settings.rate}/s`, rp?.p99, `≤ ${TARGETS.pacedP99Ms}`, (v) => v <= TARGETS.pacedP99Ms),
      verdict("bundle KiB gzipped", r.bundle?.gzipKiB, `≤ ${TARGETS.bundleGzipKiB}`, (v) => v <= TARGETS.bundleGzipKiB),
      verdict("bundle loads under workerd (/healthz)", r.bundle?.healthz, "200", (v) => v === 200),
      verdict("relay events missing (both runs)", sumOrNull(missing(r.relay.full), missing(r.relay.paced)), "0", (v) => v === 0),
    ],
  };
}

function sumOrNull(...values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + v!, 0);
}

const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "—" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export function render(r: BenchResults): string {
  const out: string[] = [];
  const runs: [string, ScenarioResult | null][] = [
    ["relay, full speed", r.relay.full],
    ["baseline, full speed", r.baseline.full],
    [`relay, ${r.settings.rate}/s`, r.relay.paced],
    [`baseline, ${r.settings.rate}/s`, r.baseline.paced],
  ];
  out.push(
    `imrelay benchmark — ${r.settings.count.toLocaleString("en-US")} roomim messages per run, delivery concurrency ${r.settings.concurrency}, storage in ${r.settings.persistRoot}, ${r.machine.cpus} CPUs, node ${r.machine.node}`,
    "",
    table([
      ["run", "events/s", "sent/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "missing", "dups", "all in by", "ingest/s", "posted meanwhile", "drain/s", "all posted by"],
      ...runs.map(([name, s]) => {
        const f = s?.figures;
        return [
          name,
          fmt(f?.eventsPerSecond, 0),
          fmt(f?.sendRate, 0),
          fmt(f?.p50),
          fmt(f?.p90),
          fmt(f?.p99),
          fmt(f?.max),
          f ? String(f.missing) : "—",
          f ? String(f.duplicates) : "—",
          s?.ingestDoneMs == null ? "—" : `${fmt(s.ingestDoneMs / 1000, 2)} s`,
          fmt(s?.ingestRate, 0),
          s?.deliveredWhileIngesting == null ? "—" : String(s.deliveredWhileIngesting),
          fmt(s?.drainRate, 0),
          s?.deliverDoneMs == null ? "—" : `${fmt(s.deliverDoneMs / 1000, 2)} s`,
        ];
      }),
    ]),
    "",
    `ratios relay/baseline: events/s at full speed ${fmt(r.ratios.fullEventsPerSecond, 2)}, p50 at ${r.settings.rate}/s ${fmt(r.ratios.pacedP50, 2)}, p99 at ${r.settings.rate}/s ${fmt(r.ratios.pacedP99, 2)}`,
    r.bundle
      ? `bundle: ${r.bundle.file} ${fmt(r.bundle.rawKiB)} KiB raw, ${fmt(r.bundle.gzipKiB)} KiB gzipped (level 9); under workerd /healthz → ${r.bundle.healthz ?? `failed: ${r.bundle.loadError}`}`
      : "bundle: not measured",
    "",
    table([
      ["target", "value", "wanted", "result"],
      ...r.verdicts.map((v) => [v.name, fmt(v.value, 2), v.target, v.pass === null ? "n/a" : v.pass ? "PASS" : "MISS"]),
    ]),
  );
  out.push(
    "",
    "all in by / ingest/s: when the worker had taken in every frame (relay: stored; baseline: queued), sampled every",
    "  250 ms from the worker's own counters; posted meanwhile: posts answered by then; drain/s: posts per second after.",
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
    "Receivers: the relay's webhooks are verified by the sink with `standardwebhooks` (HMAC-SHA256 + JSON parse) in this process;",
    "the baseline's unsigned posts go to a plain receiver that computes the same HMAC and JSON parse, so both sides cost the same.",
    `took ${fmt(r.durationS, 0)} s`,
  );
  return out.join("\n");
}
