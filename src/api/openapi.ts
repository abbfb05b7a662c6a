/**
 * /openapi.json (OpenAPI 3.1), generated from the zod schemas that validate requests and
 * type the client, and from the platform registry (actions, per-platform upstream configs
 * and event data). Nothing here is a hand-kept copy of a shape.
 */
import * as z from "zod";
import { EVENT_TYPES, type EventType } from "../events/types.ts";
import { PROBLEMS, type ProblemCode } from "../lib/problem.ts";
import { VERSION } from "../version.ts";
import { buildComponents, camel, pascal, ref, type Json } from "./openapi-components.ts";
import * as S from "./schemas.ts";

/** Every problem code a route can answer, grouped by status (one response per status). */
function problems(...codes: ProblemCode[]): Record<string, Json> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of ["unauthorized", "not_configured", ...codes] as ProblemCode[]) {
    const status = PROBLEMS[code].status;
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((c) => `\`${c}\`: ${PROBLEMS[c].title}`).join("; "),
        ...(status === 429 || status === 503 ? { headers: { "Retry-After": { description: "seconds to wait", schema: { type: "integer" } } } } : {}),
        content: { "application/problem+json": { schema: ref("Problem") } },
      },
    ]),
  );
}

const json = (description: string, schema: Json): Json => ({ description, content: { "application/json": { schema } } });
const body = (schema: Json, required = true): Json => ({ required, content: { "application/json": { schema } } });
const query = (name: string, schema: z.ZodType, description: string): Json => ({
  name,
  in: "query",
  required: false,
  description,
  schema: z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Json,
});

const connectionParam = {
  name: "id",
  in: "path",
  required: true,
  description: "the connection id",
  schema: { type: "string", pattern: S.CONNECTION_ID.source },
};

let cached: Json | undefined;

/** The document; `origin` (the relay's own URL, when known) comes first in `servers`. */
export function openapi(origin?: string): Json {
  cached ??= build();
  const servers = [
    ...(origin ? [{ url: origin, description: "this relay" }] : []),
    {
      url: "https://imrelay.{account}.workers.dev",
      description: "a deployed relay",
      variables: { account: { default: "example", description: "your workers.dev subdomain" } },
    },
    { url: "http://127.0.0.1:8787", description: "wrangler dev" },
  ];
  return { ...cached, servers };
}

