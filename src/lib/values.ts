/** Reading loosely typed upstream values. */

/**
 * An epoch time in ms from a number or a digit string; values below 1e12 are seconds
 * (upstreams mix both). Undefined for 0, negatives and anything else.
 */
export function epochMs(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return Math.round(n < 1e12 ? n * 1000 : n);
}

/** A string that is not empty, else undefined. */
export const nonEmpty = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** A value as a reason text shows it ("absent" for undefined). */
export const shown = (value: unknown): string => (value === undefined ? "absent" : JSON.stringify(value));
