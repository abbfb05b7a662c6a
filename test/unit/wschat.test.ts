/**
 * wschat (seed 002): every frame and REST body of the seed (test/sim/wschat-seed.ts) decoded to
 * unified events; message ids that are stable across redelivery; offline messages and
 * invitations read from the REST answers; failures reported once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Context, Decoded, HttpAnswer } from "../../src/platforms/contract.ts";
import { publicUrl } from "../../src/platforms/kit.ts";
import { WschatConfig, dialUrl, endpoint } from "../../src/platforms/wschat/config.ts";
import { decode } from "../../src/platforms/wschat/decode.ts";
import { wschat } from "../../src/platforms/wschat/index.ts";
import { canonical } from "../../src/platforms/wschat/ids.ts";
import { readInvitations } from "../../src/platforms/wschat/invitations.ts";
import { offlineRequest, readOffline } from "../../src/platforms/wschat/offline.ts";
import * as seed from "../sim/wschat-seed.ts";

const TOKEN = "tok-5f1c9a";

/** A connection's context whose memory is a Map filled from each result's `remember`. */
function fake(upstream: unknown = { url: "ws://chat.example.com/ws", accessToken: TOKEN }) {
  const store = new Map<string, unknown>();
  const ctx: Context<WschatConfig> = {
    connection: "ws-1",
    config: WschatConfig.parse(upstream),
    now: seed.T0 + 10_000,
    recall: (key) => store.get(key),
    newKey: () => "unused",
  };
  const keep = <T extends Decoded>(out: T): T => {
    for (const [k, v] of Object.entries(out.remember ?? {})) {
      if (v === null) store.delete(k);
      else store.set(k, v);
    }
    return out;
  };
  return {
    ctx,
    store,
    decode: (frame: string | Uint8Array) => keep(decode(frame, ctx)),
    offline: (answer: HttpAnswer | { error: string }, drop = false) => keep(readOffline(answer, ctx, drop)),
    invitations: (answer: HttpAnswer | { error: string }) => keep(readInvitations(answer, ctx)),
  };
}

function answer(status: number, body: string | unknown): HttpAnswer {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const bytes = new TextEncoder().encode(text);
  return { status, headers: { "content-type": "application/json" }, body: bytes, text: () => text };
}

const only = (d: Decoded) => {
  expect(d.events).toHaveLength(1);
  return d.events[0]! as Decoded["events"][number] & { dedupe?: string };
};

