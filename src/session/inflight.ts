/**
 * Actions waiting for their reply on the socket, keyed by correlation key, each with a
 * timeout. The session settles them from decoded replies, or fails them all when the
 * socket goes away.
 */
import type { ActionOutcome } from "../platforms/contract.ts";
import { problem, type Problem } from "../lib/problem.ts";

interface Waiter {
  resolve(outcome: ActionOutcome): void;
  timer: ReturnType<typeof setTimeout>;
}

export class Inflight {
  private readonly waiting = new Map<string, Waiter>();

  get size(): number {
    return this.waiting.size;
  }

  wait(key: string, timeoutMs: number): Promise<ActionOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve({ problem: problem("upstream_timeout", `no upstream answer within ${timeoutMs / 1000} s`) });
      }, timeoutMs);
      this.waiting.set(key, { resolve, timer });
    });
  }

  /** Settles the waiter for `key`; false when nothing waits for it. */
  settle(key: string, outcome: ActionOutcome): boolean {
    const waiter = this.waiting.get(key);
    if (!waiter) return false;
    this.waiting.delete(key);
    clearTimeout(waiter.timer);
    waiter.resolve(outcome);
    return true;
  }

  cancel(key: string): void {
    const waiter = this.waiting.get(key);
    if (waiter) clearTimeout(waiter.timer);
    this.waiting.delete(key);
  }

  failAll(p: Problem): void {
    for (const key of [...this.waiting.keys()]) this.settle(key, { problem: p });
  }
}
