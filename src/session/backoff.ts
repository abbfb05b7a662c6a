/**
 * Reconnect timing: exponential backoff with full jitter, 1 s doubling up to 60 s; an
 * upstream that refused the credentials is retried slowly (every 5 min, ±20 %).
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;
export const FAILED_RETRY_MS = 300_000;
/** A socket that stayed up this long resets the backoff; shorter lives count as failures. */
export const STABLE_AFTER_MS = 30_000;

/** Full jitter: uniform in [0, min(cap, base·2^(attempt-1))]; attempt ≥ 1. */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt - 1, 16)));
  return Math.floor(random * ceiling);
}

export const failedRetryDelay = (random: number = Math.random()): number => Math.round(FAILED_RETRY_MS * (0.8 + 0.4 * random));
