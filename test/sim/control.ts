// The plumbing every simulator's HTTP /control API shares: reading the request, answering
// 200 with the route's result, 404 for no route, 400 for bad input, 500 otherwise.

import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./http.ts";
import { isObject, parseLossless } from "./json.ts";

export type Params = Record<string, unknown>;

/** Bad control input: answered 400 with its message. */
export class BadRequest extends Error {}

/** A route: `"METHOD /path"`, the raw body and the query → a JSON result, or undefined for no such route. */
export type ControlRoute = (route: string, body: Buffer, query: URLSearchParams) => unknown;

export async function serveControl(req: IncomingMessage, res: ServerResponse, path: string, route: ControlRoute): Promise<void> {
  const body = await readBody(req);
  try {
    const result = route(`${req.method} ${path}`, body, new URL(req.url ?? "/", "http://sim").searchParams);
    if (result === undefined) sendJson(res, 404, { error: `no control route ${req.method} ${path}` });
    else sendJson(res, 200, result);
  } catch (error) {
    const invalid = [BadRequest, TypeError, RangeError, SyntaxError].some((kind) => error instanceof kind);
    sendJson(res, invalid ? 400 : 500, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** The request body as a JSON object (empty body: {}), big integers kept as digit strings. */
export function json(body: Buffer): Params {
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  let value: unknown;
  try {
    value = parseLossless(text);
  } catch {
    throw new BadRequest("body is not valid JSON");
  }
  if (!isObject(value)) throw new BadRequest("body must be a JSON object");
  return value;
}

/** An optional number or string parameter, checked for its type. */
export function optional<T extends "number" | "string">(p: Params, key: string, type: T): (T extends "number" ? number : string) | undefined {
  const value = p[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw new BadRequest(`${key} must be a ${type}`);
  return value as T extends "number" ? number : string;
}
