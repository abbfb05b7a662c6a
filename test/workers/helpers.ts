/** Helpers for tests inside workerd: the relay's API, the simulator's and the sink's control APIs. */
import { exports } from "cloudflare:workers";
import { inject } from "vitest";
import { until } from "../harness/until.ts";
import { jsonRequest, readResponse, type ApiInit, type ApiResponse } from "../harness/response.ts";

export const TOKEN = "test-token";
export const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
export const SIM = `http://127.0.0.1:${inject("roomimPort")}`;
export const SINK = `http://127.0.0.1:${inject("sinkPort")}`;
export const SIM_WS = `ws://127.0.0.1:${inject("roomimPort")}`;
export const OICQ = `http://127.0.0.1:${inject("oicqPort")}`;
export const YUNHU = `http://127.0.0.1:${inject("yunhuPort")}`;

export type { ApiResponse };

/** Calls the Worker's API in this isolate (token: the test token, another one, or null for none). */
export async function api(path: string, init: ApiInit & { token?: string | null } = {}): Promise<ApiResponse> {
  const request = jsonRequest(`http://relay.test${path}`, init, init.token === undefined ? TOKEN : init.token);
  return readResponse(await (exports as any).default.fetch(request));
}

async function control(base: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}/control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export const sim = (path: string, body?: unknown) => control(SIM, path, body);
export const oicqSim = (path: string, body?: unknown) => control(OICQ, path, body);
export const yunhuSim = (path: string, body?: unknown) => control(YUNHU, path, body);
export const sink = (path: string, body?: unknown) => control(SINK, path, body);

/** Verified, 2xx-answered webhooks received by the sink under `name`, one per webhook-id. */
export async function verified(name: string): Promise<{ id: string; event: any }[]> {
  return (await sink(`verified?name=${encodeURIComponent(name)}`)).deliveries;
}

export { until };

/** Waits until the sink has a verified webhook of `type` under `name`, and returns its event. */
export function webhookOf(name: string, type: string, where: (event: any) => boolean = () => true, timeoutMs?: number): Promise<any> {
  return until(`a ${type} webhook at ${name}`, async () => (await verified(name)).map((d) => d.event).find((e) => e.type === type && where(e)), timeoutMs);
}

let counter = 0;
/** A fresh connection id, hook name and sink secret. */
export async function freshHook(prefix: string): Promise<{ id: string; hook: string }> {
  const id = `${prefix}-${Date.now().toString(36)}-${++counter}`;
  await sink("secret", { name: id, secret: SECRET });
  return { id, hook: `${SINK}/hooks/${id}` };
}

/** Creates a roomim connection against the simulator and waits for it to be connected. */
export function connectRoomim(prefix: string, extra: { webhook?: Record<string, unknown>; upstream?: Record<string, unknown> } = {}) {
  return connect("roomim", (id) => ({ url: `${SIM_WS}/ws?token=${id}` }), prefix, extra);
}

/** Creates an oicq connection against the daemon simulator and waits for it to be connected. */
export function connectOicq(prefix: string, extra: { webhook?: Record<string, unknown>; upstream?: Record<string, unknown> } = {}) {
  return connect("oicq", () => ({ url: `${OICQ.replace("http", "ws")}/` }), prefix, extra);
}

/** Creates a yunhu connection against its simulator (the simulator's account by default). */
export function connectYunhu(prefix: string, extra: { webhook?: Record<string, unknown>; upstream?: Record<string, unknown> } = {}) {
  return connect("yunhu", () => ({ userId: "7356666", token: "nj104901-test-token", url: `${YUNHU.replace("http", "ws")}/ws`, api: YUNHU }), prefix, extra);
}

async function connect(
  platform: string,
  upstream: (id: string) => Record<string, unknown>,
  prefix: string,
  extra: { webhook?: Record<string, unknown>; upstream?: Record<string, unknown> },
) {
  const { id, hook } = await freshHook(prefix);
  const put = await api(`/v1/connections/${id}`, {
    method: "PUT",
    body: { platform, upstream: { ...upstream(id), ...extra.upstream }, webhook: { url: hook, secret: SECRET, ...extra.webhook } },
  });
  if (put.status !== 201) throw new Error(`PUT ${id}: ${put.status} ${JSON.stringify(put.body)}`);
  await until(`${id} connected`, async () => (await api(`/v1/connections/${id}`)).body.status.state === "connected");
  return { id, hook };
}
