/** Batched delivery's pure part: one signed POST for several events, one outcome per event. */
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { batchBody, deliverBatch } from "../../src/delivery/batch.ts";
import { SharedDeadlines } from "../../src/lib/deadline.ts";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const webhook = { url: "https://bot.example/hooks", secret };
const event = (n: number) => ({ id: `evt_${String(n).padStart(26, "0")}`, type: "message.created", data: { n, big: 1858415724765278210n.toString() } });
const dues = [1, 2, 3].map((n, i) => ({ event_id: event(n).id, attempts: i === 2 ? 3 : 0, body: JSON.stringify(event(n)) }));

/** A fetcher that records the request and answers `status`. */
function answering(status: number, headers: Record<string, string> = {}) {
  const seen: Request[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return new Response(null, { status, headers });
  }) as typeof fetch;
  return { seen, fetcher };
}

describe("batched delivery", () => {
  it("joins the stored bodies unchanged into {type: batch, events}", () => {
    const body = batchBody(dues.map((d) => d.body));
    expect(JSON.parse(body)).toEqual({ type: "batch", events: [event(1), event(2), event(3)] });
    expect(body).toContain(dues[1]!.body);
  });

  it("sends one POST signed under the batch's own id, verifiable with standardwebhooks", async () => {
    const { seen, fetcher } = answering(204);
    const { id, outcomes } = await deliverBatch(webhook, dues, fetcher);
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(id).toMatch(/^bat_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(request.headers.get("webhook-id")).toBe(id);
    const body = await request.text();
    const verified = new Webhook(secret).verify(body, Object.fromEntries(request.headers)) as { type: string; events: unknown[] };
    expect(verified.type).toBe("batch");
    expect(verified.events).toHaveLength(3);
    expect(outcomes).toEqual([
      { kind: "delivered", attempts: 1, status: 204 },
      { kind: "delivered", attempts: 1, status: 204 },
      { kind: "delivered", attempts: 4, status: 204 },
    ]);
  });

  it("a failed batch fails each event on its own schedule, with one jitter for the batch", async () => {
    const before = Date.now();
    const { outcomes } = await deliverBatch(webhook, dues, answering(500).fetcher, 0.5);
    expect(outcomes.map((o) => o.kind)).toEqual(["failed", "failed", "failed"]);
    const [a, b, c] = outcomes as { retryAt: number; attempts: number }[];
    // First attempts retry 5 s later (±20 %, the same draw: together again); the fourth, 2 h later.
    expect(a!.retryAt).toBe(b!.retryAt);
    expect(a!.retryAt - before).toBeGreaterThanOrEqual(4_000);
    expect(a!.retryAt - before).toBeLessThan(6_100);
    expect(c!.attempts).toBe(4);
    expect(c!.retryAt - before).toBeGreaterThan(3_600_000);
  });

  it("410 answers every event of the batch as gone", async () => {
    const { outcomes } = await deliverBatch(webhook, dues, answering(410).fetcher);
    expect(outcomes.every((o) => o.kind === "gone")).toBe(true);
  });
});

describe("shared deadlines", () => {
  it("gives attempts started in the same second one signal, and a new second a new one", () => {
    const deadlines = new SharedDeadlines(15_000, "delivery attempt");
    const t = 1_700_000_000_000;
    expect(deadlines.signal(t + 10)).toBe(deadlines.signal(t + 990));
    expect(deadlines.signal(t + 1_000)).not.toBe(deadlines.signal(t + 10));
  });

  it("aborts with a TimeoutError after the time has passed", async () => {
    const deadlines = new SharedDeadlines(30, "probe");
    const signal = deadlines.signal();
    expect(signal.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe("TimeoutError");
  });
});
