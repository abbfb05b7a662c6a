/**
 * The retry schedule of API.md: the first attempt at once, then retries after
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all), each delay ±20 % jitter.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** The longest Retry-After honoured: a longer one counts as this long (never ignored). */
export const MAX_RETRY_AFTER_MS = 36_000_000;
/** After a timeout or a 429 the receiver is overloaded: the next attempt waits at least this long. */
export const OVERLOAD_MIN_DELAY_MS = 30_000;

/** ±20 % jitter; `random` in [0, 1). */
export const jitter = (delayMs: number, random: number = Math.random()): number => Math.round(delayMs * (0.8 + 0.4 * random));

/**
 * The delay before the next attempt after `attempts` attempts have failed, or null when
 * none is left. As svix does it: the scheduled delay (jittered), unless the receiver sent a
 * Retry-After (on 429/503, capped at 10 h), which is honoured between the scheduled delay and
 * twice it — a receiver can slow its retries down, not hurry them or push them out of the
 * schedule. After a timeout or a 429 (`overloaded`), at least OVERLOAD_MIN_DELAY_MS.
 */
export function nextDelay(attempts: number, retryAfterMs: number | null = null, random?: number, overloaded = false): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  const scheduled = jitter(base, random);
  let delay = scheduled;
  if (retryAfterMs !== null && retryAfterMs >= 0) delay = Math.min(Math.max(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS), scheduled), 2 * scheduled);
  return overloaded ? Math.max(delay, OVERLOAD_MIN_DELAY_MS) : delay;
}

/** Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
