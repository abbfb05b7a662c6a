/**
 * An abort signal that fires after `ms` unless released first. Unlike AbortSignal.timeout,
 * its timer is cleared when the work ends: a signal left armed would abort a WebSocket
 * obtained by the fetch long after the upgrade (killing the socket), and every armed timer
 * counts against the isolate's limit of active timeouts.
 */
export interface Deadline {
  signal: AbortSignal;
  release(): void;
}

export function deadline(ms: number, what: string): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`${what} timed out after ${ms} ms`, "TimeoutError")), ms);
  return { signal: controller.signal, release: () => clearTimeout(timer) };
}

export const isTimeout = (err: unknown): boolean => err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
