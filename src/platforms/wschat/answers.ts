/**
 * Reading the REST API's answers. The seed gives each route its status codes: 200 is success;
 * 403 is a refusal (not the owner, not a member, not your invitation, a bad notification);
 * GET /api/message also answers 400 to a bad request. A refused token is 401 or 403 on the
 * socket's upgrade; on REST it can only show as the same codes.
 */
import type { HttpAnswer } from "../contract.ts";
import { UPSTREAM_TEXT_LIMIT } from "../kit.ts";
import { parseLossless, type Json } from "../../lib/json.ts";

/** Statuses that mean the server refused what was asked (rather than failed at it). */
export const REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 403, 404, 409]);

/** Statuses that mean the token itself is not accepted. */
export const TOKEN_REFUSED: ReadonlySet<number> = new Set([401, 403]);

/** The answer's text, cut to the length problems quote. */
export const said = (answer: HttpAnswer): string => answer.text().slice(0, UPSTREAM_TEXT_LIMIT);

/** The answer's body as JSON (lossless); `undefined` for an empty body; `{text}` for anything that is not JSON. */
export function bodyOf(answer: HttpAnswer): { json: Json | undefined } | { text: string } {
  const text = answer.text();
  const trimmed = text.trim();
  if (trimmed === "") return { json: undefined };
  // A bare integer (a new group's id) keeps all its digits as a string, past 2^53 too.
  if (/^-?\d+$/.test(trimmed)) return { json: Number.isSafeInteger(Number(trimmed)) ? Number(trimmed) : trimmed };
  try {
    return { json: parseLossless(text) };
  } catch {
    return { text };
  }
}
