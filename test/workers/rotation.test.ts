/**
 * Webhook secret rotation (API.md): POST …/webhook/secret/rotate gives a new secret; for 24 h
 * every delivery carries two signatures, new first, each verified by the standardwebhooks
 * library with its own secret; then the previous secret is forgotten.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { api, connectRoomim, SECRET, sim, sink, until } from "./helpers.ts";

const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));
const NEW_SECRET = "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw";

/** The raw requests the sink got for `name` carrying a message with `text`. */
async function requestsWith(name: string, text: string): Promise<{ headers: Record<string, string>; body: string }[]> {
  const { deliveries } = await sink(`deliveries?name=${encodeURIComponent(name)}`);
  return deliveries.filter((d: any) => d.body.includes(text));
}

/** Verifies one signature of a request with one secret, as a receiver holding that secret would. */
function verifies(secret: string, request: { headers: Record<string, string>; body: string }, signature: string): boolean {
  try {
    new Webhook(secret).verify(request.body, { ...request.headers, "webhook-signature": signature });
    return true;
  } catch {
    return false;
  }
}

describe("webhook secret rotation", () => {
  it("signs with the new and the previous secret for 24 h, new first, then with the new one only", async () => {
    const { id } = await connectRoomim("rotate");
    const before = Date.now();
    const rotated = await api(`/v1/connections/${id}/webhook/secret/rotate`, { body: { secret: NEW_SECRET } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toBe(NEW_SECRET);
    expect(rotated.body.previous_expires_at).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(rotated.body.previous_expires_at).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(JSON.stringify((await api(`/v1/connections/${id}`)).body)).not.toContain(NEW_SECRET);

    // The sink still verifies with the old secret (a receiver not yet updated): it accepts.
    await sim("push/message", { text: `during overlap ${id}` });
    const during: any = await until(
      "a signed delivery during the overlap",
      async () => (await requestsWith(id, `during overlap ${id}`)).filter((r: any) => r.verified)[0],
    );
    const signatures: string[] = during.headers["webhook-signature"].split(" ");
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => s.startsWith("v1,"))).toBe(true);
    expect(verifies(NEW_SECRET, during!, signatures[0]!)).toBe(true);
    expect(verifies(SECRET, during!, signatures[1]!)).toBe(true);
    expect(verifies(NEW_SECRET, during!, signatures[1]!)).toBe(false);
    expect(verifies(SECRET, during!, signatures[0]!)).toBe(false);

    // 24 h later the previous secret is forgotten.
    await runInDurableObject(stubOf(id), (session: unknown) => {
      (session as any).config.webhook.previous.expires_at = Date.now() - 1;
    });
    await sink("secret", { name: id, secret: NEW_SECRET });
    await sim("push/message", { text: `after expiry ${id}` });
    const after: any = await until(
      "a signed delivery after the overlap",
      async () => (await requestsWith(id, `after expiry ${id}`)).filter((r: any) => r.verified)[0],
    );
    expect(after!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(verifies(NEW_SECRET, after!, after!.headers["webhook-signature"]!)).toBe(true);
  });

  it("generates the new secret when none is given, shows it once, and validates a given one", async () => {
    const { id } = await connectRoomim("rotate-gen");
    const rotated = await api(`/v1/connections/${id}/webhook/secret/rotate`, { method: "POST" });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(JSON.stringify((await api(`/v1/connections/${id}`)).body)).not.toContain(rotated.body.secret);
    const bad = await api(`/v1/connections/${id}/webhook/secret/rotate`, { body: { secret: "whsec_short" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(["secret"]);
    expect((await api(`/v1/connections/${id}/webhook/secret/rotate`, { body: { secret: NEW_SECRET, extra: 1 } })).status).toBe(400);
    expect((await api("/v1/connections/rotate-ghost/webhook/secret/rotate", { body: {} })).status).toBe(404);
  });
});
