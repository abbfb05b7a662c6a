/**
 * The relay's error vocabulary (API.md's table), independent of HTTP transport so that
 * Durable Objects can return problems over RPC and the API layer renders them as
 * RFC 9457 problem+json.
 */
export const PROBLEMS = {
  invalid_request: { status: 400, title: "Invalid request" },
  unauthorized: { status: 401, title: "Unauthorized" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  upstream_rejected: { status: 422, title: "Upstream rejected the action" },
  rate_limited: { status: 429, title: "Too many requests" },
  unsupported_action: { status: 501, title: "Unsupported action" },
  upstream_error: { status: 502, title: "Upstream error" },
  not_connected: { status: 503, title: "Not connected" },
  upstream_timeout: { status: 504, title: "Upstream timeout" },
  not_configured: { status: 503, title: "Relay not configured" },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  code: ProblemCode;
  detail: string;
  errors?: FieldError[];
  /** What the upstream said, for upstream_rejected / upstream_error. */
  upstream?: { code?: string | number | null; text?: string | null; [key: string]: unknown };
  /** Seconds, rendered as the Retry-After header (429, 503). */
  retryAfter?: number;
}

export const problem = (code: ProblemCode, detail: string, extra: Omit<Problem, "code" | "detail"> = {}): Problem => ({
  code,
  detail,
  ...extra,
});

/** Thrown inside the relay; carried across RPC as a plain Problem by the callers that catch it. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(p: Problem) {
    super(p.detail);
    this.problem = p;
  }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };
export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (p: Problem): Outcome<never> => ({ ok: false, problem: p });

/** The message of anything thrown. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
