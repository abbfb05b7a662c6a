// Lossless JSON for roomim frames. The upstream writes 64-bit ids as bare JSON numbers
// (`"room": 1858415724765278210`), which JSON.parse would round and JSON.stringify cannot
// produce from a JS number. Node 24 has what is needed: the reviver's `context.source`
// (the exact text of a number) and JSON.rawJSON (a value that stringifies as given).

/** A value that JSON.stringify writes verbatim, unquoted. */
export type RawJson = { readonly rawJSON: string };

type ParseContext = { source?: string };

const rawJSONApi = JSON as unknown as {
  rawJSON(text: string): RawJson;
  isRawJSON(value: unknown): value is RawJson;
};

const INTEGER = /^-?\d+$/;

/** Anything that names a numeric id: digit string, safe number, or bigint. */
export type IdLike = string | number | bigint;

/** The id as text (digits for numbers and bigints; strings as they are). */
export function idText(id: IdLike): string {
  return typeof id === "string" ? id : BigInt(id).toString();
}

/**
 * The id as a bare JSON number with exactly its digits. An id that is not an integer
 * cannot be written bare, so it stays a string.
 */
export function bare(id: IdLike): RawJson | string {
  const text = idText(id);
  return INTEGER.test(text) ? rawJSONApi.rawJSON(text) : text;
}

export function isRawJson(value: unknown): value is RawJson {
  return rawJSONApi.isRawJSON(value);
}

/** JSON.parse, except that integers beyond 2^53 become strings of their exact digits. */
export function parseLossless(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: ParseContext) => {
    const source = context?.source;
    if (typeof value === "number" && !Number.isSafeInteger(value) && source && INTEGER.test(source)) {
      return source;
    }
    return value;
  });
}

/**
 * JSON.parse keeping every number as the text it was written with, so that
 * JSON.stringify of the result (or of any part of it) echoes the numbers byte for byte.
 */
export function parseExact(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: ParseContext) =>
    typeof value === "number" && context?.source !== undefined ? rawJSONApi.rawJSON(context.source) : value,
  );
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isRawJson(value);
}
