import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { controlClient } from "./client.ts";
import { startSink } from "./sink.ts";
import type { Delivery, Sink } from "./sink.ts";
import { formatEvent } from "../../src/cli/format.ts";

const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const signer = new Webhook(SECRET);

let sink: Sink;
let seq = 0;

function event(type = "message.created", text = "hi") {
  seq += 1;
  return {
    id: `evt_${String(seq).padStart(26, "0")}`,
    type,
    connection: "bot-1",
    platform: "roomim",
    timestamp: 1731981114242,
    data: {
      message: {
        id: "1858689625873399809",
        chat: { type: "group", id: "1858689382414958593" },
        sender: { id: "1860863094709035009" },
        content: [{ type: "text", text }],
        text,
      },
    },
  };
}

/** POST a body signed the way the relay signs (Standard Webhooks 1.0). */
async function deliver(name: string, body: string, opts: { id?: string; tamper?: boolean; signWith?: Webhook } = {}): Promise<Response> {
  const id = opts.id ?? (JSON.parse(body) as { id: string }).id;
  const at = new Date();
  const signature = (opts.signWith ?? signer).sign(id, at, body);
  return fetch(sink.hookUrl(name), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "imrelay/0.1.0",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    },
    body: opts.tamper ? body.replace('"hi"', '"HI"') : body,
  });
}

const control = controlClient(() => sink.url);

beforeAll(async () => {
  sink = await startSink();
});

afterEach(() => sink.reset());

afterAll(() => sink.close());

describe("verification", () => {
  it("accepts a correctly signed delivery and records it", async () => {
    sink.secret("bot", SECRET);
    const body = JSON.stringify(event());
    const res = await deliver("bot", body);
    expect(res.status).toBe(204);

    const [d] = sink.verified("bot");
    expect(d).toMatchObject({ name: "bot", verified: true, status: 204, body });
    expect(d?.id).toBe(JSON.parse(body).id);
    expect(d?.timestamp).toMatch(/^\d{10}$/);
    expect(d?.event?.type).toBe("message.created");
    expect(d?.headers["user-agent"]).toBe("imrelay/0.1.0");
    expect(d?.at).toBeGreaterThan(Date.now() - 5000);
  });

  it("rejects a tampered body with 401", async () => {
    sink.secret("bot", SECRET);
    const res = await deliver("bot", JSON.stringify(event()), { tamper: true });
    expect(res.status).toBe(401);
    expect(sink.verified("bot")).toHaveLength(0);
    const [d] = sink.deliveries("bot");
    expect(d).toMatchObject({ verified: false, status: 401 });
    expect(d?.error).toMatch(/signature/i);
    expect(d?.event?.type).toBe("message.created");
  });

  it("rejects a delivery signed with another secret, or to a name without a secret", async () => {
    sink.secret("bot", SECRET);
    const other = new Webhook(`whsec_${randomBytes(32).toString("base64")}`);
    expect((await deliver("bot", JSON.stringify(event()), { signWith: other })).status).toBe(401);
    expect((await deliver("stranger", JSON.stringify(event()))).status).toBe(401);
    expect(sink.deliveries("stranger")[0]?.error).toMatch(/no secret/);
  });

  it("rejects a delivery without signature headers", async () => {
    sink.secret("bot", SECRET);
    const res = await fetch(sink.hookUrl("bot"), { method: "POST", body: JSON.stringify(event()) });
    expect(res.status).toBe(401);
    expect(sink.deliveries("bot")[0]?.error).toMatch(/missing/i);
  });

  it("dedupes verified deliveries by webhook-id and keeps every request in deliveries()", async () => {
    sink.secret("bot", SECRET);
    const body = JSON.stringify(event());
    await deliver("bot", body);
    await deliver("bot", body);
    expect(sink.deliveries("bot")).toHaveLength(2);
    expect(sink.verified("bot")).toHaveLength(1);
    expect(sink.deliveries()).toHaveLength(2);
  });
});

