// Promises that resolve once a condition over recorded state holds.

type Probe = () => boolean;

export class Waiters {
  readonly #pending = new Set<Probe>();

  /** Re-check every pending condition; call after each change to the recorded state. */
  notify(): void {
    for (const probe of [...this.#pending]) {
      if (probe()) this.#pending.delete(probe);
    }
  }

  /**
   * Resolve with the first defined result of `check`, trying now and after each notify(),
   * or reject after `timeoutMs` with a message naming `what`.
   */
  until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const probe: Probe = () => {
        let result: T | undefined;
        try {
          result = check();
        } catch (error) {
          clearTimeout(timer);
          reject(error);
          return true;
        }
        if (result === undefined) return false;
        clearTimeout(timer);
        resolve(result);
        return true;
      };
      const timer = setTimeout(() => {
        this.#pending.delete(probe);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      if (!probe()) this.#pending.add(probe);
    });
  }
}

/** A high-resolution wall-clock time in milliseconds, comparable across processes. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
