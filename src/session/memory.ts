/**
 * An adapter's memory as the session holds it in RAM: what `remember` wrote, read back by
 * `ctx.recall`, bounded per shelf as the platform's `memory` says (a shelf is the prefix of
 * a key before its first ":"). The store applies the same bounds to what it keeps in SQLite,
 * so the two agree after a restart.
 */
import type { Memory, Remember } from "../platforms/contract.ts";

interface Entry {
  value: unknown;
  /** When it was written (ms). */
  at: number;
}

/** The shelf a key is on: its prefix before the first ":", or "" when it has none. */
export const shelfOf = (key: string): string => {
  const i = key.indexOf(":");
  return i < 0 ? "" : key.slice(0, i);
};

export class ShelvedMemory {
  /** Per shelf, its entries in the order they were written (oldest first). */
  private readonly shelves = new Map<string, Map<string, Entry>>();
  private readonly bounds: Memory;

  constructor(bounds: Memory = {}, entries: Iterable<readonly [string, unknown, number]> = []) {
    this.bounds = bounds;
    for (const [key, value, at] of entries) this.put(key, value, at);
  }

  /** The value under `key`, or undefined when it was never written, was forgotten or is older than its shelf's TTL. */
  recall(key: string, now: number): unknown {
    const entry = this.shelves.get(shelfOf(key))?.get(key);
    if (!entry) return undefined;
    const ttl = this.bound(key)?.ttlMs;
    return ttl !== undefined && now - entry.at >= ttl ? undefined : entry.value;
  }

  /** Applies a `remember`: null or undefined forgets a key, anything else (re)writes it as the newest of its shelf. */
  apply(remember: Remember, now: number): void {
    for (const [key, value] of Object.entries(remember)) {
      if (value === null || value === undefined) this.shelves.get(shelfOf(key))?.delete(key);
      else this.put(key, value, now);
    }
  }

  /** How many entries are kept (expired ones included until they are evicted). */
  get size(): number {
    let n = 0;
    for (const shelf of this.shelves.values()) n += shelf.size;
    return n;
  }

  clear(): void {
    this.shelves.clear();
  }

  private bound(key: string): { capacity?: number; ttlMs?: number } | undefined {
    const name = shelfOf(key);
    return name !== "" && Object.hasOwn(this.bounds, name) ? this.bounds[name] : undefined;
  }

  private put(key: string, value: unknown, at: number): void {
    const name = shelfOf(key);
    let shelf = this.shelves.get(name);
    if (!shelf) this.shelves.set(name, (shelf = new Map()));
    shelf.delete(key);
    shelf.set(key, { value, at });
    const bound = this.bound(key);
    if (bound?.ttlMs !== undefined) {
      for (const [k, e] of shelf) {
        if (at - e.at < bound.ttlMs) break;
        shelf.delete(k);
      }
    }
    if (bound?.capacity !== undefined) {
      for (const k of shelf.keys()) {
        if (shelf.size <= bound.capacity) break;
        shelf.delete(k);
      }
    }
  }
}
