/**
 * Every adapter's decode, on open-ended input: it never throws, every frame yields something
 * (an event, a reply or a signal: nothing vanishes), events carry `raw`, and 64-bit ids arrive
 * exact, never rounded. Frames are arbitrary text and bytes, JSON of any shape, and the seeds'
 * own frames with their ids replaced by random 64-bit numbers and their fields mutated.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Context, Decoded, Frame, Platform } from "../../src/platforms/contract.ts";
import { PLATFORMS } from "../../src/platforms/index.ts";
import { pb } from "../../src/platforms/yunhu/frames.ts";
import * as chat68Seed from "../sim/chat68-seed.ts";
import * as oicqSeed from "../sim/oicq-seed.ts";
import * as roomimSeed from "../sim/roomim-seed.ts";
import * as wschatSeed from "../sim/wschat-seed.ts";

/** The example frames a seed module exports. */
const framesOf = (module: Record<string, unknown>): string[] =>
  Object.values(module).filter((v): v is string => typeof v === "string" && v.trimStart().startsWith("{"));

/** Per platform: a valid `upstream` config, and the seed frames (text) to mutate. */
const SAMPLES: Record<string, { upstream: unknown; seeds: string[] }> = {
  roomim: { upstream: { url: "wss://im.example.com/ws" }, seeds: framesOf(roomimSeed) },
  oicq: { upstream: { url: "wss://qq.example.com/" }, seeds: framesOf(oicqSeed) },
  yunhu: { upstream: { userId: "7356666", token: "t" }, seeds: [] },
  // The greeting ({"message":"Hello"}) yields nothing by design: a frame that says the socket is up.
  wschat: {
    upstream: { url: "wss://chat.example.com/ws", accessToken: "t" },
    seeds: [wschatSeed.unicast, wschatSeed.multicast, wschatSeed.notification].map((f) => JSON.stringify(f)),
  },
  chat68: { upstream: { url: "wss://chat68.example.com/" }, seeds: framesOf(chat68Seed).filter((f) => !/^\{\s*"message"\s*:\s*"Hello"\s*\}$/.test(f.trim())) },
};

function contextOf(platform: Platform): Context<unknown> {
  const sample = SAMPLES[platform.name];
  if (!sample) throw new Error(`add a sample upstream config for ${platform.name} to test/unit/decode.test.ts`);
  const memory = new Map<string, unknown>();
  let n = 0;
  return {
    connection: "prop",
    config: platform.upstream.parse(sample.upstream),
    now: 1_732_503_600_000,
    recall: (k) => memory.get(k),
    newKey: () => `k${++n}`,
  };
}

/** A 64-bit id beyond 2^53, as digits. */
const bigId = fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 63n - 1n }).map(String);

/** A seed frame with every bare or quoted 6+ digit number but times replaced by random big ids (bare, as upstreams send them). */
const seededFrame = (seeds: string[]) =>
  fc.tuple(fc.constantFrom(...seeds), fc.array(bigId, { minLength: 40, maxLength: 40 })).map(([seed, ids]) => {
    let i = 0;
    const used: string[] = [];
    // Whole JSON values only (bare or quoted), not digits inside strings such as URLs.
    const text = seed.replace(/(?<=[:[,]\s*)"?\d{6,}"?(?=\s*[,\]}])/g, (digits, at: number) => {
      // Times are numbers, not ids: a time of 2^53 ms means nothing and is not kept as digits.
      if (/time\w*"\s*:\s*$/i.test(seed.slice(Math.max(0, at - 30), at))) return digits;
      const id = ids[i++ % ids.length]!;
      used.push(id);
      return id;
    });
    return { text, ids: used };
  });

/** JSON with the seed's keys in random shapes. */
function keyedJson(seeds: string[]): fc.Arbitrary<string> {
  const keys = [...new Set(seeds.flatMap((s) => [...s.matchAll(/"([A-Za-z_]+)"\s*:/g)].map((m) => m[1]!)))];
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(null, true, 0, 1, 2, -1, 1e21, "", "1858415724765278210", "group", "private", "text"),
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.array(tie("v"), { maxLength: 3 }),
      fc.dictionary(keys.length ? fc.constantFrom(...keys) : fc.string(), tie("v"), { maxKeys: 6 }),
    ),
  })).v;
  return fc.dictionary(keys.length ? fc.constantFrom(...keys) : fc.string(), value, { maxKeys: 8 }).map((o) => JSON.stringify(o));
}