describe("wschat frames", () => {
  it("reads a private message as message.created in the sender's chat", () => {
    const event = only(fake().decode(seed.text(seed.unicast)));
    expect(event.type).toBe("message.created");
    expect(event.timestamp).toBe(seed.T0);
    expect(event.raw).toEqual(seed.unicast);
    const message = (event.data as any).message;
    expect(message).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      chat: { type: "private", id: seed.ALICE },
      sender: { id: seed.ALICE },
      content: [{ type: "text", text: seed.unicast.content }],
      text: seed.unicast.content,
    });
    expect(event.dedupe).toBe(`message:${message.id}`);
  });

  it("reads a group message as message.created in the group's chat", () => {
    const event = only(fake().decode(seed.text(seed.multicast)));
    expect(event.timestamp).toBe(seed.T0 + 1500);
    expect((event.data as any).message).toMatchObject({ chat: { type: "group", id: seed.GROUP }, sender: { id: seed.BOB }, text: seed.multicast.content });
  });

  it("reads a NOTIFICATION frame as notification.received with its kind and content", () => {
    const event = only(fake().decode(seed.text(seed.notification)));
    expect(event).toMatchObject({ type: "notification.received", data: { kind: "friendRequest", content: seed.notification.content }, raw: seed.notification });
    const bare = only(fake().decode(seed.text({ type: "NOTIFICATION", notificationType: "ping" })));
    expect(bare.data).toEqual({ kind: "ping", content: null });
  });

  it("keeps content that is not a string as one unknown element", () => {
    const content = { card: { title: "行程", items: [1, 2] } };
    const event = only(fake().decode(seed.text({ ...seed.unicast, content })));
    expect((event.data as any).message).toMatchObject({ content: [{ type: "unknown", raw: content }], text: "" });
  });

  it("keeps numeric ids, 64-bit ones digit for digit", () => {
    const frame = `{"type":"multicast","senderId":1858415724765278210,"groupId":42,"content":"hi","timestamp":${seed.T0}}`;
    const message = (only(fake().decode(frame)).data as any).message;
    expect(message.sender.id).toBe("1858415724765278210");
    expect(message.chat.id).toBe("42");
  });

  it("reads timestamps in ms, in seconds and as ISO dates", () => {
    const at = (timestamp: unknown) => only(fake().decode(seed.text({ ...seed.unicast, timestamp }))).timestamp;
    expect(at(seed.T0)).toBe(seed.T0);
    expect(at(seed.T0 / 1000)).toBe(seed.T0);
    expect(at(String(seed.T0))).toBe(seed.T0);
    expect(at(new Date(seed.T0).toISOString())).toBe(seed.T0);
    expect(at("soon")).toBeUndefined(); // the relay's receive time is used
  });

  it("turns everything else into upstream.unknown with a reason", () => {
    const reason = (frame: string | Uint8Array) => {
      const event = only(fake().decode(frame));
      expect(event.type).toBe("upstream.unknown");
      return (event.data as any).reason as string;
    };
    expect(reason("not json")).toBe("not JSON");
    expect(reason(new Uint8Array([1, 2]))).toBe("binary frame");
    expect(reason("[1,2]")).toBe("JSON frame is not an object");
    expect(reason(seed.text({ type: "broadcast", content: "x" }))).toContain('unknown frame type "broadcast"');
    expect(reason(seed.text({ content: "x" }))).toContain("unknown frame type absent");
    expect(reason(seed.text({ type: "multicast", senderId: seed.BOB, content: "x" }))).toContain("groupId");
    expect(reason(seed.text({ type: "unicast", receiverId: seed.SELF, content: "x" }))).toContain("senderId");
    expect(reason(seed.text({ type: "unicast", senderId: seed.ALICE }))).toContain("content");
    expect(reason(seed.text({ type: "NOTIFICATION", content: 1 }))).toContain("notificationType");
  });

  it("never throws and always yields an event, whatever arrives", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ type: "unicast", ...(typeof v === "object" && v && !Array.isArray(v) ? v : { content: v }) })),
        ),
        (text) => {
          const out = decode(text, fake().ctx);
          expect(out.events.length).toBe(1);
        },
      ),
    );
  });
});

describe("wschat message ids", () => {
  const idOf = (frame: unknown) => (only(fake().decode(typeof frame === "string" ? frame : seed.text(frame))).data as any).message.id as string;

  it("are the same for the same message however it is written", () => {
    const reordered = `{"content":"${seed.unicast.content}","timestamp":${seed.T0},"receiverId":"${seed.SELF}","senderId":"${seed.ALICE}","type":"unicast"}`;
    expect(idOf(reordered)).toBe(idOf(seed.unicast));
    expect(idOf({ ...seed.unicast, timestamp: seed.T0 / 1000 })).toBe(idOf(seed.unicast)); // same instant
    expect(idOf({ ...seed.unicast, extra: true })).toBe(idOf(seed.unicast));
    const { receiverId: _, ...withoutReceiver } = seed.unicast;
    expect(idOf(withoutReceiver)).toBe(idOf(seed.unicast));
  });

  it("differ when the chat, sender, time or content differ", () => {
    const base = idOf(seed.unicast);
    expect(idOf({ ...seed.unicast, content: "另一条" })).not.toBe(base);
    expect(idOf({ ...seed.unicast, timestamp: seed.T0 + 1 })).not.toBe(base);
    expect(idOf({ ...seed.unicast, senderId: seed.BOB })).not.toBe(base);
    expect(idOf({ ...seed.unicast, type: "multicast", groupId: seed.ALICE })).not.toBe(base);
  });

  it("are stable under key order and unique per distinct message (property)", () => {
    const message = fc.record({
      type: fc.constantFrom("unicast", "multicast"),
      senderId: fc.string({ minLength: 1, maxLength: 8 }),
      groupId: fc.string({ minLength: 1, maxLength: 8 }),
      content: fc.oneof(fc.string(), fc.jsonValue()),
      timestamp: fc.integer({ min: 1e12, max: 4e12 }),
    });
    fc.assert(
      fc.property(message, message, (a, b) => {
        const shuffled = Object.fromEntries(Object.entries(a).reverse());
        expect(idOf(shuffled)).toBe(idOf(a));
        const same = (x: typeof a) => [x.type, x.type === "multicast" ? x.groupId : "", x.senderId, x.timestamp, canonical(x.content)].join("\u0000");
        if (same(a) !== same(b)) expect(idOf(a)).not.toBe(idOf(b));
      }),
    );
  });

  it("are the same over the socket and from the offline store", () => {
    const fromSocket = only(fake().decode(seed.text(seed.offline[0]!.messages[0])));
    const fromStore = fake()
      .offline(answer(200, seed.offline))
      .events.find((e) => (e.raw as any).content === "在吗")!;
    expect((fromStore as any).dedupe).toBe(fromSocket.dedupe);
  });
});

