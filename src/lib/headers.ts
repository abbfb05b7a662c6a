/**
 * HTTP header maps a user may configure (e.g. a roomim upstream's `headers`), validated where
 * they enter so that a dial never throws on them later. RFC 7230: a name is a token; a value is
 * visible ASCII, Latin-1 (obs-text), spaces and tabs, and never CR, LF, NUL or other controls.
 */
import * as z from "zod";

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export const HeaderMap = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) {
      ctx.addIssue({ code: "custom", path: [name], message: "is not a valid HTTP header name (RFC 7230 token: letters, digits and !#$%&'*+-.^_`|~)" });
    } else if (!FIELD_VALUE.test(value)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "a header value must not contain CR, LF, NUL or other control characters, nor characters beyond Latin-1",
      });
    }
  }
});
