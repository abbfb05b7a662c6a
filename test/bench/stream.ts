/**
 * Ingest with and without live readers: the same burst of roomim frames stored with no
 * stream open, then with `readers` streams following the connection. Prints the ratio of the
 * two ingest rates (1.0: readers cost ingest nothing) and checks every reader saw every event
 * in order. The readers run in their own process, so that parsing 20 streams does not slow
 * the simulator sending the frames. Used by the e2e test (figures printed, not asserted) and
 * `npm run bench:stream`.
 *
 *   node test/bench/stream.ts [--frames 2000] [--readers 20]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createClient, eventIdAt } from "../../src/client/index.ts";
import { startRelay, type Relay } from "../harness/relay.ts";
import { cliOptions } from "../sim/http.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";

export interface IngestRun {
  readers: number;
  ms: number;
  perSecond: number;
  /** Readers that saw every frame of the run, in order. */
  complete: number;
}

export interface StreamBench {
  frames: number;
  alone: IngestRun;
  followed: IngestRun;
  /** followed.perSecond ÷ alone.perSecond */
  ratio: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const READERS = fileURLToPath(new URL("./stream-readers.ts", import.meta.url).href);

/** Starts the readers' process; resolves once every stream is open, with how many saw the whole run. */
async function startReaders(relay: Relay, id: string, after: string, label: string, count: number, readers: number): Promise<{ done: Promise<number> }> {
  const child = spawn(process.execPath, [READERS, relay.url, relay.token, id, after, label, String(count), String(readers)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.value !== "open") throw new Error(`the readers did not open: ${String(first.value)}`);
  const done = (async () => {
    const last = await iterator.next();
    return (JSON.parse(String(last.value)) as { complete: number }).complete;
  })();
  return { done };
}

export async function benchStream(relay: Relay, roomim: RoomimSim, options: { frames?: number; readers?: number } = {}): Promise<StreamBench> {
  const frames = options.frames ?? 2000;
  const readers = options.readers ?? 20;
  const id = `bench-stream-${Date.now().toString(36)}`;
  const client = createClient({ url: relay.url, token: relay.token });
  // No webhook delivery: ingest alone is measured.
  await client.connections.put(id, {
    platform: "roomim",
    upstream: { url: `${roomim.url}ws?token=${id}` },
    webhook: { url: "https://hooks.invalid/none", events: ["none.*"] },
  });
  const deadline = Date.now() + 30_000;
  while ((await client.connections.get(id)).status.state !== "connected") {
    if (Date.now() > deadline) throw new Error(`${id} did not connect`);
    await sleep(100);
  }

  async function run(label: string, count: number, readerCount: number): Promise<IngestRun> {
    const after = eventIdAt((await client.relayTime()) - 1000);
    const readers = readerCount ? await startReaders(relay, id, after, label, count, readerCount) : null;
    const before = (await client.connections.get(id)).stats.received;
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      roomim.message({ text: `${label} ${i}` });
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    while ((await client.connections.get(id)).stats.received < before + count) await sleep(10);
    const ms = performance.now() - t0;
    const complete = readers ? await readers.done : 0;
    return { readers: readerCount, ms: Math.round(ms), perSecond: Math.round((count / ms) * 1000), complete };
  }

  await run("warm-up", 200, 0);
  const alone = await run("alone", frames, 0);
  const followed = await run("followed", frames, readers);
  await client.connections.delete(id);
  return { frames, alone, followed, ratio: Math.round((followed.perSecond / alone.perSecond) * 100) / 100 };
}

export const describeBench = (b: StreamBench): string =>
  `ingest of ${b.frames} frames: ${b.alone.perSecond}/s with no reader, ${b.followed.perSecond}/s with ${b.followed.readers} readers (ratio ${b.ratio}); ${b.followed.complete}/${b.followed.readers} readers saw every event in order`;

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const persistTo = mkdtempSync(join(tmpdir(), "imrelay-bench-stream-"));
  const roomim = await startRoomim();
  const relay = await startRelay({ persistTo });
  try {
    const result = await benchStream(relay, roomim, {
      frames: Number(cliOptions(argv, "frames")[0] ?? 2000),
      readers: Number(cliOptions(argv, "readers")[0] ?? 20),
    });
    console.log(describeBench(result));
  } finally {
    await relay.stop();
    await roomim.close();
    rmSync(persistTo, { recursive: true, force: true });
  }
}
