// A hung upstream: while paused, work that asks `whileHeld()` waits until resumed (or the
// simulator closes); `sleep()` is a delay that closing cancels.

export class Hold {
  #paused = false;
  #closed = false;
  #held: (() => void)[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  get paused(): boolean {
    return this.#paused;
  }

  get closed(): boolean {
    return this.#closed;
  }

  pause(paused: boolean): void {
    this.#paused = paused;
    if (!paused) this.#release();
  }

  /** Resolves at once, or when a paused upstream resumes (or closes). */
  whileHeld(): Promise<void> {
    if (!this.#paused || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#held.push(resolve));
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  /** Let everything held go, cancel the sleeps (they never resolve), and hold nothing more. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#release();
  }

  #release(): void {
    const held = this.#held;
    this.#held = [];
    for (const resume of held) resume();
  }
}
