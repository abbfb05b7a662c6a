/** The relay's pure pieces: lossless JSON, ids, patterns, signing, the retry schedule, backoff. */
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { attemptDelivery } from "../../src/delivery/attempt.ts";
import { deliverEvent } from "../../src/delivery/deliver.ts";
import { jitter, MAX_ATTEMPTS, nextDelay, OVERLOAD_MIN_DELAY_MS, parseRetryAfter, RETRY_DELAYS_MS } from "../../src/delivery/schedule.ts";
import { isValidSecret, newSecret, sign } from "../../src/delivery/sign.ts";
import { matchesAny, matchesPattern } from "../../src/events/filter.ts";
import { exactNumber, parseLossless } from "../../src/lib/json.ts";
import { eventId, ulid, ulidTime } from "../../src/lib/ulid.ts";
import { backoffDelay, BACKOFF_CAP_MS, failedRetryDelay } from "../../src/session/backoff.ts";

describe("lossless JSON", () => {
  it("keeps integers beyond 2^53 as their exact digits and leaves the rest alone", () => {
    const parsed = parseLossless('{"room": 1858415724765278210, "n": 5, "f": 1.5, "neg": -9007199254740993, "list": [18446744073709551615]}');
    expect(parsed).toEqual({ room: "1858415724765278210", n: 5, f: 1.5, neg: "-9007199254740993", list: ["18446744073709551615"] });
  });

  it("writes digits back as a bare number, anything else as a string", () => {
    expect(JSON.stringify({ room: exactNumber("1858415724765278210"), name: exactNumber("zhangsan") })).toBe('{"room":1858415724765278210,"name":"zhangsan"}');
  });

  it("throws on malformed JSON", () => {
    expect(() => parseLossless('{"a": 12345678901234567890')).toThrow(SyntaxError);
  });
});

describe("event ids", () => {
  it("are ULIDs that sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 1000 }, () => eventId(1_731_981_114_242));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ulidTime(ids[0]!)).toBe(1_731_981_114_242);
    expect(ulid(1_731_981_114_243) > ids[999]!.slice(4)).toBe(true);
  });
});

describe("event type patterns", () => {
  it("match exact types, prefixes and everything", () => {
    expect(matchesPattern("message.created", "message.*")).toBe(true);
    expect(matchesPattern("messages.x", "message.*")).toBe(false);
    expect(matchesPattern("group.member.joined", "group.*")).toBe(true);
    expect(matchesPattern("friend.added", "friend.added")).toBe(true);
    expect(matchesAny("connection.connected", null)).toBe(true);
    expect(matchesAny("connection.connected", ["message.*", "friend.*"])).toBe(false);
  });
});

