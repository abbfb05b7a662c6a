/**
 * Every refusal is visible: a login refused by closing the socket before readiness, and a
 * dial that throws before it reaches the network, each end in `failed` with `last_error`, a
 * `connection.failed` event and the slow retry.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, connectRoomim, freshHook, SECRET, until, webhookOf, YUNHU, yunhuSim } from "./helpers.ts";

const stubOf = (id: string) => (env as any).SESSIONS.get((env as any).SESSIONS.idFromName(id));

async function expectFailedSlowly(id: string, lastError: RegExp): Promise<void> {
  const view = await until(
    `${id} failed`,
    async () => {
      const body = (await api(`/v1/connections/${id}`)).body;
      return body.status.state === "failed" ? body : null;
    },
    15_000,
  );
  expect(view.status.last_error).toMatch(lastError);
  expect(view.status.retry_at - Date.now()).toBeGreaterThan(60_000); // the slow retry, not the 1 s backoff
  const failed = await webhookOf(id, "connection.failed");
  expect(failed.data.reason).toMatch(lastError);
}

describe("refusals", () => {
  it("a login refused by closing the socket after the login frame is failed, connection.failed, slow retry", async () => {
    await yunhuSim("loginMode", { mode: "close", refuseUnauthenticated: true });
    try {
      const { id, hook } = await freshHook("yunhu-close");
      const put = await api(`/v1/connections/${id}`, {
        method: "PUT",
        body: {
          platform: "yunhu",
          upstream: { userId: "7356666", token: "wrong-token", url: `${YUNHU.replace("http", "ws")}/ws`, api: YUNHU },
          webhook: { url: hook, secret: SECRET },
        },
      });
      expect(put.status).toBe(201);
      await expectFailedSlowly(id, /closed the socket after the login/);
    } finally {
      await yunhuSim("loginMode", { mode: "text", refuseUnauthenticated: false });
    }
  }, 30_000);

  it("a dial that throws before reaching the network (an invalid stored header) is a visible failure", async () => {
    const { id } = await connectRoomim("badheader");
    // A configuration stored before header validation existed.
    await runInDurableObject(stubOf(id), (session: unknown) => {
      const s = session as any;
      s.config = { ...s.config, upstream: { ...s.config.upstream, headers: { "x-token": "a\r\nInjected: 1" } } };
    });
    expect((await api(`/v1/connections/${id}/reconnect`, { method: "POST" })).status).toBe(202);
    await expectFailedSlowly(id, /before reaching the upstream/);
  }, 30_000);
});
