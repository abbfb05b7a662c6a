/**
 * Lossless JSON for upstream frames.
 *
 * Upstreams send 64-bit ids as bare JSON numbers; JSON.parse would round them. The reviver
 * reads each number's source text (ES2025 `context.source`) and keeps any integer beyond
 * 2^53 as its exact digit string. Writing back, `exactNumber` turns digits into a bare JSON
 * number again with `JSON.rawJSON`.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type ReviverContext = { source?: string };

const INTEGER = /^-?\d+$/;
// Only a bare number of 16+ digits (after `:`, `[` or `,`, not inside a string) can be an
// unsafe integer; frames without one take the fast path.
const LONG_DIGITS = /[:[,]\s*-?\d{16}/;

function keepBigIntegers(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value === "number" && !Number.isSafeInteger(value) && context?.source && INTEGER.test(context.source)) {
    return context.source;
  }
  return value;
}

/** Parses JSON text, keeping integers beyond 2^53 as digit strings. Throws SyntaxError on bad JSON. */
export function parseLossless(text: string): Json {
  return LONG_DIGITS.test(text) ? (JSON.parse(text, keepBigIntegers as never) as Json) : (JSON.parse(text) as Json);
}

/** A value that serialises as a bare JSON number when `id` is all digits, else as a string. */
export function exactNumber(id: string): unknown {
  return INTEGER.test(id) ? (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(id) : id;
}

/** A JSON id (number or string) as a string; undefined for anything else. */
export function idString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
