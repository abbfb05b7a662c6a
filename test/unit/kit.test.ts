/** The adapter kit: event builders, the decode guard, the invalid-params problem, URL schemas, typed actions, plan builders. */
import { describe, expect, it } from "vitest";
import { ProblemError, type Problem } from "../../src/lib/problem.ts";
import type { Context, Decoded, Frame } from "../../src/platforms/contract.ts";
import {
  done,
  guardDecode,
  httpPlan,
  httpUrl,
  invalid,
  one,
  platformAction,
  publicUrl,
  rawOf,
  socketPlan,
  unified,
  unknown,
  upstreamSaid,
  wsUrl,
} from "../../src/platforms/kit.ts";
import * as z from "zod";
import { seeded } from "../harness/seeded.ts";

const ctx: Context<null> = { connection: "c1", config: null, now: 0, recall: () => undefined, newKey: () => "k1" };

function thrown(fn: () => unknown): Problem {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err.problem;
    throw err;
  }
  throw new Error("nothing was thrown");
}

describe("kit: events", () => {
  it("one and unknown build a single event, with a timestamp only when given", () => {
    expect(one("message.created", { message: { id: "1" } }, { f: 1 })).toEqual({
      events: [{ type: "message.created", data: { message: { id: "1" } }, raw: { f: 1 } }],
    });
    expect(one("typing", {}, null, 1700000000000).events[0]).toMatchObject({ timestamp: 1700000000000 });
    expect(unknown("not JSON", { text: "x" })).toEqual({ events: [{ type: "upstream.unknown", data: { reason: "not JSON" }, raw: { text: "x" } }] });
  });

  it("rawOf keeps text as text and bytes as base64", () => {
    expect(rawOf("hi")).toEqual({ text: "hi" });
    expect(rawOf(Uint8Array.from([1, 2, 3]))).toEqual({ base64: "AQID" });
  });

  it("guardDecode turns a throw into upstream.unknown with the frame, and passes results through", () => {
    const decode = guardDecode((frame: Frame, _ctx: Context<null>): Decoded => {
      if (frame === "boom") throw new TypeError("cannot read x of undefined");
      return one("typing", {}, frame);
    });
    expect(decode("ok", ctx)).toEqual({ events: [{ type: "typing", data: {}, raw: "ok" }] });
    expect(decode("boom", ctx)).toEqual({
      events: [{ type: "upstream.unknown", data: { reason: "decoding failed: cannot read x of undefined" }, raw: { text: "boom" } }],
    });
  });
});

describe("kit: params", () => {
  const errors = [
    { path: "chat.id", message: "must be a QQ number" },
    { path: "reply_to", message: "no recent message" },
  ];

  it("invalid names each field in the detail by default", () => {
    expect(thrown(() => invalid(errors))).toEqual({ code: "invalid_request", detail: "chat.id: must be a QQ number; reply_to: no recent message", errors });
  });

  it("invalid can join the messages alone, for messages that name what they refuse", () => {
    expect(thrown(() => invalid(errors, "messages")).detail).toBe("must be a QQ number; no recent message");
  });

  it("an error about the whole params has no path to name", () => {
    expect(thrown(() => invalid([{ path: "", message: "empty" }])).detail).toBe("empty");
  });

  it("unified actions carry API.md's schema and typed params; platform actions their own", () => {
    const create = unified("message.create", (p, c: Context<null>) => socketPlan([p.chat.id], c.newKey()));
    const params = create.params!.parse({ chat: { type: "group", id: "g1" }, content: "hi" });
    expect(create.plan(params, ctx)).toEqual({ kind: "socket", frames: ["g1"], await: "k1" });
    expect(create.params!.safeParse({ chat: { type: "group" } }).success).toBe(false);
    const draft = platformAction(z.object({ text: z.string() }), (p) => done({ result: { echoed: p.text } }));
    expect(draft.plan(draft.params!.parse({ text: "t" }), ctx)).toEqual({ kind: "done", outcome: { result: { echoed: "t" } } });
  });
});

describe("kit: URLs", () => {
  it("wsUrl and httpUrl accept their schemes only", () => {
    expect(wsUrl.safeParse("wss://h/ws").success).toBe(true);
    expect(wsUrl.safeParse("https://h/ws").error?.issues[0]?.message).toBe("must be a ws:// or wss:// URL");
    expect(httpUrl.safeParse("http://h:8888").success).toBe(true);
    expect(httpUrl.safeParse("not a url").error?.issues[0]?.message).toBe("must be an http:// or https:// URL");
  });

  it("publicUrl drops the query, the fragment and the user info, whatever the scheme", () => {
    expect(publicUrl("wss://user:pw@im.example.com/ws?token=secret#x")).toBe("wss://im.example.com/ws");
    expect(publicUrl("https://api.example.com/base?key=k")).toBe("https://api.example.com/base");
    expect(publicUrl("http://h:1/p/a@b")).toBe("http://h:1/p/a@b");
  });

  it("publicUrl never shows a credential, whatever the URL looks like", () => {
    const random = seeded(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (let n = 0; n < 500; n++) {
      const secret = `S${Math.floor(random() * 1e9)}`;
      const scheme = pick(["ws", "wss", "http", "https"]);
      const host = pick(["h", "im.example.com", "127.0.0.1:8888", "[::1]:9"]);
      const path = pick(["", "/", "/ws", "/a/b@c", "/p?q"]);
      const where = pick(["user", "password", "query", "fragment"]);
      const url =
        where === "user"
          ? `${scheme}://${secret}@${host}${path}`
          : where === "password"
            ? `${scheme}://u:${secret}@${host}${path}`
            : where === "query"
              ? `${scheme}://${host}${path.replace("?", "")}?token=${secret}&x=1`
              : `${scheme}://${host}${path.replace("?", "")}#${secret}`;
      const shown = publicUrl(url);
      expect(shown, url).not.toContain(secret);
      expect(shown.startsWith(`${scheme}://${host}`), url).toBe(true);
    }
  });
});

describe("kit: plans", () => {
  it("httpPlan keeps the request and its parse; upstreamSaid quotes the answer", () => {
    const plan = httpPlan({ method: "GET", url: "http://h/x" }, (answer) => ({ result: { status: answer.status } }));
    expect(plan).toMatchObject({ kind: "http", method: "GET", url: "http://h/x" });
    const body = new TextEncoder().encode("x".repeat(600));
    const answer = { status: 500, headers: {}, body, text: () => new TextDecoder().decode(body) };
    if (plan.kind !== "http") throw new Error("expected an HTTP plan");
    expect(plan.parse(answer, ctx)).toEqual({ result: { status: 500 } });
    expect(upstreamSaid(answer)).toEqual({ code: 500, text: "x".repeat(500) });
  });
});