describe("scripted answers", () => {
  it("serves scripted statuses, Retry-After and bodies in order, then 204", async () => {
    sink.secret("bot", SECRET);
    sink.respond("bot", [
      { status: 503, retryAfter: 7 },
      { status: 429, retryAfter: "2" },
      { status: 500, body: "oops" },
    ]);
    const body = JSON.stringify(event());
    const answers: Array<[number, string | null, string]> = [];
    for (let i = 0; i < 4; i++) {
      const res = await deliver("bot", body);
      answers.push([res.status, res.headers.get("retry-after"), await res.text()]);
    }
    expect(answers).toEqual([
      [503, "7", ""],
      [429, "2", ""],
      [500, null, "oops"],
      [204, null, ""],
    ]);
    expect(sink.deliveries("bot").map((d) => d.status)).toEqual([503, 429, 500, 204]);
    expect(sink.verified("bot")).toHaveLength(1);
    expect(sink.verified("bot")[0]?.status).toBe(204);
  });

  it("keeps scripts per name and does not consume them on rejected requests", async () => {
    sink.secret("a", SECRET);
    sink.secret("b", SECRET);
    sink.respond("a", [{ status: 500 }]);
    expect((await deliver("b", JSON.stringify(event()))).status).toBe(204);
    expect((await deliver("a", JSON.stringify(event()), { tamper: true })).status).toBe(401);
    expect((await deliver("a", JSON.stringify(event()))).status).toBe(500);
    expect((await deliver("a", JSON.stringify(event()))).status).toBe(204);
  });

  it("answers every request with the down status until cleared", async () => {
    sink.secret("bot", SECRET);
    sink.down("bot", 503);
    expect((await deliver("bot", JSON.stringify(event()))).status).toBe(503);
    expect((await deliver("bot", JSON.stringify(event()))).status).toBe(503);
    sink.down("bot", null);
    expect((await deliver("bot", JSON.stringify(event()))).status).toBe(204);
    expect(sink.verified("bot")).toHaveLength(1);
  });

  it("delays the answer by delayMs", async () => {
    sink.secret("bot", SECRET);
    sink.respond("bot", [{ status: 200, delayMs: 150 }]);
    const start = performance.now();
    expect((await deliver("bot", JSON.stringify(event()))).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });
});

describe("observation", () => {
  it("waitFor resolves once the verified list satisfies the predicate", async () => {
    sink.secret("bot", SECRET);
    const waiting = sink.waitFor("bot", (list) => list.some((d) => d.event?.type === "message.deleted"));
    await deliver("bot", JSON.stringify(event()));
    await deliver("bot", JSON.stringify(event("message.deleted")));
    const list = await waiting;
    expect(list.map((d) => d.event?.type)).toEqual(["message.created", "message.deleted"]);
  });

  it("waitFor rejects on timeout", async () => {
    await expect(sink.waitFor("bot", (list) => list.length > 0, 50)).rejects.toThrow(/timed out/);
  });

  it("onDelivery reports each request with its arrival time, until unsubscribed", async () => {
    sink.secret("bot", SECRET);
    const seen: Delivery[] = [];
    const off = sink.onDelivery((d) => seen.push(d));
    await deliver("bot", JSON.stringify(event()));
    off();
    await deliver("bot", JSON.stringify(event()));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.at).toBeGreaterThan(performance.timeOrigin);
  });

  it("formats a readable line per event", () => {
    const e = event();
    expect(formatEvent(Date.now(), e.type, e.data)).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} {2}message\.created +room 1858689382414958593 from 1860863094709035009: "hi"$/,
    );
  });
});

describe("HTTP control API", () => {
  it("secret, respond, down, deliveries, verified, reset", async () => {
    expect((await control("POST", "/control/secret", { name: "bot", secret: SECRET })).json).toEqual({ name: "bot" });
    expect((await control("POST", "/control/secret", { name: "bot", secret: "whsec_!!" })).status).toBe(400);

    const answers = [{ status: 429, retryAfter: 1 }];
    expect((await control("POST", "/control/respond", { name: "bot", answers })).json).toEqual({ name: "bot", queued: 1 });
    const first = await deliver("bot", JSON.stringify(event()));
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "1"]);

    expect((await control("POST", "/control/down", { name: "bot", status: 500 })).json).toEqual({ name: "bot", status: 500 });
    expect((await deliver("bot", JSON.stringify(event()))).status).toBe(500);
    await control("POST", "/control/down", { name: "bot", status: null });
    expect((await deliver("bot", JSON.stringify(event()))).status).toBe(204);

    const all = (await control("GET", "/control/deliveries?name=bot")).json.deliveries;
    expect(all.map((d: Delivery) => d.status)).toEqual([429, 500, 204]);
    const verified = (await control("GET", "/control/verified?name=bot")).json.deliveries;
    expect(verified).toHaveLength(1);
    expect(verified[0].event.type).toBe("message.created");

    expect((await control("POST", "/control/reset")).json).toEqual({ reset: true });
    expect((await control("GET", "/control/deliveries")).json.deliveries).toEqual([]);
    // Secrets survive a reset.
    expect((await deliver("bot", JSON.stringify(event()))).status).toBe(204);
  });

  it("answers 400 for bad control bodies and 404/405 for wrong routes", async () => {
    expect((await control("POST", "/control/respond", { name: "bot", answers: [{ status: "x" }] })).status).toBe(400);
    expect((await control("POST", "/control/down", { status: 503 })).status).toBe(400);
    expect((await control("GET", "/control/nope")).status).toBe(404);
    expect((await fetch(`${sink.url}/elsewhere`, { method: "POST" })).status).toBe(404);
    expect((await fetch(sink.hookUrl("bot"))).status).toBe(405);
  });
});
