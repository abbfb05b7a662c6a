/**
 * wschat (seed 002): private and group messages and notifications over one WebSocket; offline
 * messages, groups, invitations and a notification push over a REST API on the same host,
 * every call carrying the account's `access_token`. See frames.ts for the wire, link.ts for
 * the session, decode.ts and encode.ts for events and actions.
 */
import type { Platform } from "../contract.ts";
import type { EventType } from "../../events/types.ts";
import { publicUrl } from "../kit.ts";
import { WschatConfig, apiBase } from "./config.ts";
import { decode } from "./decode.ts";
import { actions } from "./encode.ts";
import { INVITATION_SHELF } from "./invitations.ts";
import { link } from "./link.ts";

const EVENTS = ["message.created", "notification.received", "group.invited"] as const satisfies readonly EventType[];

export const wschat: Platform<WschatConfig> = {
  name: "wschat",
  seed: "002",
  upstream: WschatConfig,
  redact(config) {
    // `accessToken` is never shown; the URLs lose their query (an `access_token` may ride there).
    return { url: publicUrl(config.url), api: publicUrl(apiBase(config)) };
  },
  events: EVENTS,
  actions,
  link,
  // Invitations seen, for request.approve/reject: the newest 1,000 (a pending one forgotten is
  // listed again by the next poll; its event dedupes).
  memory: { [INVITATION_SHELF]: { capacity: 1_000 } },
  decode,
};

export default wschat;
