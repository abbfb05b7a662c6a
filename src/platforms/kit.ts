/**
 * What every adapter needs and none should write again: the decode guard, event builders,
 * the invalid-params problem, the URL schemas and their redaction, typed action builders and
 * small plan builders. An adapter built on these holds only what its protocol makes differ.
 */
import * as z from "zod";
import { ACTION_PARAMS, type ActionParams, type UnifiedAction } from "../events/actions.ts";
import type { DraftEvent, EventType } from "../events/types.ts";
import { base64 } from "../lib/bytes.ts";
import { isRecord, JsonLimitError, parseLossless } from "../lib/json.ts";
import { errorText, ProblemError, problem, type FieldError } from "../lib/problem.ts";
import type { ActionOutcome, Await, Context, Decoded, Frame, HttpAnswer, HttpRequest, Plan, PlatformAction } from "./contract.ts";

type Obj = Record<string, unknown>;

// ---- events -----------------------------------------------------------------------------------

/** A frame as an event's `raw` shows it when it cannot be read: its text, or its bytes in base64. */
export const rawOf = (frame: Frame): Obj => (typeof frame === "string" ? { text: frame } : { base64: base64(frame) });

/** A single event. */
export function one(type: EventType, data: Obj, raw: unknown, timestamp?: number): Decoded {
  const event: DraftEvent = { type, data, raw };
  if (timestamp !== undefined) event.timestamp = timestamp;
  return { events: [event] };
}

/**
 * Why a JSON frame could not be read, as an upstream.unknown's reason: "not JSON", or the
 * parse-time limit it broke (nesting, length), so the user sees what the frame did.
 */
export const jsonFailure = (err: unknown): string => (err instanceof JsonLimitError ? `${err.message}: not decoded` : "not JSON");

/** An `upstream.unknown` event: a frame the adapter cannot map, kept with the reason. */
export function unknown(reason: string, raw: unknown, timestamp?: number): Decoded {
  return one("upstream.unknown", { reason }, raw, timestamp);
}

/**
 * A text frame as a JSON object (lossless: 64-bit integers keep their digits), or the
 * `upstream.unknown` that says why it is not one: binary, not JSON (or past the parser's
 * nesting or length limit), or JSON but no object.
 */
export function objectFrame(frame: Frame): { object: Obj } | { unknown: Decoded } {
  if (typeof frame !== "string") return { unknown: unknown("binary frame", rawOf(frame)) };
  let parsed: unknown;
  try {
    parsed = parseLossless(frame);
  } catch (err) {
    return { unknown: unknown(jsonFailure(err), { text: frame }) };
  }
  return isRecord(parsed) ? { object: parsed } : { unknown: unknown("JSON frame is not an object", parsed) };
}

/**
 * A decode that never throws: a frame shape nobody foresaw still reaches the user, as an
 * `upstream.unknown` naming what went wrong, rather than vanishing.
 */
export function guardDecode<Config>(decode: (frame: Frame, ctx: Context<Config>) => Decoded): (frame: Frame, ctx: Context<Config>) => Decoded {
  return (frame, ctx) => {
    try {
      return decode(frame, ctx);
    } catch (err) {
      return unknown(`decoding failed: ${errorText(err)}`, rawOf(frame));
    }
  };
}

// ---- params -----------------------------------------------------------------------------------

/**
 * How an invalid_request's `detail` joins its field errors: `paths` ("chat.id: must be a QQ
 * number; reply_to: …", the default: the detail alone says which field) or `messages` (the
 * messages only, for errors whose message already names what is wrong).
 */
export type DetailStyle = "paths" | "messages";

/** Refuses the params: 400 invalid_request with one error per field. */
export function invalid(errors: FieldError[], style: DetailStyle = "paths"): never {
  const detail = errors.map((e) => (style === "paths" && e.path !== "" ? `${e.path}: ${e.message}` : e.message)).join("; ");
  throw new ProblemError(problem("invalid_request", detail, { errors }));
}

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A ws:// or wss:// URL (an upstream's socket). */
export const wsUrl = z.string().refine((v) => hasProtocol(v, ["ws:", "wss:"]), { message: "must be a ws:// or wss:// URL" });

/** An http:// or https:// URL (an upstream's API base). */
export const httpUrl = z.string().refine((v) => hasProtocol(v, ["http:", "https:"]), { message: "must be an http:// or https:// URL" });

/** A URL as a GET may show it: no query, no fragment, no user info (where credentials ride). */
export { publicUrl } from "../lib/url.ts";

// ---- actions ----------------------------------------------------------------------------------

/** A unified action (API.md's vocabulary): its params are validated and typed by its schema. */
export function unified<N extends UnifiedAction, Config = any>(
  name: N,
  plan: (params: ActionParams<N>, ctx: Context<Config>) => Plan,
): PlatformAction<Config, ActionParams<N>> {
  return { params: ACTION_PARAMS[name] as unknown as z.ZodType<ActionParams<N>>, plan };
}

/** An action with its own params schema (`<platform>.<name>`, or a unified action with more fields). */
export function platformAction<S extends z.ZodType, Config = any>(
  params: S,
  plan: (params: z.output<S>, ctx: Context<Config>) => Plan,
): PlatformAction<Config, z.output<S>> {
  return { params: params as z.ZodType<z.output<S>>, plan };
}

// ---- plans ------------------------------------------------------------------------------------

/** Frames to send; `awaiting` the reply's key (or two phases), or null when the upstream gives no answer. */
export function socketPlan(frames: Frame[], awaiting: Await | null): Plan {
  return { kind: "socket", frames, await: awaiting };
}

/** An HTTP request to the upstream's API and how its answer becomes the outcome (or the next plan). */
export function httpPlan(request: HttpRequest, parse: (answer: HttpAnswer, ctx: Context<any>) => ActionOutcome | Plan): Plan {
  return { kind: "http", ...request, parse };
}

/** Nothing to do on the wire: the outcome is known already. */
export const done = (outcome: ActionOutcome): Plan => ({ kind: "done", outcome });

/** Longest upstream text a problem quotes. */
export const UPSTREAM_TEXT_LIMIT = 500;

/** What an HTTP answer said, as a problem's `upstream` quotes it. */
export const upstreamSaid = (answer: HttpAnswer): { code: number; text: string } => ({
  code: answer.status,
  text: answer.text().slice(0, UPSTREAM_TEXT_LIMIT),
});

/** True for a 2xx answer. */
export const isSuccess = (answer: HttpAnswer): boolean => answer.status >= 200 && answer.status <= 299;
