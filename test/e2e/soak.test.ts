/**
 * The fault soak's short form (`npm run soak` runs it for minutes): every kind of fault at
 * least once, SIGKILL included, and nothing lost or stored twice.
 */
import { expect, it } from "vitest";
import { soak } from "../soak/soak.ts";

it("loses no message and stores none twice through drops, 5xx, timeouts, a 410 and a SIGKILL", async () => {
  const report = await soak({ durationMs: 30_000, connections: 2, rate: 10, faultEveryMs: 2_500, killEveryMs: 0, settleMs: 90_000, everyKind: true });
  for (const [kind, n] of Object.entries(report.faults)) expect(n, kind).toBeGreaterThan(0);
  expect(report.sent).toBeGreaterThan(200);
  expect({ lost: report.lost, duplicated: report.duplicated, samples: [...report.lostSamples, ...report.duplicatedSamples] }).toEqual({
    lost: 0,
    duplicated: 0,
    samples: [],
  });
  expect(report.delivered).toBe(report.sent);
}, 240_000);