describe("wschat offline messages", () => {
  it("asks without dropping, then dropping, in time order, private and group", () => {
    const { ctx } = fake();
    const keep = new URL(offlineRequest(ctx, false).url);
    expect(keep.pathname).toBe("/api/message");
    expect(Object.fromEntries(keep.searchParams)).toEqual({ sort: "asc", drop: "false", type: "all", access_token: TOKEN });
    expect(new URL(offlineRequest(ctx, true).url).searchParams.get("drop")).toBe("true");
  });

  it("emits every message once as message.created, in server time order across senders", () => {
    const out = fake().offline(answer(200, seed.offline));
    expect(out.fetched).toBe(3);
    expect(out.events.map((e) => (e.data as any).message.text)).toEqual(["在吗", "票买好了", "明天见"]);
    expect(out.events.map((e) => e.timestamp)).toEqual([seed.T0 - 60_000, seed.T0 - 40_000, seed.T0 - 20_000]);
    expect(out.events.every((e) => (e as any).dedupe?.startsWith("message:"))).toBe(true);
    expect(new Set(out.events.map((e) => (e as any).dedupe)).size).toBe(3);
    expect(out.events[0]!.raw).toEqual(seed.offline[0]!.messages[0]);
  });

  it("takes the entry's id as the sender of a message that omits senderId", () => {
    const out = fake().offline(answer(200, [{ id: seed.ALICE, messages: [{ type: "unicast", content: "hi", timestamp: seed.T0 }] }]));
    expect((out.events[0]!.data as any).message).toMatchObject({ chat: { type: "private", id: seed.ALICE }, sender: { id: seed.ALICE } });
    expect(out.events[0]!.raw).toEqual({ type: "unicast", content: "hi", timestamp: seed.T0 });
  });

  it("gives a refetch the same dedupe keys, also for messages without a timestamp", () => {
    const body = [
      {
        id: seed.ALICE,
        messages: [
          { type: "unicast", senderId: seed.ALICE, content: "ok" },
          { type: "unicast", senderId: seed.ALICE, content: "ok" },
        ],
      },
    ];
    const first = fake()
      .offline(answer(200, body))
      .events.map((e) => (e as any).dedupe);
    const again = fake()
      .offline(answer(200, body))
      .events.map((e) => (e as any).dedupe);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(2); // two messages, not one
  });

  it("reads an empty answer or an empty body as no messages", () => {
    expect(fake().offline(answer(200, [])).fetched).toBe(0);
    expect(fake().offline(answer(200, "")).fetched).toBe(0);
  });

  it("keeps an entry that does not fit as upstream.unknown without hiding the rest", () => {
    const out = fake().offline(
      answer(200, [{ id: seed.ALICE, messages: ["x", { type: "unicast", senderId: seed.ALICE, content: "ok", timestamp: seed.T0 }] }]),
    );
    expect(out.events.map((e) => e.type)).toEqual(["message.created", "upstream.unknown"]);
  });

  it("reports a failure once, again when it changes, and forgets it on success", () => {
    const f = fake();
    const first = f.offline(answer(500, "boom"));
    expect(first.events).toEqual([
      { type: "upstream.unknown", data: { reason: "offline messages (GET /api/message) answered HTTP 500" }, raw: { status: 500, text: "boom" } },
    ]);
    expect(first.fetched).toBe(0);
    expect(f.offline(answer(500, "boom again")).events).toEqual([]);
    expect((f.offline({ error: "connection refused" }).events[0]!.data as any).reason).toContain("connection refused");
    expect(f.offline(answer(200, "<html>")).events[0]!.raw).toEqual({ text: "<html>" });
    expect(f.offline(answer(200, { not: "a list" })).events).toEqual([]); // still unreadable
    f.offline(answer(200, []));
    expect(f.store.size).toBe(0);
    expect(f.offline(answer(500, "boom")).events).toHaveLength(1);
  });

  it("keeps the failures of fetching and of dropping apart", () => {
    const f = fake();
    const reason = f.offline(answer(503, ""), true).events.map((e) => (e.data as any).reason);
    expect(reason).toEqual(["dropping offline messages (GET /api/message?drop=true) answered HTTP 503"]);
    f.offline(answer(200, seed.offline)); // a fetch that works does not clear the drop's failure
    expect(f.offline(answer(503, ""), true).events).toEqual([]);
    f.offline(answer(200, []), true);
    expect(f.store.size).toBe(0);
  });

  it("takes a token the REST API refuses as a refused login", () => {
    for (const status of [401, 403]) {
      const out = fake().offline(answer(status, "bad token"));
      expect(out.events).toEqual([]);
      expect(out.signals).toEqual([{ kind: "refused", reason: `the access token was refused: offline messages (GET /api/message) answered HTTP ${status}` }]);
    }
  });
});

