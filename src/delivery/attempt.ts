/** One delivery attempt: sign, POST, classify the answer. */
import { ATTEMPT_TIMEOUT_MS, parseRetryAfter } from "./schedule.ts";
import { sign } from "./sign.ts";
import { isTimeout, SharedDeadlines } from "../lib/deadline.ts";
import { errorText } from "../lib/problem.ts";
import { VERSION } from "../version.ts";

export const USER_AGENT = `imrelay/${VERSION}`;

/** One timer per second of attempts, not one per attempt (see SharedDeadlines). */
const deadlines = new SharedDeadlines(ATTEMPT_TIMEOUT_MS, "delivery attempt");

export interface AttemptResult {
  /** 2xx within the timeout. */
  delivered: boolean;
  /** The HTTP status, or null when no answer came (network error, timeout). */
  status: number | null;
  error: string | null;
  /** 410 Gone: the receiver asks to stop. */
  gone: boolean;
  /** Retry-After in ms, honoured on 429 and 503. */
  retryAfterMs: number | null;
  /** No answer within ATTEMPT_TIMEOUT_MS. */
  timedOut: boolean;
}

/**
 * `secrets`: the current secret, then the previous one while a rotation overlaps; the
 * `webhook-signature` header carries one signature per secret, space-separated, in that order.
 */
export async function attemptDelivery(
  url: string,
  secrets: string | readonly string[],
  eventId: string,
  body: string,
  now: number = Date.now(),
  fetcher: typeof fetch = fetch,
): Promise<AttemptResult> {
  const timestamp = Math.floor(now / 1000);
  try {
    const response = await fetcher(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": eventId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": (await Promise.all((typeof secrets === "string" ? [secrets] : secrets).map((s) => sign(s, eventId, timestamp, body)))).join(" "),
      },
      body,
      redirect: "manual",
      signal: deadlines.signal(now),
    });
    // Drain so the connection can be reused; the receiver's body is not needed.
    await response.body?.cancel().catch(() => {});
    const { status } = response;
    const delivered = status >= 200 && status < 300;
    return {
      delivered,
      status,
      error: delivered ? null : `HTTP ${status}`,
      gone: status === 410,
      retryAfterMs: status === 429 || status === 503 ? parseRetryAfter(response.headers.get("retry-after"), now) : null,
      timedOut: false,
    };
  } catch (err) {
    return {
      delivered: false,
      status: null,
      error: isTimeout(err) ? `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s` : `network error: ${errorText(err)}`,
      gone: false,
      retryAfterMs: null,
      timedOut: isTimeout(err),
    };
  }
}
