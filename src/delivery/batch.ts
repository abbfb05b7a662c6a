/**
 * Batched delivery: deliveries due together go out as one signed POST whose body is
 * `{"type": "batch", "events": [Event, ...]}` and whose `webhook-id` is the batch's own id
 * (`bat_` + a ULID, new for every attempt). The events' bodies are the stored ones, joined as
 * they are: no parse, no re-serialisation. Each event keeps its own outcome: a 2xx settles
 * every event of the batch; anything else is a failed attempt for each of them, retried on
 * each event's own schedule (and in whatever batch is due then).
 */
import { ulid } from "../lib/ulid.ts";
import { attemptDelivery } from "./attempt.ts";
import { outcomeOf, signingSecrets, type DeliveryOutcome, type Due, type Webhook } from "./deliver.ts";

export const batchId = (now?: number): string => `bat_${ulid(now)}`;

export const batchBody = (bodies: readonly string[]): string => `{"type":"batch","events":[${bodies.join(",")}]}`;

/**
 * One attempt for several due events; their outcomes, in order. One jitter serves the whole
 * batch, so events that failed together and have made as many attempts come due together
 * again and travel together.
 */
export async function deliverBatch(
  webhook: Webhook,
  dues: readonly Due[],
  fetcher: typeof fetch = fetch,
  random: number = Math.random(),
): Promise<{ id: string; outcomes: DeliveryOutcome[] }> {
  const now = Date.now();
  const id = batchId(now);
  const result = await attemptDelivery(webhook.url, signingSecrets(webhook, now), id, batchBody(dues.map((d) => d.body)), now, fetcher);
  const answered = Date.now();
  return { id, outcomes: dues.map((d) => outcomeOf(result, d.attempts + 1, random, answered)) };
}
