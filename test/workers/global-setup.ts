/**
 * Starts the simulators (roomim, oicq, yunhu, chat68, wschat) and the verifying webhook sink
 * in Node for the tests that run inside workerd; they reach them over loopback (the relay's sockets and webhooks, and the
 * simulators' /control APIs).
 */
import type { TestProject } from "vitest/node";
import { startChat68 } from "../sim/chat68.ts";
import { startOicq } from "../sim/oicq.ts";
import { startRoomim } from "../sim/roomim.ts";
import { startSink } from "../sim/sink.ts";
import { startWschat } from "../sim/wschat.ts";
import { startYunhu } from "../sim/yunhu.ts";

declare module "vitest" {
  export interface ProvidedContext {
    roomimPort: number;
    oicqPort: number;
    yunhuPort: number;
    chat68Port: number;
    wschatPort: number;
    sinkPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const roomim = await startRoomim();
  // The daemon's ping rule at 200 ms, so that many rounds pass within a test.
  const oicq = await startOicq({ pingIntervalMs: 200 });
  const yunhu = await startYunhu();
  const chat68 = await startChat68();
  const wschat = await startWschat();
  const sink = await startSink();
  project.provide("roomimPort", roomim.port);
  project.provide("yunhuPort", yunhu.port);
  project.provide("oicqPort", oicq.port);
  project.provide("chat68Port", chat68.port);
  project.provide("wschatPort", wschat.port);
  project.provide("sinkPort", sink.port);
  return async () => {
    await roomim.close();
    await oicq.close();
    await yunhu.close();
    await chat68.close();
    await wschat.close();
    await sink.close();
  };
}
