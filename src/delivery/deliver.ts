/**
 * Delivering one event: one attempt, and what it means for the event's delivery — a tagged
 * outcome the session records as it is, with no further interpretation.
 */
import { attemptDelivery, type AttemptResult } from "./attempt.ts";
import { nextDelay } from "./schedule.ts";

export type DeliveryOutcome =
  /** 2xx within the timeout. */
  | { kind: "delivered"; attempts: number; status: number }
  /** Not delivered: retried at `retryAt`, or failed for good when it is null (attempts exhausted). */
  | { kind: "failed"; attempts: number; status: number | null; error: string; retryAt: number | null }
  /** 410 Gone: the receiver asks to stop; the webhook is disabled. */
  | { kind: "gone"; attempts: number; status: number; error: string };

export interface Webhook {
  url: string;
  secret: string;
  /** The secret a rotation replaced, still signing beside `secret` until `expires_at`. */
  previous?: { secret: string; expires_at: number } | null;
}

/** The secrets that sign a delivery at `now`: the current one first, then the previous one until it expires. */
export function signingSecrets(webhook: Webhook, now: number): string[] {
  return webhook.previous && webhook.previous.expires_at > now ? [webhook.secret, webhook.previous.secret] : [webhook.secret];
}

/** A stored event due for delivery: its id (the webhook-id), the attempts made so far and its body. */
export interface Due {
  event_id: string;
  attempts: number;
  body: string;
}

export async function deliverEvent(webhook: Webhook, due: Due, fetcher: typeof fetch = fetch, random?: number): Promise<DeliveryOutcome> {
  const result = await attemptDelivery(webhook.url, signingSecrets(webhook, Date.now()), due.event_id, due.body, Date.now(), fetcher);
  return outcomeOf(result, due.attempts + 1, random, Date.now());
}

/**
 * What an attempt's answer means for an event that has now had `attempts` attempts. `now` is
 * read once per attempt by the caller, so events answered together are retried together.
 */
export function outcomeOf(result: AttemptResult, attempts: number, random: number | undefined, now: number): DeliveryOutcome {
  if (result.delivered) return { kind: "delivered", attempts, status: result.status! };
  if (result.gone) return { kind: "gone", attempts, status: 410, error: "410 Gone: the webhook is disabled" };
  const delay = nextDelay(attempts, result.retryAfterMs, random, result.status === 429 || result.timedOut);
  return { kind: "failed", attempts, status: result.status, error: result.error ?? "failed", retryAt: delay === null ? null : now + delay };
}
