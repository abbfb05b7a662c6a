/**
 * A session's settings from the Worker's environment (wrangler vars), parsed and validated
 * once when the Durable Object starts. A value that is not a number in its range fails the
 * start with an error naming the variable, rather than turning into NaN timers later.
 */
import * as z from "zod";

/** The environment variables a session reads (all optional strings, as wrangler passes them). */
export interface SessionEnv {
  ACTION_TIMEOUT_MS?: string;
  WATCHDOG_MS?: string;
  RETENTION_DAYS?: string;
  DELIVERY_CONCURRENCY?: string;
  DIAL_TIMEOUT_MS?: string;
  ACTION_RATE?: string;
  ACTION_BURST?: string;
  /** Override the platform's application heartbeat timing (ms). */
  HEARTBEAT_INTERVAL_MS?: string;
  HEARTBEAT_TIMEOUT_MS?: string;
  /** Override the platform's link poll interval (ms). */
  POLL_INTERVAL_MS?: string;
}

/** A number from an environment string: digits with an optional fraction, in [min, max]. */
const numeric = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { message: "must be a number" })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

const Env = z.object({
  ACTION_TIMEOUT_MS: numeric(100, 300_000).optional(),
  WATCHDOG_MS: numeric(1_000, 600_000).optional(),
  RETENTION_DAYS: numeric(0, 3_650).optional(),
  DELIVERY_CONCURRENCY: numeric(1, 64).optional(),
  DIAL_TIMEOUT_MS: numeric(100, 120_000).optional(),
  ACTION_RATE: numeric(0.001, 10_000).optional(),
  ACTION_BURST: numeric(1, 100_000).optional(),
  HEARTBEAT_INTERVAL_MS: numeric(50, 600_000).optional(),
  HEARTBEAT_TIMEOUT_MS: numeric(50, 600_000).optional(),
  POLL_INTERVAL_MS: numeric(50, 3_600_000).optional(),
});

export interface Settings {
  /** How long an action waits for the upstream (socket reply or HTTP answer). */
  actionTimeoutMs: number;
  /** The longest the alarm sleeps while a connection is enabled. */
  watchdogMs: number;
  /** How long settled events are kept. */
  retentionMs: number;
  /** Webhooks in flight at once (at most 6: a Durable Object's outbound connection cap). */
  deliveryConcurrency: number;
  /** How long an upgrade may take. */
  dialTimeoutMs: number;
  /** Actions per second and burst, per connection. */
  actionRate: number;
  actionBurst: number;
  /** Overrides of the platform's heartbeat timing, when set. */
  heartbeat: { intervalMs?: number; timeoutMs?: number };
  /** Override of the platform's link poll interval, when set. */
  pollIntervalMs?: number;
}

export class SettingsError extends Error {}

/** Parses the environment once; throws SettingsError naming every invalid variable. */
export function parseSettings(env: SessionEnv): Settings {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => Object.hasOwn(Env.shape, k) && typeof v === "string")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new SettingsError(`invalid settings: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const rate = e.ACTION_RATE ?? 20;
  return {
    actionTimeoutMs: e.ACTION_TIMEOUT_MS ?? 10_000,
    watchdogMs: e.WATCHDOG_MS ?? 30_000,
    retentionMs: (e.RETENTION_DAYS ?? 7) * 86_400_000,
    deliveryConcurrency: Math.min(6, e.DELIVERY_CONCURRENCY ?? 4),
    dialTimeoutMs: e.DIAL_TIMEOUT_MS ?? 15_000,
    actionRate: rate,
    actionBurst: e.ACTION_BURST ?? rate * 2,
    heartbeat: {
      ...(e.HEARTBEAT_INTERVAL_MS !== undefined && { intervalMs: e.HEARTBEAT_INTERVAL_MS }),
      ...(e.HEARTBEAT_TIMEOUT_MS !== undefined && { timeoutMs: e.HEARTBEAT_TIMEOUT_MS }),
    },
    ...(e.POLL_INTERVAL_MS !== undefined && { pollIntervalMs: e.POLL_INTERVAL_MS }),
  };
}