describe("wschat invitations", () => {
  it("emits each new invitation once as group.invited and remembers it", () => {
    const f = fake();
    const out = f.invitations(answer(200, seed.requests));
    expect(out.events).toEqual([
      {
        type: "group.invited",
        data: { request: { id: "r-30001", group: { id: "g-20002", name: "读书会" }, inviter: { id: seed.BOB } } },
        raw: seed.requests[0],
        dedupe: "invitation:r-30001",
      },
    ]);
    expect(f.store.get("invitation:r-30001")).toEqual({ group: "g-20002" });
    expect(f.invitations(answer(200, seed.requests)).events).toEqual([]);
    const more = f.invitations(answer(200, [...seed.requests, { id: 30002, groupId: 20003, invitedBy: { id: 7, name: "x" } }]));
    expect(more.events.map((e) => (e.data as any).request)).toEqual([{ id: "30002", group: { id: "20003" }, inviter: { id: "7" } }]);
  });

  it("keeps an invitation that does not fit as upstream.unknown, and reports failures once", () => {
    const f = fake();
    expect(f.invitations(answer(200, [{ groupName: "no id" }])).events[0]!.type).toBe("upstream.unknown");
    expect(f.invitations(answer(502, "bad gateway")).events).toHaveLength(1);
    expect(f.invitations(answer(502, "bad gateway")).events).toHaveLength(0);
    expect(f.invitations(answer(403, "")).signals?.[0]?.kind).toBe("refused");
    f.invitations(answer(200, ""));
    expect(f.store.has("fault:invitations")).toBe(false);
  });
});

