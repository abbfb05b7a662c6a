/**
 * Group invitations: the server pushes nothing about them, so the link lists them (GET
 * /api/request) on every connect and poll. Each invitation not seen before becomes one
 * `group.invited {request {id, group {id, name}, inviter {id}}}`, deduped by its id, and is
 * remembered as `invitation:<id>` (its group): request.approve and request.reject take an id
 * only if it names an invitation the relay has seen.
 *
 * The list is read as the invitations addressed to this account (the seed's `userId`, the
 * invited user, is then always this account; approving any other is refused with a 403).
 */
import type { Context, Decoded, HttpAnswer } from "../contract.ts";
import type { DraftEvent } from "../../events/types.ts";
import { bodyOf, said } from "./answers.ts";
import { endpoint, type WschatConfig } from "./config.ts";
import { Invitation, InvitationList, ROUTE } from "./frames.ts";
import { unknownEvent } from "./decode.ts";
import { failed, recovered } from "./faults.ts";
import { invitationDedupe } from "./ids.ts";

type Ctx = Context<WschatConfig>;

/** Memory of an invitation seen: its group. */
export interface SeenInvitation {
  group: string;
}

/** The memory shelf of invitations seen, one key each. */
export const INVITATION_SHELF = "invitation";
export const invitationKey = (id: string): string => `${INVITATION_SHELF}:${id}`;

export function invitationsRequest(ctx: Ctx): { method: string; url: string } {
  return { method: "GET", url: endpoint(ctx.config, ROUTE.requests) };
}

export function readInvitations(answer: HttpAnswer | { error: string }, ctx: Ctx): Decoded {
  const what = "the invitation list (GET /api/request)";
  const problem = failed("invitations", what, answer, ctx);
  if (problem) return problem;
  const body = bodyOf(answer as HttpAnswer);
  const list = "json" in body ? InvitationList.safeParse(body.json ?? []) : null;
  if (!list?.success) return failed("invitations", what, { unreadable: said(answer as HttpAnswer) }, ctx)!;

  const events: DraftEvent[] = [];
  const remember: Record<string, unknown> = { ...recovered("invitations", ctx).remember };
  for (const item of list.data) {
    const parsed = Invitation.safeParse(item);
    if (!parsed.success) {
      events.push(unknownEvent("an invitation without an id or groupId", item));
      continue;
    }
    const inv = parsed.data;
    const key = invitationKey(inv.id);
    if (ctx.recall(key) !== undefined || key in remember) continue;
    const group: Record<string, unknown> = { id: inv.groupId };
    if (inv.groupName !== undefined && inv.groupName !== "") group.name = inv.groupName;
    const request: Record<string, unknown> = { id: inv.id, group };
    if (inv.invitedBy !== undefined) request.inviter = { id: inv.invitedBy };
    events.push({ type: "group.invited", data: { request }, raw: item, dedupe: invitationDedupe(inv.id) });
    remember[key] = { group: inv.groupId } satisfies SeenInvitation;
  }
  return Object.keys(remember).length > 0 ? { events, remember } : { events };
}