describe("Standard Webhooks signatures", () => {
  it("verify with the standardwebhooks library", async () => {
    const secret = newSecret();
    expect(isValidSecret(secret)).toBe(true);
    const body = JSON.stringify({ id: "evt_1", text: "你好" });
    const ts = Math.floor(Date.now() / 1000);
    const signature = await sign(secret, "evt_1", ts, body);
    const headers = { "webhook-id": "evt_1", "webhook-timestamp": String(ts), "webhook-signature": signature };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ id: "evt_1", text: "你好" });
    expect(() => new Webhook(secret).verify(body.replace("你好", "hi"), headers)).toThrow();
  });

  it("rejects secrets that are not whsec_ + base64 of 24–64 bytes", () => {
    expect(isValidSecret("whsec_short")).toBe(false);
    expect(isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(false);
    expect(isValidSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(true);
  });

  it("one attempt sends the signed headers and classifies the answer", async () => {
    const secret = newSecret();
    let seen: Request | undefined;
    const answer =
      (status: number, headers: Record<string, string> = {}) =>
      async (input: RequestInfo | URL, init?: RequestInit) => {
        seen = new Request(input, init);
        return new Response(null, { status, headers });
      };
    const now = Date.now();
    const ok = await attemptDelivery("https://hook", secret, "evt_1", "{}", now, answer(204) as typeof fetch);
    expect(ok).toMatchObject({ delivered: true, status: 204, gone: false });
    expect(seen!.headers.get("webhook-id")).toBe("evt_1");
    expect(seen!.headers.get("webhook-timestamp")).toBe(String(Math.floor(now / 1000)));
    expect(seen!.headers.get("user-agent")).toMatch(/^imrelay\//);
    new Webhook(secret).verify("{}", Object.fromEntries(seen!.headers));
    expect(await attemptDelivery("https://hook", secret, "e", "{}", Date.now(), answer(410) as typeof fetch)).toMatchObject({ delivered: false, gone: true });
    expect(await attemptDelivery("https://hook", secret, "e", "{}", Date.now(), answer(429, { "retry-after": "7" }) as typeof fetch)).toMatchObject({
      retryAfterMs: 7000,
    });
    expect(await attemptDelivery("https://hook", secret, "e", "{}", Date.now(), answer(500, { "retry-after": "7" }) as typeof fetch)).toMatchObject({
      retryAfterMs: null,
    });
    const down = await attemptDelivery("https://hook", secret, "e", "{}", Date.now(), (async () => {
      throw new TypeError("connection refused");
    }) as typeof fetch);
    expect(down).toMatchObject({ delivered: false, status: null, error: expect.stringContaining("connection refused") });
  });
});

describe("the retry schedule", () => {
  it("is 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: 8 attempts in all, ±20 % jitter", () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    for (let attempts = 1; attempts < 8; attempts++) {
      const base = RETRY_DELAYS_MS[attempts - 1]!;
      expect(nextDelay(attempts, null, 0)).toBe(base * 0.8);
      expect(nextDelay(attempts, null, 0.999999)).toBeCloseTo(base * 1.2, -2);
    }
    expect(nextDelay(8)).toBeNull();
    expect(jitter(1000, 0.5)).toBe(1000);
  });

  it("honours Retry-After (seconds or a date) between the scheduled delay and twice it, capped at 10 h", () => {
    // Scheduled (random 0.5: no jitter) 5 s after the first attempt, 10 h after the sixth.
    expect(nextDelay(1, 7_000, 0.5)).toBe(7_000);
    expect(nextDelay(1, 60_000, 0.5)).toBe(10_000);
    expect(nextDelay(1, 1_000, 0.5)).toBe(5_000);
    expect(nextDelay(2, 99_999_999_000, 0.5)).toBe(600_000);
    // A Retry-After beyond 10 h counts as 10 h, not as absent.
    expect(nextDelay(6, 99_999_999_000, 0.5)).toBe(36_000_000);
    expect(nextDelay(5, 99_999_999_000, 0.5)).toBe(36_000_000);
    expect(nextDelay(5, null, 0.5)).toBe(18_000_000);
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("delivery after a timeout or a 429", () => {
  it("waits at least OVERLOAD_MIN_DELAY_MS, whatever the schedule or Retry-After says", () => {
    expect(nextDelay(1, null, 0.5, true)).toBe(OVERLOAD_MIN_DELAY_MS);
    expect(nextDelay(1, 1_000, 0.5, true)).toBe(OVERLOAD_MIN_DELAY_MS);
    expect(nextDelay(2, null, 0.5, true)).toBe(300_000);
  });

  it("is told apart by deliverEvent: a 429 and a timeout are overloaded, a 503 is not", async () => {
    const webhook = { url: "https://hook", secret: newSecret() };
    const due = { event_id: "evt_1", attempts: 0, body: "{}" };
    const at = Date.now();
    const limited = await deliverEvent(webhook, due, (async () => new Response(null, { status: 429, headers: { "retry-after": "1" } })) as typeof fetch, 0.5);
    expect(limited).toMatchObject({ kind: "failed", attempts: 1, status: 429 });
    expect(limited.kind === "failed" && limited.retryAt! - at).toBeGreaterThanOrEqual(OVERLOAD_MIN_DELAY_MS);
    const busy = await deliverEvent(webhook, due, (async () => new Response(null, { status: 503, headers: { "retry-after": "8" } })) as typeof fetch, 0.5);
    expect(busy.kind === "failed" && busy.retryAt! - at).toBeLessThan(9_000);
    expect(await deliverEvent(webhook, due, (async () => new Response(null, { status: 410 })) as typeof fetch)).toMatchObject({ kind: "gone", status: 410 });
    expect(await deliverEvent(webhook, { ...due, attempts: 7 }, (async () => new Response(null, { status: 500 })) as typeof fetch)).toMatchObject({
      kind: "failed",
      attempts: 8,
      retryAt: null,
    });
    expect(await deliverEvent(webhook, due, (async () => new Response(null, { status: 204 })) as typeof fetch)).toEqual({
      kind: "delivered",
      attempts: 1,
      status: 204,
    });
  });
});

describe("reconnect backoff", () => {
  it("is full jitter over 1 s doubling to 60 s", () => {
    expect(backoffDelay(1, 0.999)).toBeLessThan(1000);
    expect(backoffDelay(3, 0.999)).toBeLessThan(4000);
    expect(backoffDelay(30, 0.999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelay(30, 0)).toBe(0);
    expect(failedRetryDelay(0.5)).toBe(300_000);
  });
});

describe("lossless JSON fast path", () => {
  it("keeps quoted long ids as they are and still catches bare ones after [ and ,", () => {
    expect(parseLossless('{"room":"1858689382414958593","list":[1,18586893824149585931]}')).toEqual({
      room: "1858689382414958593",
      list: [1, "18586893824149585931"],
    });
    expect(parseLossless("[ 1858689382414958593 ]")).toEqual(["1858689382414958593"]);
    expect(parseLossless('{"n": -1858689382414958593}')).toEqual({ n: "-1858689382414958593" });
  });
});

describe("the action rate limit", () => {
  it("allows a burst, then one token per 1/rate s, and says how long to wait", async () => {
    const { TokenBucket } = await import("../../src/session/ratelimit.ts");
    const bucket = new TokenBucket(20, 40, 0);
    for (let i = 0; i < 40; i++) expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(50);
    expect(bucket.take(50)).toBe(0);
    expect(bucket.take(50)).toBe(50);
    expect(bucket.take(10_000)).toBe(0); // refilled (capped at the burst)
  });
});
