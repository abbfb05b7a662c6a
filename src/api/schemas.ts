/** Request schemas of the HTTP API (bodies and queries); also the source of /openapi.json. */
import * as z from "zod";
import { isValidSecret } from "../delivery/sign.ts";
import { EVENT_PATTERN } from "../events/filter.ts";
import { Event } from "../events/payloads.ts";
import { PROBLEMS, type ProblemCode } from "../lib/problem.ts";

export const CONNECTION_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The longest webhook URL accepted (the common limit of browsers, proxies and CDNs). */
export const MAX_WEBHOOK_URL_LENGTH = 2048;
const webhookUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(MAX_WEBHOOK_URL_LENGTH, `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
const eventPatterns = z.array(z.string().regex(EVENT_PATTERN, "must be an event type, `prefix.*` or `*`")).max(100);
const secret = z.string().startsWith("whsec_", "must start with whsec_");
/** Opt-in batched delivery: due deliveries go out together, up to max_events per signed POST. */
const batch = z
  .object({
    max_events: z.number().int().min(2).max(100),
    max_wait_ms: z.number().int().min(0).max(1000).default(0),
  })
  .strict();

export const ConnectionPut = z
  .object({
    platform: z.string().min(1),
    upstream: z.record(z.string(), z.unknown()),
    webhook: z.object({ url: webhookUrl, secret: secret.optional(), events: eventPatterns.optional(), batch: batch.nullable().optional() }).strict(),
    enabled: z.boolean().default(true),
  })
  .strict();

export const ConnectionPatch = z
  .object({
    enabled: z.boolean().optional(),
    upstream: z.record(z.string(), z.unknown()).optional(),
    webhook: z
      .object({
        url: webhookUrl.optional(),
        secret: secret.optional(),
        events: eventPatterns.nullable().optional(),
        batch: batch.nullable().optional(),
        disabled: z.literal(false).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const limit = z.coerce.number().int().min(1).max(1000).default(100);
const eventIdPattern = z.string().regex(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/, "must be an event id (evt_…)");

export const EventsQuery = z.object({
  after: eventIdPattern.optional(),
  limit,
  type: z.string().regex(EVENT_PATTERN, "must be an event type, `prefix.*` or `*`").optional(),
});

export const DeliveriesQuery = z.object({
  status: z.enum(["pending", "failed", "delivered"]).optional(),
  after: eventIdPattern.optional(),
  limit,
});

export const RetryBody = z.object({ event_ids: z.array(eventIdPattern).min(1).max(1000).optional() }).strict();

export const IdempotencyKey = z.string().min(1).max(255);

/** GET /v1/connections/{id}/events/stream: `after` (or the Last-Event-ID header) and a type filter. */
export const StreamQuery = EventsQuery.pick({ after: true, type: true });
export const LastEventId = eventIdPattern;

// --- responses (the OpenAPI document's and the client's types) ------------------------------
// Objects are open: a field may be added to a response without a new version.

export const LinkStatus = z.looseObject({
  state: z.enum(["connecting", "connected", "backoff", "failed", "disabled"]),
  since: z.number().int(),
  attempt: z.number().int().describe("consecutive attempts that did not end connected"),
  last_error: z.string().nullable(),
  retry_at: z.number().int().nullable().describe("when a backoff/failed connection dials again"),
});

const ConnectionWebhook = z.looseObject({ url: z.string(), events: z.array(z.string()).nullable(), disabled: z.boolean() });

export const Connection = z.looseObject({
  id: z.string(),
  platform: z.string(),
  enabled: z.boolean(),
  upstream: z.record(z.string(), z.unknown()).describe("without credentials; URLs without their query string"),
  status: LinkStatus,
  webhook: ConnectionWebhook,
  stats: z.looseObject({ received: z.number().int(), delivered: z.number().int(), pending: z.number().int(), failed: z.number().int() }),
  created_at: z.number().int(),
  updated_at: z.number().int(),
});

/** PUT's answer: `webhook.secret` only when the relay generated it (shown this once). */
export const ConnectionCreated = Connection.extend({ webhook: ConnectionWebhook.extend({ secret: z.string().optional() }) });
export const ConnectionList = z.object({ connections: z.array(Connection) });
export const Reconnecting = z.object({ reconnecting: z.literal(true) });

export const Delivery = z.looseObject({
  event_id: z.string(),
  type: z.string(),
  status: z.enum(["pending", "failed", "delivered"]),
  attempts: z.number().int(),
  next_attempt_at: z.number().int().nullable(),
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  delivered_at: z.number().int().nullable(),
});
export const DeliveryPage = z.object({ deliveries: z.array(Delivery), next: z.string().nullable() });
export const Attempt = z.object({
  attempt: z.number().int().describe("its number in the current schedule (a requeue starts again at 1)"),
  at: z.number().int().describe("when it ended, ms since the epoch"),
  status: z.number().int().nullable().describe("the receiver's HTTP status, null when none came (network error, timeout)"),
  error: z.string().nullable(),
});
export const DeliveryDetail = z.object({ delivery: Delivery, attempts: z.array(Attempt).describe("oldest first, the newest 50 kept") });
export const Requeued = z.object({ requeued: z.number().int() });
/** POST …/webhook/secret/rotate: the new secret, or none to have one generated. */
export const RotateBody = z.object({ secret: z.string().refine(isValidSecret, "must be whsec_ followed by base64 of 24 to 64 bytes").optional() }).strict();

export const SecretRotated = z.object({
  secret: z.string().describe("the new secret, shown this once"),
  previous_expires_at: z.number().int().describe("when the previous secret stops signing (ms)"),
});

export const WebhookTestResult = z.object({ event_id: z.string() });

const STATS_WINDOWS = ["1h", "24h", "7d"] as const;
export const StatsQuery = z.object({ window: z.enum(STATS_WINDOWS).default("1h") });
export const StatsBucket = z.object({
  at: z.number().int().describe("the bucket's start (ms since the epoch)"),
  received: z.number().int().describe("events stored"),
  delivered: z.number().int().describe("deliveries answered 2xx"),
  failed: z.number().int().describe("deliveries whose last attempt failed (or answered 410 Gone)"),
  latency_p50_ms: z.number().int().nullable().describe("event stored → 2xx over those delivered; null: none was"),
  latency_p99_ms: z.number().int().nullable(),
});
export const Stats = z.object({ window: z.enum(STATS_WINDOWS), bucket_ms: z.number().int(), series: z.array(StatsBucket) });

export const PlatformList = z.object({
  platforms: z.array(z.looseObject({ name: z.string(), seed: z.string(), events: z.array(z.string()), actions: z.array(z.string()) })),
});
export const Health = z.object({ ok: z.literal(true), version: z.string() });

export const EventPage = z.object({ events: z.array(Event), next: z.string().nullable().describe("pass as `after` for the next page; null: no more") });

/** RFC 9457 problem+json, as every error answers. */
export const Problem = z.looseObject({
  type: z.string().describe("https://imrelay.dev/errors/<code>"),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]),
  detail: z.string(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe("each field that failed validation"),
  upstream: z.record(z.string(), z.unknown()).optional().describe("what the upstream said (upstream_rejected, upstream_error)"),
});
