/**
 * The network guard applied to a connection's configuration: the webhook URL and every URL
 * field of the platform's `upstream` (found by walking the validated config, so a new
 * platform's URL fields are guarded without being listed). See lib/network.ts.
 */
import { networkRefusal, privateNetworksAllowed } from "../lib/network.ts";
import type { FieldError } from "../lib/problem.ts";
import type { Env } from "./env.ts";
import { invalid } from "./problem.ts";

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** String values of a config that are absolute URLs, with their paths (header maps are values, not URLs). */
function urlFields(value: unknown, path: string): { path: string; url: string }[] {
  if (typeof value === "string") return ABSOLUTE_URL.test(value) ? [{ path, url: value }] : [];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === "headers" ? [] : urlFields(v, `${path}.${key}`)));
}

/** Throws 400 naming each field whose URL the guard refuses. */
export function guardConnection(env: Env, input: { webhookUrl?: string; upstream?: unknown }): void {
  const allowPrivate = privateNetworksAllowed(env);
  const fields = [...(input.webhookUrl === undefined ? [] : [{ path: "webhook.url", url: input.webhookUrl }]), ...urlFields(input.upstream, "upstream")];
  const errors: FieldError[] = fields.flatMap(({ path, url }) => {
    const reason = networkRefusal(url, allowPrivate);
    return reason === null ? [] : [{ path, message: reason }];
  });
  if (errors.length) invalid("a URL the relay may not connect to", errors);
}
