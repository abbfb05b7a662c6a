/** Request schemas of the HTTP API (bodies and queries); also the source of /openapi.json. */
import * as z from "zod";
import { EVENT_PATTERN } from "../events/filter.ts";

export const CONNECTION_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const webhookUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
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
