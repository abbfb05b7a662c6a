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

/**
 * Deadlines for many short requests, shared by the requests started in the same second: one
 * timer per second of starts instead of a setTimeout and a clearTimeout per request. With
 * nodejs_compat each timer is a JavaScript Timeout object around the runtime's own; in a
 * profile of the relay at full speed, arming and clearing one per delivery attempt (with its
 * AbortController and closures) was about a tenth of the CPU spent per event. A request
 * here is aborted between `ms` and `ms + 1 s` after it started; the signal firing after a
 * request has ended does nothing. At most `ms / 1000 + 1` timers are armed at once.
 */
export class SharedDeadlines {
  private second = -1;
  private controller: AbortController | null = null;
  private readonly ms: number;
  private readonly what: string;

  constructor(ms: number, what: string) {
    this.ms = ms;
    this.what = what;
  }

  signal(now: number = Date.now()): AbortSignal {
    const second = Math.floor(now / 1000);
    if (second !== this.second || !this.controller) {
      const controller = new AbortController();
      const reason = `${this.what} timed out after ${this.ms} ms`;
      const timer = setTimeout(() => controller.abort(new DOMException(reason, "TimeoutError")), (second + 1) * 1000 + this.ms - now);
      // Under Node (tests, tools) an armed deadline must not keep the process alive.
      (timer as { unref?: () => void }).unref?.();
      this.second = second;
      this.controller = controller;
    }
    return this.controller.signal;
  }
}
