/**
 * Pushing numbered messages from the roomim simulator: either as fast as the socket takes
 * them, or paced at a fixed rate scheduled by absolute time (so timer drift never adds up).
 */
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Recorder } from "./measure.ts";
import { now, seqText } from "./measure.ts";

/** Sends message `seq`; returns nothing, the frame goes to every open client. */
export type Push = (text: string) => void;

/**
 * Full speed: frames go out in small bursts with a turn of the event loop between them, so
 * the socket writes and the receivers in this process keep being served while sending.
 */
export async function sendFullSpeed(push: Push, recorder: Recorder, burst = 50): Promise<void> {
  for (let seq = 0; seq < recorder.total;) {
    const end = Math.min(recorder.total, seq + burst);
    for (; seq < end; seq++) {
      recorder.sent(seq);
      push(seqText(seq));
    }
    await yieldToLoop();
  }
}

/**
 * Paced: message `seq` is due at start + seq / rate; every `tickMs` the sender sends every
 * message that is due by now, stamping each with the time it actually went out.
 */
export async function sendPaced(push: Push, recorder: Recorder, ratePerSecond: number, tickMs = 2): Promise<void> {
  const start = now();
  const interval = 1000 / ratePerSecond;
  let seq = 0;
  while (seq < recorder.total) {
    const t = now();
    while (seq < recorder.total && start + seq * interval <= t) {
      recorder.sent(seq);
      push(seqText(seq));
      seq++;
    }
    if (seq >= recorder.total) break;
    const nextDue = start + seq * interval;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(tickMs, nextDue - now()))));
  }
}
