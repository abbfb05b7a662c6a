/** The lossless JSON parser: exact numbers, and the depth and size limits applied while parsing. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactNumber, JsonLimitError, MAX_JSON_DEPTH, parseLossless } from "../../src/lib/json.ts";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);

/** Any JSON value whose numbers JSON.parse reads exactly (finite doubles printed by String). */
const plainJson = fc.jsonValue({ maxDepth: 6, noUnicodeString: false }).filter((v) => !JSON.stringify(v).includes("-0"));

describe("lossless JSON: numbers", () => {
  it("keeps the source text of non-integers JSON.parse would round", () => {
    expect(parseLossless('{"id": 12345678901234567890.5, "f": 1.5, "tiny": 0.1}')).toEqual({ id: "12345678901234567890.5", f: 1.5, tiny: 0.1 });
    expect(parseLossless("[1.00000000000000000001, 1e400, -1e400, 123456789012345678901e-3]")).toEqual([
      "1.00000000000000000001",
      "1e400",
      "-1e400",
      "123456789012345678901e-3",
    ]);
  });

  it("leaves numbers that denote the value JSON.parse gives alone, however they are written", () => {
    expect(parseLossless("[1.0, 1E2, 2.50, -0.0, 9007199254740991, 1.7976931348623157e308, 5e-324]")).toEqual([
      1, 100, 2.5, -0, 9007199254740991, 1.7976931348623157e308, 5e-324,
    ]);
    expect(parseLossless("12345678901234567890")).toBe("12345678901234567890");
    // Integers beyond 2^53 are ids: digits even where a double holds them exactly (2^53 + 4).
    expect(parseLossless("[9007199254740996, 9007199254740991, 1e20]")).toEqual(["9007199254740996", 9007199254740991, 1e20]);
  });

  it("writes any kept number back as the same bare number, anything else as a string", () => {
    const ids = ["1858415724765278210", "12345678901234567890.5", "-1e400", "0.1"];
    expect(JSON.stringify(ids.map(exactNumber))).toBe("[1858415724765278210,12345678901234567890.5,-1e400,0.1]");
    // Not JSON numbers (leading zeros, a sign JSON lacks, words): strings, never a throw.
    expect(JSON.stringify(["007", "+1", "1.", "zhangsan", ""].map(exactNumber))).toBe('["007","+1","1.","zhangsan",""]');
  });

  it("round trips: a JSON text parses to the value JSON.parse gives, integers beyond 2^53 as their digits", () => {
    fc.assert(
      fc.property(plainJson, (value) => {
        const text = JSON.stringify(value);
        // What JSON.parse gives, but integers beyond 2^53 (ids) as their digits.
        const expected = JSON.parse(text, (_k, v, ctx?: { source?: string }) =>
          typeof v === "number" && /^-?\d+$/.test(ctx?.source ?? "") && !Number.isSafeInteger(v) ? ctx!.source : v,
        );
        expect(parseLossless(text)).toEqual(expected);
      }),
    );
  });

  it("round trips every number text: its value exactly, or its digits when JSON.parse would round", () => {
    const numberText = fc
      .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9]\d{0,30})$/), fc.option(fc.stringMatching(/^\d{1,25}$/)), fc.option(fc.integer({ min: -400, max: 400 })))
      .map(([neg, int, frac, exp]) => `${neg ? "-" : ""}${int}${frac === null ? "" : `.${frac}`}${exp === null ? "" : `e${exp}`}`);
    fc.assert(
      fc.property(numberText, (text) => {
        const parsed = parseLossless(`{"n": ${text}}`) as { n: unknown };
        if (typeof parsed.n === "string") {
          expect(parsed.n).toBe(text);
          expect(JSON.stringify({ n: exactNumber(parsed.n) })).toBe(`{"n":${text}}`);
        } else {
          // Kept as a number only when nothing was lost: the number prints back to the same value.
          expect(parsed.n).toBe(JSON.parse(text));
          expect(sameDecimal(String(parsed.n), text)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("lossless JSON: limits", () => {
  it("refuses nesting deeper than the limit, with a reason that says so, before anything recurses", () => {
    for (const [open, close] of [
      ["[", "]"],
      ['{"a":', "}"],
    ] as const) {
      const deep = nested(10_000, open, close);
      expect(() => parseLossless(deep)).toThrow(JsonLimitError);
      expect(() => parseLossless(deep)).toThrow(/nested deeper than 128 levels/);
    }
    // Long digits take the reviver path, which recursed itself to death at ~5,000 levels.
    expect(() => parseLossless(`${"[".repeat(6000)}12345678901234567890${"]".repeat(6000)}`)).toThrow(JsonLimitError);
  });

  it("accepts nesting up to the limit; brackets inside strings do not count", () => {
    expect(MAX_JSON_DEPTH).toBe(128);
    expect(() => parseLossless(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseLossless(nested(MAX_JSON_DEPTH + 1))).toThrow(JsonLimitError);
    const text = JSON.stringify({ s: "[".repeat(5000) + '\\"{'.repeat(100), t: "]]]" });
    expect(parseLossless(text)).toEqual(JSON.parse(text));
  });

  it("refuses text over the size limit", () => {
    const big = JSON.stringify({ text: "x".repeat(2000) });
    expect(() => parseLossless(big, { maxLength: 1000 })).toThrow(/over 1000 characters/);
    expect(parseLossless(big, { maxLength: 5000 })).toEqual({ text: "x".repeat(2000) });
  });

  it("depth: any value is parsed iff it nests no deeper than the limit", () => {
    const depthOf = (v: unknown): number => (typeof v === "object" && v !== null ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0);
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom(1, "[{", null),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 3 }), tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 8 }), (value, limit) => {
        const text = JSON.stringify(value);
        if (depthOf(value) <= limit) expect(parseLossless(text, { maxDepth: limit })).toEqual(JSON.parse(text));
        else expect(() => parseLossless(text, { maxDepth: limit })).toThrow(JsonLimitError);
      }),
      { numRuns: 500 },
    );
  });

  it("malformed text is a SyntaxError, never a limit error or anything else", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom("[", "]", "{", "}", '"', "\\", ":", ",", "1", "a", " ") }), (text) => {
        try {
          parseLossless(text);
        } catch (err) {
          expect(err).toBeInstanceOf(SyntaxError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** Whether two decimal number texts denote the same value (ignoring a zero's sign). */
function sameDecimal(a: string, b: string): boolean {
  const norm = (t: string) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(t)!;
    let digits = (m[2]! + (m[3] ?? "")).replace(/^0+/, "");
    let exp = Number(m[4] ?? 0) - (m[3] ?? "").length;
    if (digits === "") return "0";
    while (digits.endsWith("0")) {
      digits = digits.slice(0, -1);
      exp++;
    }
    return `${m[1]}${digits}e${exp}`;
  };
  return norm(a) === norm(b);
}
