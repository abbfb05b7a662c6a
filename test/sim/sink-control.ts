// The webhook sink's HTTP control API, for tests that cannot hold a reference to the sink.
//
//   POST /control/secret    { name, secret }            → { name }
//   POST /control/respond   { name, answers: [{ status, retryAfter?, delayMs?, body? }] } → { name, queued }
//   POST /control/down      { name, status: number | null } → { name, status }
//   GET  /control/deliveries[?name=]                     → { deliveries: [...] } every request
//   GET  /control/verified?name=                         → { deliveries: [...] } accepted, deduped
//   POST /control/reset                                  → { reset: true }

import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./http.ts";
import type { Sink, SinkAnswer } from "./sink.ts";

type Params = Record<string, unknown>;

class BadRequest extends Error {}

export async function handleControl(sink: Sink, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const body = (await readBody(req)).toString("utf8");
  const query = new URL(req.url ?? "/", "http://sink").searchParams;
  try {
    const result = route(sink, `${req.method} ${path}`, body, query);
    if (result === undefined) sendJson(res, 404, { error: `no control route ${req.method} ${path}` });
    else sendJson(res, 200, result);
  } catch (error) {
    sendJson(res, error instanceof BadRequest ? 400 : 500, { error: error instanceof Error ? error.message : String(error) });
  }
}

function route(sink: Sink, route: string, body: string, query: URLSearchParams): unknown {
  switch (route) {
    case "POST /control/secret": {
      const p = json(body);
      const name = text(p, "name");
      try {
        sink.secret(name, text(p, "secret"));
      } catch (error) {
        throw new BadRequest(`invalid secret: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { name };
    }
    case "POST /control/respond": {
      const p = json(body);
      const name = text(p, "name");
      if (!Array.isArray(p.answers) || !p.answers.every(isAnswer)) {
        throw new BadRequest("answers must be a list of { status, retryAfter?, delayMs?, body? }");
      }
      sink.respond(name, p.answers);
      return { name, queued: p.answers.length };
    }
    case "POST /control/down": {
      const p = json(body);
      const name = text(p, "name");
      const status = p.status ?? null;
      if (status !== null && !isStatus(status)) throw new BadRequest("status must be an HTTP status or null");
      sink.down(name, status);
      return { name, status };
    }
    case "GET /control/deliveries":
      return { deliveries: sink.deliveries(query.get("name") ?? undefined) };
    case "GET /control/verified": {
      const name = query.get("name");
      if (name === null) throw new BadRequest("name is required");
      return { deliveries: sink.verified(name) };
    }
    case "POST /control/reset":
      sink.reset();
      return { reset: true };
    default:
      return undefined;
  }
}

function json(body: string): Params {
  let value: unknown;
  try {
    value = JSON.parse(body || "{}");
  } catch {
    throw new BadRequest("body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new BadRequest("body must be a JSON object");
  return value as Params;
}

function text(p: Params, key: string): string {
  const value = p[key];
  if (typeof value !== "string" || value === "") throw new BadRequest(`${key} is required`);
  return value;
}

function isStatus(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 200 && value <= 599;
}

function isAnswer(value: unknown): value is SinkAnswer {
  if (typeof value !== "object" || value === null) return false;
  const a = value as Params;
  return (
    isStatus(a.status) &&
    (a.retryAfter === undefined || typeof a.retryAfter === "number" || typeof a.retryAfter === "string") &&
    (a.delayMs === undefined || typeof a.delayMs === "number") &&
    (a.body === undefined || typeof a.body === "string")
  );
}