function build(): Json {
  const { schemas, actions, names, puts } = buildComponents();

  const actionPaths = Object.fromEntries(
    [...actions].map(([name, a]) => {
      const paramRefs = [...a.params].map(([schema, platforms]) => ({
        ...ref(names.get(schema)!),
        ...(a.params.size > 1 ? { description: `on ${platforms.join(", ")}` } : {}),
      }));
      const result = a.result ? ref(names.get(a.result)!) : { type: "object", description: "the upstream's answer" };
      return [
        `/v1/connections/{id}/actions/${name}`,
        {
          post: {
            operationId: camel(name),
            tags: ["actions"],
            summary: `Action ${name}`,
            description: `Platforms: ${a.platforms.join(", ")}. A repeat with the same \`Idempotency-Key\` within 24 h returns the first answer without acting again.`,
            parameters: [connectionParam, { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 1, maxLength: 255 } }],
            requestBody: body(paramRefs.length === 1 ? paramRefs[0]! : { anyOf: paramRefs }),
            responses: {
              "200": json("the upstream confirmed", result),
              "202": json("sent; the platform gives no confirmation (`message_id` null)", result),
              ...problems(
                "invalid_request",
                "not_found",
                "conflict",
                "payload_too_large",
                "upstream_rejected",
                "rate_limited",
                "unsupported_action",
                "upstream_error",
                "not_connected",
                "upstream_timeout",
              ),
            },
          },
        },
      ];
    }),
  );

  const typeFilter = query("type", S.EventsQuery.shape.type, "an event type, `prefix.*` or `*`");
  const after = query("after", S.EventsQuery.shape.after, "an event id: only events after it");
  const webhookHeaders = [
    { name: "webhook-id", in: "header", required: true, description: "the event id (the batch id for a batch): dedupe on it", schema: { type: "string" } },
    { name: "webhook-timestamp", in: "header", required: true, description: "unix seconds", schema: { type: "string" } },
    {
      name: "webhook-signature",
      in: "header",
      required: true,
      description: "`v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>`, space-separated when two secrets are current",
      schema: { type: "string" },
    },
  ];
  const receiver = (summary: string, operationId: string, schema: Json): Json => ({
    post: {
      operationId,
      tags: ["webhooks"],
      summary,
      description:
        "Signed per Standard Webhooks 1.0: verify with any Standard Webhooks library (npm `standardwebhooks`, the Svix SDKs) or `imrelay/client`'s `verifyWebhook`.",
      security: [],
      parameters: webhookHeaders,
      requestBody: body(schema),
      responses: {
        "200": { description: "received (any 2xx within 15 s); 410 Gone disables the webhook, anything else is retried" },
      },
    },
  });

  // The console's page and the files it loads: no token (the page asks for it), CSP self only.
  const consolePaths = Object.fromEntries(
    (
      [
        ["/console", "console", "text/html", "The console: a web page over this API; it asks for the token and keeps it in the tab's session storage"],
        ["/console/app.js", "consoleScript", "text/javascript", "The console's script"],
        ["/console/app.css", "consoleStylesheet", "text/css", "The console's stylesheet"],
        ["/console/icon.svg", "consoleIcon", "image/svg+xml", "The console's icon"],
      ] as const
    ).map(([path, operationId, type, summary]) => [
      path,
      {
        get: {
          operationId,
          tags: ["console"],
          security: [],
          summary,
          responses: { "200": { description: summary, content: { [type]: { schema: { type: "string" } } } } },
        },
      },
    ]),
  );

  return {
    openapi: "3.1.1",
    info: {
      title: "imrelay",
      version: VERSION,
      summary: "WebSocket-only IM platforms as signed webhooks and plain HTTP actions.",
      description:
        "Every `/v1` route needs `Authorization: Bearer <RELAY_TOKEN>`. Errors are RFC 9457 problem+json. Ids are strings. The `webhooks` section describes what the relay POSTs to `webhook.url`.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [
      { name: "meta", description: "Health and this document" },
      { name: "platforms", description: "The platforms and what each can do" },
      { name: "connections", description: "Upstream account sessions, one per connection" },
      { name: "events", description: "Stored events: pull, stream live, deliveries" },
      { name: "actions", description: "Act on the upstream: one route per action" },
      { name: "webhooks", description: "What the relay POSTs to your webhook" },
      { name: "console", description: "The web console served by the relay (GET /console)" },
    ],
    security: [{ bearer: [] }],
    paths: {
      "/healthz": { get: { operationId: "health", tags: ["meta"], security: [], summary: "Liveness", responses: { "200": json("up", ref("Health")) } } },
      "/openapi.json": {
        get: { operationId: "openapi", tags: ["meta"], security: [], summary: "This document", responses: { "200": json("OpenAPI 3.1", { type: "object" }) } },
      },
      ...consolePaths,
      "/v1/platforms": {
        get: {
          operationId: "listPlatforms",
          tags: ["platforms"],
          summary: "Platforms with their events and actions",
          responses: { "200": json("platforms", ref("PlatformList")), ...problems() },
        },
      },
      "/v1/connections": {
        get: {
          operationId: "listConnections",
          tags: ["connections"],
          summary: "List connections",
          responses: { "200": json("connections", ref("ConnectionList")), ...problems() },
        },
      },
      "/v1/connections/{id}": {
        parameters: [connectionParam],
        put: {
          operationId: "putConnection",
          tags: ["connections"],
          summary: "Create or replace a connection",
          description: "`upstream` is validated by the platform's own schema (one body variant per platform).",
          requestBody: body({
            oneOf: puts.map(([name]) => ref(name)),
            discriminator: {
              propertyName: "platform",
              mapping: Object.fromEntries(puts.map(([name, platform]) => [platform, `#/components/schemas/${name}`])),
            },
          }),
          responses: {
            "200": json("replaced", ref("ConnectionCreated")),
            "201": json("created; `webhook.secret` is shown this once when the relay generated it", ref("ConnectionCreated")),
            ...problems("invalid_request", "payload_too_large"),
          },
        },
        get: {
          operationId: "getConnection",
          tags: ["connections"],
          summary: "Read a connection",
          responses: { "200": json("the connection", ref("Connection")), ...problems("invalid_request", "not_found") },
        },
        patch: {
          operationId: "patchConnection",
          tags: ["connections"],
          summary: "Change enabled, webhook (partial) or upstream",
          requestBody: body(ref("ConnectionPatch")),
          responses: { "200": json("the connection", ref("Connection")), ...problems("invalid_request", "not_found", "payload_too_large") },
        },
        delete: {
          operationId: "deleteConnection",
          tags: ["connections"],
          summary: "Close the session and forget the connection",
          responses: { "204": { description: "deleted" }, ...problems("invalid_request", "not_found") },
        },
      },
      "/v1/connections/{id}/reconnect": {
        post: {
          operationId: "reconnectConnection",
          tags: ["connections"],
          summary: "Drop and reopen the upstream session",
          parameters: [connectionParam],
          responses: { "202": json("reconnecting", ref("Reconnecting")), ...problems("invalid_request", "not_found", "not_connected") },
        },
      },
      "/v1/connections/{id}/webhook/test": {
        post: {
          operationId: "testWebhook",
          tags: ["connections"],
          summary: "Store and deliver a webhook.test event",
          description: "Delivered like any other event (signed, retried, listed), whatever `webhook.events` says.",
          parameters: [connectionParam],
          responses: { "202": json("stored; delivery follows", ref("WebhookTestResult")), ...problems("invalid_request", "not_found") },
        },
      },
      "/v1/connections/{id}/events": {
        get: {
          operationId: "listEvents",
          tags: ["events"],
          summary: "Pull stored events, delivered or not",
          parameters: [connectionParam, after, query("limit", S.EventsQuery.shape.limit, "page size"), typeFilter],
          responses: { "200": json("a page of events, oldest first", ref("EventPage")), ...problems("invalid_request", "not_found") },
        },
      },
      "/v1/connections/{id}/events/stream": {
        get: {
          operationId: "streamEvents",
          tags: ["events"],
          summary: "Live events (Server-Sent Events)",
          description:
            "First the stored events after `after` (or the `Last-Event-ID` header), then each new event as it is stored: `id: <event id>`, `event: <type>`, `data: <Event JSON>`. A comment line every 15 s keeps the stream open. A view of the store: it never changes what is delivered to the webhook.",
          parameters: [
            connectionParam,
            after,
            typeFilter,
            {
              name: "Last-Event-ID",
              in: "header",
              required: false,
              description: "resume after this event (an EventSource sends it on reconnect); `after` wins",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": {
              description: "an event stream; each `data` is an `Event`",
              content: { "text/event-stream": { schema: { type: "string" } } },
              "x-event-data": ref("Event"),
            },
            ...problems("invalid_request", "not_found"),
          },
        },
      },
      "/v1/connections/{id}/deliveries": {
        get: {
          operationId: "listDeliveries",
          tags: ["events"],
          summary: "List webhook deliveries",
          parameters: [
            connectionParam,
            query("status", S.DeliveriesQuery.shape.status, "only deliveries in this state"),
            after,
            query("limit", S.DeliveriesQuery.shape.limit, "page size"),
          ],
          responses: { "200": json("a page of deliveries", ref("DeliveryPage")), ...problems("invalid_request", "not_found") },
        },
      },
      "/v1/connections/{id}/deliveries/{event_id}": {
        get: {
          operationId: "getDelivery",
          tags: ["events"],
          summary: "One event's delivery with every attempt's status and error",
          parameters: [connectionParam, { name: "event_id", in: "path", required: true, description: "the event's id", schema: { type: "string" } }],
          responses: { "200": json("the delivery and its attempts", ref("DeliveryDetail")), ...problems("not_found") },
        },
      },
      "/v1/connections/{id}/deliveries/retry": {
        post: {
          operationId: "retryDeliveries",
          tags: ["events"],
          summary: "Requeue deliveries (default: every failed one)",
          parameters: [connectionParam],
          requestBody: body(ref("RetryRequest"), false),
          responses: { "200": json("how many were requeued", ref("Requeued")), ...problems("invalid_request", "not_found", "payload_too_large") },
        },
      },
      "/v1/connections/{id}/stats": {
        get: {
          operationId: "getStats",
          tags: ["connections"],
          summary: "Traffic per bucket: events stored, deliveries settled, delivery latency",
          description:
            "Buckets of 1 min over the last hour (`1h`), 15 min over the last day (`24h`), 2 h over the last week (`7d`), aligned to multiples of `bucket_ms`, oldest first, the last one holding now, empty ones included. Latency is from the event being stored to the 2xx.",
          parameters: [connectionParam, query("window", S.StatsQuery.shape.window, "1h, 24h or 7d")],
          responses: { "200": json("one entry per bucket", ref("Stats")), ...problems("invalid_request", "not_found") },
        },
      },
      "/v1/connections/{id}/webhook/secret/rotate": {
        post: {
          operationId: "rotateWebhookSecret",
          tags: ["connections"],
          summary: "Rotate the webhook secret",
          description:
            "The new secret (generated when absent) is shown once; for 24 h every delivery carries two signatures, the new secret's first, space-separated; then the previous secret is forgotten.",
          parameters: [connectionParam],
          requestBody: body(ref("RotateRequest"), false),
          responses: { "200": json("the new secret", ref("SecretRotated")), ...problems("invalid_request", "not_found") },
        },
      },
      ...actionPaths,
    },
    webhooks: {
      ...Object.fromEntries(EVENT_TYPES.map((t: EventType) => [t, receiver(`${t} event`, `on${pascal(t)}`, ref(`${pascal(t)}Event`))])),
      batch: receiver("A batch of events (`webhook.batch`)", "onBatch", ref("EventBatch")),
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "RELAY_TOKEN" } },
      schemas,
    },
  };
}
