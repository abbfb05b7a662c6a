/**
 * The session's one alarm: the earliest of a delivery due, a reconnect due and the watchdog
 * (at least every `watchdogMs` while enabled, which brings the socket back after an eviction
 * or a restart). The time last set is cached so that scheduling costs no storage read.
 */
export interface AlarmInputs {
  now: number;
  /** The earliest pending delivery, when deliveries run from the alarm (none while the pump runs or the webhook is disabled). */
  deliveryDue: number | null;
  enabled: boolean;
  watchdogMs: number;
  /** No socket and none being opened. */
  linkIdle: boolean;
  /** When the backoff allows the next dial (null: now). */
  retryAt: number | null;
}

/** When the alarm should fire next, or null when nothing needs it. */
export function nextAlarm(s: AlarmInputs): number | null {
  const candidates: number[] = [];
  if (s.deliveryDue !== null) candidates.push(s.deliveryDue);
  if (s.enabled) {
    candidates.push(s.now + s.watchdogMs);
    if (s.linkIdle) candidates.push(s.retryAt ?? s.now);
  }
  return candidates.length === 0 ? null : Math.max(s.now, Math.min(...candidates));
}

export class AlarmClock {
  private at: number | null = null;
  private readonly storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.storage = storage;
  }

  /** Reads the alarm set by a previous instance; null when none is set. */
  async load(): Promise<number | null> {
    this.at = await this.storage.getAlarm();
    return this.at;
  }

  /** The alarm fired: none is set any more. */
  fired(): void {
    this.at = null;
  }

  /** Schedules the alarm at `at` unless one is already due sooner (or `exact`: at `at` whatever is set). */
  async set(at: number, exact = false): Promise<void> {
    if (!exact && this.at !== null && this.at <= at) return;
    this.at = at;
    await this.storage.setAlarm(at);
  }

  async clear(): Promise<void> {
    this.at = null;
    await this.storage.deleteAlarm();
  }
}
