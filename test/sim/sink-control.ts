// The webhook sink's HTTP control API, for tests that cannot hold a reference to the sink.
//
//   POST /control/secret    { name, secret }            → { name }
//   POST /control/respond   { name, answers: [{ status, retryAfter?, delayMs?, body? }] } → { name, queued }
//   POST /control/down      { name, status: number | null } → { name, status }
//   GET  /control/deliveries[?name=]                     → { deliveries: [...] } every request
//   GET  /control/verified?name=                         → { deliveries: [...] } accepted, deduped
//   POST /control/reset                                  → { reset: true }

import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequest, json, serveControl, type Params } from "./control.ts";
import type { Sink, SinkAnswer } from "./sink.ts";

export function handleControl(sink: Sink, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  return serveControl(req, res, path, (r, body, query) => route(sink, r, body, query));
}

function route(sink: Sink, route: string, body: Buffer, query: URLSearchParams): unknown {
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
