/** A connection's stored configuration and status, and how a GET shows them. */
import { publicUrl } from "../lib/url.ts";
import type { Platform } from "../platforms/contract.ts";

/** Batched delivery (opt-in): at most max_events per POST, gathered for at most max_wait_ms. */
export interface BatchSettings {
  max_events: number;
  max_wait_ms: number;
}

export interface WebhookConfig {
  url: string;
  secret: string;
  /** Type patterns to deliver; null: every type. */
  events: string[] | null;
  /** Null or absent (configurations stored before batching existed): one event per POST. */
  batch?: BatchSettings | null;
  /** Set by a 410 Gone answer; cleared by a PATCH. */
  disabled: boolean;
  /** The secret a rotation replaced, still signing until `expires_at`. */
  previous?: { secret: string; expires_at: number } | null;
}

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 86_400_000;

export interface ConnectionConfig {
  id: string;
  platform: string;
  upstream: unknown;
  webhook: WebhookConfig;
  enabled: boolean;
  created_at: number;
  updated_at: number;
}

export type LinkState = "connecting" | "connected" | "backoff" | "failed" | "disabled";

export interface LinkStatus {
  state: LinkState;
  since: number;
  /** Consecutive attempts that did not end connected (0 while connected). */
  attempt: number;
  last_error: string | null;
  /** When the next dial is due (backoff, failed). */
  retry_at: number | null;
}

export interface Stats {
  received: number;
  delivered: number;
  pending: number;
  failed: number;
}

export interface ConnectionView {
  id: string;
  platform: string;
  enabled: boolean;
  upstream: Record<string, unknown>;
  status: { state: LinkState; since: number; attempt: number; last_error: string | null; retry_at: number | null };
  webhook: { url: string; events: string[] | null; batch: BatchSettings | null; disabled: boolean };
  stats: Stats;
  created_at: number;
  updated_at: number;
}

export function viewOf(config: ConnectionConfig, status: LinkStatus, stats: Stats, platform: Platform): ConnectionView {
  return {
    id: config.id,
    platform: config.platform,
    enabled: config.enabled,
    upstream: platform.redact(config.upstream),
    status: { state: status.state, since: status.since, attempt: status.attempt, last_error: status.last_error, retry_at: status.retry_at },
    webhook: { url: publicUrl(config.webhook.url), events: config.webhook.events, batch: config.webhook.batch ?? null, disabled: config.webhook.disabled },
    stats,
    created_at: config.created_at,
    updated_at: config.updated_at,
  };
}
