/**
 * A wschat connection's `upstream`: `url` (the socket, `ws(s)://host/ws`), `api` (the REST
 * base; default the socket's host over http/https) and `accessToken` (added by the relay as
 * `access_token` to the socket's URL and to every REST call; never shown).
 */
import * as z from "zod";
import { httpUrl, wsUrl } from "../kit.ts";
import { TOKEN_PARAM } from "./frames.ts";

export const WschatConfig = z.object({
  /** The socket, e.g. `wss://chat.example.com/ws`; an `access_token` already in it is replaced. */
  url: wsUrl,
  /** The REST base; default: the socket's host and port over http/https. */
  api: httpUrl.optional(),
  accessToken: z.string().min(1),
});
export type WschatConfig = z.output<typeof WschatConfig>;

/** The REST base in effect: `api`, or the socket's origin with ws→http and wss→https. */
export function apiBase(config: WschatConfig): string {
  if (config.api !== undefined) return config.api;
  const u = new URL(config.url);
  return `${u.protocol === "wss:" ? "https:" : "http:"}//${u.host}`;
}

/** The socket URL to dial: `url` with `access_token` set to the token. */
export function dialUrl(config: WschatConfig): string {
  const u = new URL(config.url);
  u.searchParams.set(TOKEN_PARAM, config.accessToken);
  return u.href;
}

/**
 * The URL of a REST route under the API base with `query` and the token. A path prefix in the
 * base (a reverse proxy's) is kept, and so is a query in it, except for any `access_token`.
 */
export function endpoint(config: WschatConfig, route: string, query: Record<string, string | undefined> = {}): string {
  const u = new URL(apiBase(config));
  const rel = new URL(route, "http://route.invalid");
  u.pathname = u.pathname.replace(/\/+$/, "") + rel.pathname;
  u.hash = "";
  for (const [k, v] of rel.searchParams) u.searchParams.set(k, v);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  u.searchParams.set(TOKEN_PARAM, config.accessToken);
  return u.href;
}
