/**
 * Holding a wschat session: the socket with the token in its query, ready when it opens (no
 * login frame, no application heartbeat); liveness over REST; and after every connect and on
 * every poll one chain of REST calls: offline messages without dropping, then (if there were
 * any) dropping, then the invitation list. The session commits each step's events before it
 * makes the next request, which is what makes "fetch, store, then drop" lose nothing.
 */
import type { Context, Link, LinkStep, StepResult } from "../contract.ts";
import { dialUrl, endpoint, type WschatConfig } from "./config.ts";
import { ROUTE } from "./frames.ts";
import { invitationsRequest, readInvitations } from "./invitations.ts";
import { offlineRequest, readOffline } from "./offline.ts";

type Ctx = Context<WschatConfig>;

/** How often the chain runs while connected (offline messages missed by a glitch, new invitations). */
export const POLL_INTERVAL_MS = 30_000;

const refusedIn = (result: StepResult): boolean => (result.signals ?? []).some((s) => s.kind === "refused");

/** Step 1: the offline messages, kept on the server. */
function fetchStep(ctx: Ctx): LinkStep {
  return {
    request: offlineRequest(ctx, false),
    then(answer, ctx) {
      const { fetched, ...result } = readOffline(answer, ctx);
      if (refusedIn(result)) return result;
      return { ...result, next: fetched > 0 ? dropStep(ctx) : invitationsStep(ctx) };
    },
  };
}

/** Step 2: the same again, dropped by the server now that they are stored. */
function dropStep(ctx: Ctx): LinkStep {
  return {
    request: offlineRequest(ctx, true),
    then(answer, ctx) {
      const { fetched: _, ...result } = readOffline(answer, ctx, true);
      return refusedIn(result) ? result : { ...result, next: invitationsStep(ctx) };
    },
  };
}

/** Step 3: invitations not seen before. */
function invitationsStep(ctx: Ctx): LinkStep {
  return { request: invitationsRequest(ctx), then: (answer, ctx) => readInvitations(answer, ctx) };
}

export const link: Link<WschatConfig> = {
  dial(ctx) {
    return { url: dialUrl(ctx.config) };
  },
  readiness: "open",
  // The server's keep-alive, if any, is WebSocket pings, which the runtime answers unseen: a
  // hung server is caught by a cheap authenticated query (group ids only).
  probe: {
    intervalMs: 10_000,
    timeoutMs: 5_000,
    request(ctx) {
      return { method: "GET", url: endpoint(ctx.config, ROUTE.groups, { detailed: "false" }) };
    },
  },
  connected: (ctx) => fetchStep(ctx),
  poll: { intervalMs: POLL_INTERVAL_MS, step: (ctx) => fetchStep(ctx) },
};
