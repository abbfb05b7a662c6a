/**
 * chat68 on open-ended input (fast-check): decode never throws and lets nothing vanish, ids of
 * any size arrive and leave with their exact digits, every send carries a well-formed
 * custom_msg_id, and text goes out as given (line breaks as the seed writes them).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as SEED from "../sim/chat68-seed.ts";
import { chat68 } from "../../src/platforms/chat68/index.ts";
import { customMsgId } from "../../src/platforms/chat68/encode.ts";
import { idString, parseLossless } from "../../src/lib/json.ts";
import { fake } from "./chat68-fake.ts";

/** An id as 68chat sends them: 7 digits (users, groups), 10 (messages), or 64-bit. */
const anyId = fc.oneof(
  fc.integer({ min: 1_000_000, max: 9_999_999 }).map(String),
  fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }).map(String),
  fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 63n - 1n }).map(String),
);

/** The frames the client may send, as JSON text: the seed's and origin's, minus the greeting (the one frame meant to yield nothing). */
const examples = Object.entries(SEED)
  .filter(([name, v]) => typeof v === "string" && name !== "greeting")
  .map(([, v]) => v as string);

const KEYS = [...new Set(examples.flatMap((s) => [...s.matchAll(/"([A-Za-z_]+)"\s*:/g)].map((m) => m[1]!)))];

/** JSON objects built from the protocol's own keys and values of every kind. */
const keyedFrame = fc
  .letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(
        null,
        true,
        false,
        0,
        1,
        8,
        50,
        200,
        203,
        -2,
        "",
        "group",
        "friend",
        "msgNew",
        "recall_msg",
        "groupUpdate",
        "msgListPropertyUpdate",
        "groupShutupAll",
      ),
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.array(tie("v"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 8 }),
    ),
  }))
  .v.map((v) => JSON.stringify(v));

describe("chat68 decode on any input", () => {
  it("never throws, and every frame but the greeting yields an event, a reply or a signal", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), keyedFrame, fc.constantFrom(...examples), fc.uint8Array({ maxLength: 64 })), (frame) => {
        const out = chat68.decode(frame, fake().ctx);
        const yielded = out.events.length + (out.replies?.length ?? 0) + (out.signals?.length ?? 0);
        expect(yielded).toBeGreaterThan(0);
        for (const e of out.events) expect(e.raw).not.toBeUndefined();
        expect(() => JSON.stringify(out)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("a message's ids arrive as their exact digits, whatever their size", () => {
    fc.assert(
      fc.property(anyId, anyId, anyId, fc.boolean(), (msgId, sender, chat, group) => {
        const frame = `{"operator":"msgNew","data":{"msgType":0,"msgId":${msgId},"sendUid":${sender},"${group ? "groupId" : "friendId"}":${chat},"content":"x","type":"${group ? "group" : "friend"}"}}`;
        const [event] = chat68.decode(frame, fake().ctx).events;
        expect(event?.data.message).toMatchObject({ id: msgId, sender: { id: sender }, chat: { type: group ? "group" : "private", id: chat } });
      }),
    );
  });

  it("a recall's and a send result's ids too", () => {
    fc.assert(
      fc.property(anyId, anyId, (msgId, target) => {
        const recall = chat68.decode(`{"operator":"recall_msg","data":{"recallOneToOneMessages":[{"msgId":${msgId},"msgTargetId":"${target}"}]}}`, fake().ctx);
        expect(recall.events[0]?.data).toEqual({ message: { id: msgId, chat: { type: "private", id: target } } });
        const result = chat68.decode(
          `{"operator":"msgListPropertyUpdate","data":{"id":${target},"type":"group","list":[{"customMsgId":"12345678901","updated":{"MsgID":${msgId},"readStatus":1}}]}}`,
          fake().ctx,
        );
        expect(result.replies).toEqual([{ key: "send:12345678901", result: { message_id: msgId }, quiet: true }]);
      }),
    );
  });
});

describe("chat68 sends on any input", () => {
  it("a chat id of any size goes out as a bare number with its digits; text as given, line breaks as \\n", () => {
    fc.assert(
      fc.property(anyId, fc.boolean(), fc.string({ minLength: 1 }), (id, group, text) => {
        const plan = fake().plan("message.create", { chat: { type: group ? "group" : "private", id }, content: [{ type: "text", text }] });
        if (plan.kind !== "socket") throw new Error("socket plan expected");
        const frameText = String(plan.frames[0]);
        expect(frameText).toContain(`"data":{"id":${id},`);
        const frame = parseLossless(frameText) as { data: { id: unknown; custom_msg_id: string; list: { values: { content: string } }[] } };
        expect(idString(frame.data.id)).toBe(id);
        expect(frame.data.list[0]?.values.content).toBe(text.replace(/\r?\n/g, "\\n"));
        expect(frame.data.custom_msg_id).toMatch(/^[1-9]\d{10}$/);
      }),
    );
  });

  it("custom_msg_id: 11 digits, no leading 0, for any key", () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        expect(customMsgId(key)).toMatch(/^[1-9]\d{10}$/);
      }),
    );
  });
});
