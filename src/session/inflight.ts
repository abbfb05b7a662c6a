/**
 * Actions waiting for their reply on the socket, keyed by correlation key, each with a
 * timeout. The session settles them from decoded replies, or fails them all when the
 * socket goes away.
 *
 * A two-phase wait (`{key, confirm}`) registers both keys at once, so a confirmation that
 * overtakes its acknowledgement is kept: a problem acknowledged ends the wait; a result
 * acknowledged is followed by the confirmation, which is the outcome. One timeout covers both.
 */
import type { ActionOutcome, Await } from "../platforms/contract.ts";
import { problem, type Problem } from "../lib/problem.ts";

interface Waiter {
  /** Takes the reply to this key. */
  take(outcome: ActionOutcome): void;
}

interface Wait {
  resolve(outcome: ActionOutcome): void;
  timer: ReturnType<typeof setTimeout>;
  keys: string[];
}

export class Inflight {
  private readonly waiting = new Map<string, Waiter>();

  /** Keys waited for (both phases of a two-phase wait count). */
  get size(): number {
    return this.waiting.size;
  }

  /** Waits for the reply (or both phases) of `awaiting`, at most `timeoutMs`. */
  wait(awaiting: Await, timeoutMs: number): Promise<ActionOutcome> {
    return new Promise((resolve) => {
      const keys = typeof awaiting === "string" ? [awaiting] : [awaiting.key, awaiting.confirm];
      const wait: Wait = { resolve, keys, timer: setTimeout(() => this.end(wait, { problem: timedOut(timeoutMs) }), timeoutMs) };
      if (typeof awaiting === "string") {
        this.waiting.set(awaiting, { take: (outcome) => this.end(wait, outcome) });
        return;
      }
      let acknowledged = false;
      let confirmation: ActionOutcome | null = null;
      this.waiting.set(awaiting.key, {
        take: (ack) => {
          this.waiting.delete(awaiting.key);
          if ("problem" in ack) this.end(wait, ack);
          else if (confirmation) this.end(wait, confirmation);
          else acknowledged = true;
        },
      });
      this.waiting.set(awaiting.confirm, {
        take: (confirmed) => {
          this.waiting.delete(awaiting.confirm);
          if (acknowledged) this.end(wait, confirmed);
          else confirmation = confirmed;
        },
      });
    });
  }

  /** Hands a reply to whoever waits for `key`; false when nothing waits for it. */
  settle(key: string, outcome: ActionOutcome): boolean {
    const waiter = this.waiting.get(key);
    if (!waiter) return false;
    waiter.take(outcome);
    return true;
  }

  /** Stops waiting for `awaiting` (its frames could not be sent). */
  cancel(awaiting: Await): void {
    for (const key of typeof awaiting === "string" ? [awaiting] : [awaiting.key, awaiting.confirm]) this.waiting.delete(key);
  }

  failAll(p: Problem): void {
    for (const key of [...this.waiting.keys()]) this.settle(key, { problem: p });
  }

  private end(wait: Wait, outcome: ActionOutcome): void {
    clearTimeout(wait.timer);
    for (const key of wait.keys) this.waiting.delete(key);
    wait.resolve(outcome);
  }
}

const timedOut = (timeoutMs: number): Problem => problem("upstream_timeout", `no upstream answer within ${timeoutMs / 1000} s`);
