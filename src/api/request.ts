/** Reading and validating request input with errors that name the field. */
import type { Context } from "hono";
import type * as z from "zod";
import { JsonLimitError, parseLossless } from "../lib/json.ts";
import { errorText } from "../lib/problem.ts";
import { fieldErrors } from "../session/actions.ts";
import { invalid } from "./problem.ts";
import { CONNECTION_ID } from "./schemas.ts";

/**
 * The JSON body (numbers JSON.parse would round kept as their digits); undefined when empty.
 * A body nested deeper than the parser's limit is refused here, before anything recurses on it.
 */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  try {
    return parseLossless(text);
  } catch (err) {
    if (err instanceof JsonLimitError) return invalid(`the JSON body is refused: ${err.message}`, [{ path: "", message: err.message }]);
    return invalid(`malformed JSON body: ${errorText(err)}`, [{ path: "", message: "malformed JSON" }]);
  }
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix = ""): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    invalid(
      `invalid ${what}`,
      fieldErrors(result.error).map((e) => ({ ...e, path: [prefix, e.path].filter(Boolean).join(".") })),
    );
  }
  return result.data;
}

export function connectionId(c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!CONNECTION_ID.test(id)) invalid("invalid connection id", [{ path: "id", message: "must match ^[a-z0-9][a-z0-9_-]{0,62}$" }]);
  return id;
}
