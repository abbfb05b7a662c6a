/**
 * Many connections in one relay: N roomim connections on one simulator, whose every push
 * goes to every client, so a paced sender at R messages/s gives each connection R/s and the
 * relay N × R/s in all. Each connection's arrivals are recorded on their own (the same
 * sequence numbers, sent at the same moments), so a connection that falls behind shows.
 */
import type { Relay } from "../harness/relay.ts";
import type { RoomimSim } from "../sim/roomim.ts";
import type { Sink } from "../sim/sink.ts";
import { now, Recorder, type RunFigures } from "./measure.ts";
import { watchProcess, type ProcessFigures } from "./proc.ts";
import { closeConnection, openConnection, recordArrivals, until, type RunLimits } from "./scenarios.ts";
import { sendPaced } from "./sender.ts";

export interface ManyRun {
  relay: Relay;
  sim: RoomimSim;
  sink: Sink;
  secret: string;
  connections: number;
  /** Messages per second on each connection. */
  rate: number;
  /** Messages per connection. */
  count: number;
  limits: RunLimits;
  pid: number | null;
}

export interface ManyResult {
  connections: number;
  rate: number;
  /** Per connection, in order. */
  figures: RunFigures[];
  process: ProcessFigures | null;
  cpuPerEventMs: number | null;
  notes: string[];
}

export async function runMany(run: ManyRun): Promise<ManyResult> {
  const { relay, sim, sink } = run;
  const notes: string[] = [];
  const ids = Array.from({ length: run.connections }, (_, i) => `many-${i}`);
  try {
    // Opened a few at a time: each dial is a Durable Object coming up in the same workerd.
    for (let i = 0; i < ids.length; i += 5) await Promise.all(ids.slice(i, i + 5).map((id) => openConnection(relay, sim, sink, id, run.secret)));
    await until(`${ids.length} clients of the simulator`, () => sim.clients() === ids.length, 20_000);
    const recorders = ids.map(() => new Recorder(run.count));
    const arrivals = ids.map((id, i) => recordArrivals(sink, id, recorders[i]!));
    const clock = new Recorder(run.count);
    const proc = run.pid === null ? null : watchProcess(run.pid);
    let usage: ProcessFigures | null = null;
    try {
      await sendPaced((text) => void sim.message({ text }), clock, run.rate);
      for (const r of recorders) r.sentAt.set(clock.sentAt);
      const deadline = now() + run.limits.drainMs;
      for (const r of recorders) await r.settle(run.limits.idleMs, deadline);
    } finally {
      usage = proc?.stop() ?? null;
      for (const a of arrivals) a.unsubscribe();
    }
    const figures = recorders.map((r) => r.figures());
    const unverified = arrivals.reduce((n, a) => n + a.unverified(), 0);
    if (unverified) notes.push(`${unverified} deliveries failed verification or were refused`);
    const received = figures.reduce((n, f) => n + f.received, 0);
    return { connections: ids.length, rate: run.rate, figures, process: usage, cpuPerEventMs: usage && received ? usage.cpuMs / received : null, notes };
  } finally {
    for (const id of ids) await closeConnection(relay, id, notes);
    await until("the simulator to have no clients", () => sim.clients() === 0, 20_000).catch(() => notes.push("a client stayed connected"));
  }
}
