/**
 * The delivery pump when the webhook is disabled (410) while a delivery is still in flight and
 * new events are offered: found by the fault soak, where the relay's isolate spun forever.
 */
import { describe, expect, it } from "vitest";
import { DeliveryPump } from "../../src/session/pump.ts";

describe("the delivery pump with a delivery in flight", () => {
  it("takes offers without spinning, and ends once the delivery in flight does", async () => {
    let paused = false;
    let finishSlow: () => void = () => {};
    const waiting = [{ event_id: "slow", attempts: 0, body: "{}" }];
    const pump = new DeliveryPump({
      due: (limit) => waiting.splice(0, limit),
      deliver: ([d]) =>
        d!.event_id === "slow"
          ? new Promise<void>((resolve) => {
              finishSlow = resolve;
            })
          : Promise.resolve(),
      batch: () => null,
      concurrency: 4,
      paused: () => paused,
      settling: { has: () => false, size: 0 },
      lingerMs: 10,
    });
    const run = pump.run(10_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(pump.running).toBe(true);
    paused = true; // a 410 disabled the webhook while "slow" is still being delivered
    // Before the fix this offer never returned: spawn() started workers that quit at once, forever.
    const started = Date.now();
    pump.offer([
      { event_id: "new-1", attempts: 0, body: "{}" },
      { event_id: "new-2", attempts: 0, body: "{}" },
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    finishSlow();
    await run;
    expect(pump.running).toBe(false);
  });
});

describe("the delivery pump past its budget", () => {
  it("takes offers without spinning while a delivery in flight outlives the deadline", async () => {
    let finishSlow: () => void = () => {};
    const waiting = [{ event_id: "slow", attempts: 0, body: "{}" }];
    const pump = new DeliveryPump({
      due: (limit) => waiting.splice(0, limit),
      deliver: ([d]) => (d!.event_id === "slow" ? new Promise<void>((resolve) => (finishSlow = resolve)) : Promise.resolve()),
      batch: () => null,
      concurrency: 4,
      paused: () => false,
      settling: { has: () => false, size: 0 },
      lingerMs: 10,
    });
    const run = pump.run(20); // the budget runs out while "slow" is still being delivered
    await new Promise((r) => setTimeout(r, 40));
    expect(pump.running).toBe(true);
    pump.offer([{ event_id: "new-1", attempts: 0, body: "{}" }]); // before the fix: never returned
    finishSlow();
    await run;
    expect(pump.running).toBe(false);
  });
});
