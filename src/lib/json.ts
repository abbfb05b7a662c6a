/**
 * Lossless, bounded JSON for upstream frames and request bodies.
 *
 * Upstreams send 64-bit ids as bare JSON numbers; JSON.parse would round them. The reviver
 * reads each number's source text (ES2025 `context.source`) and keeps every integer beyond
 * 2^53 (an id, even where a double happens to hold it) and any other number whose value as a
 * double differs from what its text says (12345678901234567890.5, 1e400) as that exact text,
 * a string. Writing back, `exactNumber` turns such text into a bare
 * JSON number again with `JSON.rawJSON`.
 *
 * Limits are applied while parsing, where input enters: JSON.stringify, structured clone (RPC)
 * and the reviver itself recurse, so a value nested thousands deep would throw later, anywhere.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The deepest nesting of arrays and objects accepted (real frames and bodies nest < 20). */
export const MAX_JSON_DEPTH = 128;
/** The longest text accepted, in characters (UTF-16 code units): 1 MiB of ASCII. */
export const MAX_JSON_LENGTH = 1024 * 1024;

export interface JsonLimits {
  maxDepth?: number;
  maxLength?: number;
}

/** JSON refused for its shape, not its syntax: nested too deep or too long. */
export class JsonLimitError extends Error {
  readonly limit: "depth" | "length";
  constructor(limit: "depth" | "length", message: string) {
    super(message);
    this.name = "JsonLimitError";
    this.limit = limit;
  }
}

type ReviverContext = { source?: string };

const INTEGER = /^-?\d+$/;
/** A JSON number's text: the only text `JSON.rawJSON` accepts as a number. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// Only a bare number with 16+ digits or an exponent can lose anything in JSON.parse; texts
// without one (after `:`, `[`, `,` or at the start) take the fast path.
const MAYBE_INEXACT = /(?:^|[:[,])\s*-?(?:[\d.]{16}|[\d.]+[eE])/;

/** The value a decimal text denotes, canonically: sign, significant digits, exponent. */
function decimal(text: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null; // Infinity, NaN
  const frac = m[3] ?? "";
  let digits = (m[2]! + frac).replace(/^0+/, "");
  if (digits === "") return "0";
  let exp = Number(m[4] ?? 0) - frac.length;
  const trimmed = digits.replace(/0+$/, "");
  exp += digits.length - trimmed.length;
  digits = trimmed;
  return `${m[1]}${digits}e${exp}`;
}

function keepInexact(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value !== "number") return value;
  const source = context?.source;
  if (source === undefined) return value;
  if (INTEGER.test(source)) return Number.isSafeInteger(value) ? value : source; // ids beyond 2^53: always their digits
  // Shortest round-trip text of the double vs. the text sent: equal values need nothing kept.
  return decimal(String(value)) === decimal(source) ? value : source;
}

/**
 * The nesting depth of a JSON text exceeds `max`? A linear scan that skips strings; it does
 * not validate (JSON.parse does that next).
 */
function deeperThan(text: string, max: number): boolean {
  // A text with no more openers than the limit cannot nest deeper.
  let openers = 0;
  for (let i = text.indexOf("["); i !== -1 && openers <= max; i = text.indexOf("[", i + 1)) openers++;
  for (let i = text.indexOf("{"); i !== -1 && openers <= max; i = text.indexOf("{", i + 1)) openers++;
  if (openers <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Parses JSON text, keeping numbers JSON.parse would round as their source text. Throws
 * SyntaxError on bad JSON and JsonLimitError on text nested deeper than `maxDepth` or longer
 * than `maxLength`.
 */
export function parseLossless(text: string, limits: JsonLimits = {}): Json {
  const maxLength = limits.maxLength ?? MAX_JSON_LENGTH;
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  if (text.length > maxLength) throw new JsonLimitError("length", `JSON text is over ${maxLength} characters (${text.length})`);
  if (deeperThan(text, maxDepth)) throw new JsonLimitError("depth", `JSON nested deeper than ${maxDepth} levels`);
  return MAYBE_INEXACT.test(text) ? (JSON.parse(text, keepInexact as never) as Json) : (JSON.parse(text) as Json);
}

/** A value that serialises as a bare JSON number when `id` is a JSON number's text, else as a string. */
export function exactNumber(id: string): unknown {
  return NUMBER.test(id) ? (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(id) : id;
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