/** yunhu: WsWrapper protobuf frames with known commands and random payloads. */
const yunhuFrame = fc
  .record({
    cmd: fc.constantFrom(
      "push_message",
      "edit_message",
      "blocked_message",
      "stream_message",
      "draft_input",
      "file_send_message",
      "invite_apply",
      "heartbeat_ack",
      "nope",
    ),
    msg_id: fc.string({ maxLength: 10 }),
    chat_id: fc.oneof(bigId, fc.string({ maxLength: 6 })),
    sender: fc.oneof(bigId, fc.string({ maxLength: 6 })),
    chat_type: fc.integer({ min: 0, max: 4 }),
    content_type: fc.integer({ min: 0, max: 14 }),
    text: fc.string({ maxLength: 12 }),
    timestamp: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
    junk: fc.uint8Array({ maxLength: 12 }),
  })
  .map((f) => {
    const value = pb.PushMessage.encode(
      pb.PushMessage.fromObject({
        msg_id: f.msg_id,
        chat_id: f.chat_id,
        recv_id: f.chat_id,
        chat_type: f.chat_type,
        content_type: f.content_type,
        sender: { chat_id: f.sender },
        content: { text: f.text },
        timestamp: f.timestamp.toString(),
      }),
    ).finish();
    const payload = f.junk.length % 3 === 0 ? f.junk : value;
    return pb.WsWrapper.encode(pb.WsWrapper.fromObject({ info: { seq: "1", cmd: f.cmd }, data: { type_url: "x", value: payload } })).finish() as Uint8Array;
  });

function anyFrame(platform: Platform): fc.Arbitrary<Frame> {
  const seeds = SAMPLES[platform.name]?.seeds ?? [];
  const arbitraries: fc.Arbitrary<Frame>[] = [
    fc.string({ maxLength: 64 }),
    fc.uint8Array({ maxLength: 64 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.constantFrom("[".repeat(300) + "]".repeat(300), `{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`, "{".repeat(50_000)),
  ];
  if (seeds.length)
    arbitraries.push(
      keyedJson(seeds),
      seededFrame(seeds).map((s) => s.text),
    );
  if (platform.name === "yunhu") arbitraries.push(yunhuFrame);
  return fc.oneof(...arbitraries);
}

function checkDecoded(out: Decoded): void {
  expect(Array.isArray(out.events)).toBe(true);
  expect(out.events.length + (out.replies?.length ?? 0) + (out.signals?.length ?? 0)).toBeGreaterThan(0);
  for (const event of out.events) {
    expect(typeof event.type).toBe("string");
    expect(event.raw).not.toBeUndefined();
    // Every event survives serialisation (nothing nested past what JSON.stringify can write).
    expect(() => JSON.stringify(event)).not.toThrow();
  }
}

describe.each(Object.values(PLATFORMS).map((p) => [p.name, p] as const))("%s decode", (_name, platform) => {
  it("never throws and never drops a frame, whatever arrives", () => {
    const ctx = contextOf(platform);
    fc.assert(
      fc.property(anyFrame(platform), (frame) => {
        checkDecoded(platform.decode(frame, ctx));
      }),
      { numRuns: 400 },
    );
  });

  it("reports a frame nested past the parser's limit with that reason", () => {
    const out = platform.decode(`{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`, contextOf(platform));
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ type: "upstream.unknown", data: { reason: expect.stringContaining("nested deeper than 128 levels") } });
  });

  it("carries 64-bit ids exactly: no rounded id anywhere, each one whole in the events", () => {
    const seeds = SAMPLES[platform.name]?.seeds ?? [];
    if (!seeds.length) return; // binary protocols carry ids as strings or varints: nothing to round
    const ctx = contextOf(platform);
    fc.assert(
      fc.property(seededFrame(seeds), ({ text, ids }) => {
        const out = platform.decode(text, ctx);
        checkDecoded(out);
        const shown = JSON.stringify(out);
        const events = JSON.stringify(out.events);
        for (const id of ids) {
          const rounded = String(Number(id));
          if (!ids.includes(rounded)) expect(shown).not.toContain(rounded);
          // A frame that became events keeps all of it in their raw (a reply goes to its action).
          if (out.events.length) expect(events).toContain(`"${id}"`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
