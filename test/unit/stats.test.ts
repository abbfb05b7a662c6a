import { describe, expect, it } from "vitest";
import { binValue, latencyBin, percentile } from "../../src/session/stats.ts";

/** Exact nearest-rank percentile of a list. */
const exact = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * values.length)) - 1]!;

const histogramOf = (values: number[]) => {
  const h = new Map<number, number>();
  for (const v of values) h.set(latencyBin(v), (h.get(latencyBin(v)) ?? 0) + 1);
  return h;
};

describe("latency histogram", () => {
  it("keeps small latencies exact and bins grow with the value", () => {
    for (let ms = 0; ms < 64; ms++) expect(binValue(latencyBin(ms))).toBe(ms);
    let previous = -1;
    for (let ms = 0; ms < 40_000_000; ms = Math.ceil(ms * 1.01) + 1) {
      const bin = latencyBin(ms);
      expect(bin).toBeGreaterThanOrEqual(previous);
      previous = bin;
    }
  });

  it("reports percentiles within 1.2 % (or 1 ms) of the exact value, for many random samples", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const scale = 10 ** (1 + random() * 6);
      const values = Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.round(random() * scale));
      const h = histogramOf(values);
      for (const p of [0.5, 0.99]) {
        const want = exact(values, p);
        const got = percentile(h, p)!;
        expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.max(1, want * 0.012));
      }
    }
  });

  it("has no percentile without samples", () => {
    expect(percentile(new Map(), 0.5)).toBeNull();
  });
});
