/** /openapi.json, generated from the same zod schemas that validate requests. */
import * as z from "zod";
import { ACTION_PARAMS } from "../events/actions.ts";
import { PLATFORMS } from "../platforms/index.ts";
import { VERSION } from "../version.ts";
import { ConnectionPatch, ConnectionPut, RetryBody } from "./schemas.ts";

const schema = (s: z.ZodType): unknown => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "openapi-3.0" });

const problem = { description: "problem+json", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,62}$" } };
const errors = { "400": problem, "401": problem, "404": problem, "413": problem };

let cached: unknown;

export function openapi(): unknown {
  cached ??= build();
  return cached;
}

function build(): unknown {
  const actionPaths = Object.fromEntries(
    Object.entries(ACTION_PARAMS).map(([name, params]) => [
      `/v1/connections/{id}/actions/${name}`,
      {
        post: {
          summary: `Action ${name}`,
          parameters: [idParam, { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }],
          requestBody: { content: { "application/json": { schema: schema(params) } } },
          responses: {
            "200": ok("the upstream confirmed"),
            "202": ok("sent; the platform gives no confirmation"),
            ...errors,
            "409": problem,
            "422": problem,
            "501": problem,
            "502": problem,
            "503": problem,
            "504": problem,
          },
        },
      },
    ]),
  );
  return {
    openapi: "3.0.3",
    info: { title: "imrelay", version: VERSION, description: "WebSocket IM platforms as signed webhooks and HTTP actions." },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "code", "detail"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string" },
            detail: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
            upstream: { type: "object" },
          },
        },
        ConnectionPut: schema(ConnectionPut),
        ConnectionPatch: schema(ConnectionPatch),
        ...Object.fromEntries(Object.values(PLATFORMS).map((p) => [`Upstream_${p.name}`, schema(p.upstream)])),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/healthz": { get: { security: [], summary: "Liveness", responses: { "200": ok("up") } } },
      "/openapi.json": { get: { security: [], summary: "This document", responses: { "200": ok("OpenAPI 3") } } },
      "/v1/platforms": { get: { summary: "Platforms with their events and actions", responses: { "200": ok("platforms"), "401": problem } } },
      "/v1/connections": { get: { summary: "List connections", responses: { "200": ok("connections"), "401": problem } } },
      "/v1/connections/{id}": {
        parameters: [idParam],
        put: {
          summary: "Create or replace a connection",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ConnectionPut" } } } },
          responses: { "200": ok("replaced"), "201": ok("created; webhook.secret shown once when generated"), ...errors },
        },
        get: { summary: "Read a connection", responses: { "200": ok("connection"), ...errors } },
        patch: {
          summary: "Change enabled, webhook (partial) or upstream",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ConnectionPatch" } } } },
          responses: { "200": ok("connection"), ...errors },
        },
        delete: { summary: "Close the session and forget the connection", responses: { "204": { description: "deleted" }, ...errors } },
      },
      "/v1/connections/{id}/reconnect": { post: { parameters: [idParam], summary: "Drop and reopen the upstream session", responses: { "202": ok("reconnecting"), ...errors, "503": problem } } },
      "/v1/connections/{id}/events": {
        get: {
          parameters: [
            idParam,
            { name: "after", in: "query", schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
            { name: "type", in: "query", schema: { type: "string" } },
          ],
          summary: "Pull stored events",
          responses: { "200": ok("{ events, next }"), ...errors },
        },
      },
      "/v1/connections/{id}/deliveries": {
        get: {
          parameters: [
            idParam,
            { name: "status", in: "query", schema: { type: "string", enum: ["pending", "failed", "delivered"] } },
            { name: "after", in: "query", schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
          ],
          summary: "List webhook deliveries",
          responses: { "200": ok("{ deliveries, next }"), ...errors },
        },
      },
      "/v1/connections/{id}/deliveries/retry": {
        post: {
          parameters: [idParam],
          summary: "Requeue deliveries (default: every failed one)",
          requestBody: { content: { "application/json": { schema: schema(RetryBody) } } },
          responses: { "200": ok("{ requeued }"), ...errors },
        },
      },
      ...actionPaths,
    },
  };
}
