/**
 * Receiving the relay's webhooks: verify the Standard Webhooks signature with the
 * `standardwebhooks` library, then hand back the typed body (one Event, or a batch).
 */
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { Event, EventBatch, WebhookBody } from "../events/payloads.ts";

export { WebhookVerificationError };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function plainHeaders(headers: HeaderSource): Record<string, string> {
  if (headers instanceof Headers) return Object.fromEntries(headers);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/**
 * Verifies a delivery (the raw body as received, and its headers) signed with `secret`
 * (`whsec_…`), and returns its body. Throws WebhookVerificationError when the signature,
 * the timestamp (5 minutes of tolerance) or the headers are wrong.
 */
export function verifyWebhook(secret: string, body: string, headers: HeaderSource): WebhookBody {
  const verified = new Webhook(secret).verify(body, plainHeaders(headers)) as unknown;
  if (typeof verified !== "object" || verified === null || typeof (verified as { type?: unknown }).type !== "string") {
    throw new WebhookVerificationError("the body is not an imrelay event");
  }
  return verified as WebhookBody;
}

/** verifyWebhook for a fetch Request (Workers, Deno, Bun, Node's fetch-style servers). */
export async function receiveWebhook(request: Request, secret: string): Promise<WebhookBody> {
  return verifyWebhook(secret, await request.text(), request.headers);
}

export const isBatch = (body: WebhookBody): body is EventBatch => body.type === "batch";

/** The events a delivery carries (one, or a batch's), in order. */
export const eventsOf = (body: WebhookBody): Event[] => (isBatch(body) ? body.events : [body]);
