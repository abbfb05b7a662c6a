/**
 * `npm run soak`: the fault soak (see soak.ts), a few minutes by default.
 *
 *   npm run soak -- [--minutes 3] [--connections 3] [--rate 10] [--fault-every 3] [--kill-every 30] [--seed n]
 *                   [--every-kind] [--faults upstream_drop,upstream_reset,webhook_5xx,webhook_timeout,webhook_410,sigkill]
 *
 * Prints messages sent, faults injected, lost and duplicated ids; exits non-zero when any
 * message was lost or stored under more than one event id.
 */
import { soak } from "./soak.ts";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

const minutes = option("minutes", 3);
const report = await soak({
  durationMs: minutes * 60_000,
  connections: option("connections", 3),
  rate: option("rate", 10),
  faultEveryMs: option("fault-every", 3) * 1000,
  killEveryMs: option("kill-every", 30) * 1000,
  settleMs: 120_000,
  ...(process.argv.includes("--seed") && { seed: option("seed", 1) }),
  everyKind: process.argv.includes("--every-kind"),
  ...(process.argv.includes("--faults") && { only: process.argv[process.argv.indexOf("--faults") + 1]!.split(",") }),
  log: (line) => console.log(line),
});

const faults = Object.entries(report.faults)
  .map(([k, n]) => `${k} ${n}`)
  .join(", ");
console.log(`
messages sent      ${report.sent}
faults injected    ${Object.values(report.faults).reduce((a, b) => a + b, 0)} (${faults})
delivered          ${report.delivered} (verified with standardwebhooks)
lost               ${report.lost} (${report.lostStored} of them stored but not delivered)${report.lostSamples.length ? `  e.g. ${report.lostSamples.join(" | ")}` : ""}
duplicated ids     ${report.duplicated}${report.duplicatedSamples.length ? `  e.g. ${report.duplicatedSamples.join(" | ")}` : ""}
requeued at end    ${report.requeued} (deliveries waiting on the 5 min retry step)
took               ${(report.durationMs / 1000).toFixed(0)} s`);
process.exit(report.lost === 0 && report.duplicated === 0 ? 0 : 1);