describe("wschat upstream config", () => {
  it("adds the token to the socket's URL and every REST call, and shows neither", () => {
    const config = WschatConfig.parse({ url: "wss://chat.example.com/ws?access_token=old&x=1", accessToken: TOKEN });
    expect(dialUrl(config)).toBe(`wss://chat.example.com/ws?access_token=${TOKEN}&x=1`);
    expect(endpoint(config, "/api/group", { detailed: "true" })).toBe(`https://chat.example.com/api/group?detailed=true&access_token=${TOKEN}`);
    const proxied = WschatConfig.parse({ url: "ws://10.0.0.2:8080/ws", api: "http://10.0.0.2:8080/chat/?access_token=x", accessToken: "a b&c" });
    expect(endpoint(proxied, "/api/request/r%201")).toBe("http://10.0.0.2:8080/chat/api/request/r%201?access_token=a+b%26c");
    expect(publicUrl(dialUrl(config))).toBe("wss://chat.example.com/ws");
  });

  it("refuses a config without a token or with URLs of the wrong kind", () => {
    expect(WschatConfig.safeParse({ url: "ws://x/ws" }).success).toBe(false);
    expect(WschatConfig.safeParse({ url: "http://x/ws", accessToken: "t" }).success).toBe(false);
    expect(WschatConfig.safeParse({ url: "ws://x/ws", api: "ws://x", accessToken: "t" }).success).toBe(false);
  });
});

describe("wschat link", () => {
  const steps = wschat.link;

  it("dials the socket with the token, ready when it opens, probed over REST", () => {
    const { ctx } = fake();
    expect(steps.dial(ctx)).toEqual({ url: `ws://chat.example.com/ws?access_token=${TOKEN}` });
    expect(steps.readiness).toBe("open");
    expect(steps.hello).toBeUndefined();
    expect(steps.probe!.request(ctx)).toEqual({ method: "GET", url: `http://chat.example.com/api/group?detailed=false&access_token=${TOKEN}` });
  });

  it("after a connect: fetches, then drops only if there was something, then lists invitations", () => {
    const f = fake();
    const first = steps.connected!(f.ctx)!;
    expect(new URL(first.request.url).searchParams.get("drop")).toBe("false");
    const fetched = first.then(answer(200, seed.offline), f.ctx);
    expect(fetched.events).toHaveLength(3);
    const drop = fetched.next!;
    expect(new URL(drop.request.url).searchParams.get("drop")).toBe("true");
    const dropped = drop.then(answer(200, seed.offline), f.ctx);
    expect(dropped.events.map((e) => e.dedupe)).toEqual(fetched.events.map((e) => e.dedupe)); // stored once: they dedupe
    const invitations = dropped.next!;
    expect(new URL(invitations.request.url).pathname).toBe("/api/request");
    const listed = invitations.then(answer(200, seed.requests), f.ctx);
    expect(listed.events.map((e) => e.type)).toEqual(["group.invited"]);
    expect(listed.next ?? null).toBeNull();

    const empty = steps.poll!.step(f.ctx)!.then(answer(200, []), f.ctx);
    expect(empty.events).toEqual([]);
    expect(new URL(empty.next!.request.url).pathname).toBe("/api/request"); // nothing to drop
    expect(steps.poll!.intervalMs).toBeGreaterThanOrEqual(10_000);
  });

  it("goes on to the invitations when the fetch fails, and stops when the token is refused", () => {
    const f = fake();
    const failed = steps.connected!(f.ctx)!.then({ error: "no answer within 10 s" }, f.ctx);
    expect(failed.events.map((e) => e.type)).toEqual(["upstream.unknown"]);
    expect(new URL(failed.next!.request.url).pathname).toBe("/api/request");
    const refused = steps.connected!(f.ctx)!.then(answer(401, ""), f.ctx);
    expect(refused.signals?.[0]?.kind).toBe("refused");
    expect(refused.next ?? null).toBeNull();
  });

  it("shows the upstream without its token", () => {
    const config = WschatConfig.parse({ url: `wss://chat.example.com/ws?access_token=${TOKEN}`, accessToken: TOKEN });
    const shown = wschat.redact(config);
    expect(shown).toEqual({ url: "wss://chat.example.com/ws", api: "https://chat.example.com" });
    expect(JSON.stringify(shown)).not.toContain(TOKEN);
  });
});
