/**
 * One measured run each: the relay (a roomim connection made through its API, arrivals
 * verified by the webhook sink) and the passthrough baseline (arrivals timestamped by the
 * plain receiver). Both push the same numbered messages from the same simulator, and both
 * sample the worker's own progress counters while the run goes, to show where time goes.
 */
import type { Relay } from "../harness/relay.ts";
import type { RoomimSim } from "../sim/roomim.ts";
import type { Sink } from "../sim/sink.ts";
import type { Inspector } from "./inspector.ts";
import { now, Recorder, seqOf, type RunFigures } from "./measure.ts";
import { watchProcess, type ProcessFigures } from "./proc.ts";
import type { Receiver } from "./receiver.ts";
import { sendFullSpeed, sendPaced } from "./sender.ts";

export type Mode = { kind: "full" } | { kind: "paced"; rate: number };

/** The worker's own counters, sampled during a run (ms since the first send). */
export interface Sample {
  t: number;
  /** Frames taken in (relay: events stored; baseline: frames seen). */
  ingested: number;
  /** Posts answered 2xx. */
  delivered: number;
  /** Arrivals counted at the receiver. */
  arrived: number;
}

export interface ScenarioResult {
  figures: RunFigures;
  /** When the worker had taken in every frame, and delivered every one (ms after the first send). */
  ingestDoneMs: number | null;
  deliverDoneMs: number | null;
  /** The highest backlog (ingested − delivered) sampled. */
  peakBacklog: number;
  /** Frames taken in per second until every frame was in (total ÷ ingestDoneMs). */
  ingestRate: number | null;
  /** Posts delivered by the time every frame was in: delivery alongside ingest. */
  deliveredWhileIngesting: number | null;
  /** Deliveries per second after every frame was in. */
  drainRate: number | null;
  samples: Sample[];
  /** The measured process (workerd running the Worker, or the Node relay) over the run. */
  process: ProcessFigures | null;
  /** process CPU ÷ events received, ms. */
  cpuPerEventMs: number | null;
  /** The isolate's JS heap (inspector), sampled over the run. */
  heap: { peakMiB: number; lastMiB: number; samples: number } | null;
  notes: string[];
}

/** What to watch while a run goes: a process's CPU and RSS, an isolate's heap. */
export interface Watch {
  pid: number | null;
  inspector?: Inspector | null;
}

export interface RunLimits {
  /** Give up when nothing arrives for this long. */
  idleMs: number;
  /** Give up this long after sending finished. */
  drainMs: number;
  /** Sampling period for the worker's counters. */
  sampleMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sends the run's numbered messages from the simulator, at full speed or paced. */
export function fromSimulator(sim: RoomimSim, recorder: Recorder, mode: Mode): () => Promise<void> {
  const push = (text: string) => void sim.message({ text });
  return () => (mode.kind === "full" ? sendFullSpeed(push, recorder) : sendPaced(push, recorder, mode.rate));
}

/** Runs `send` and waits for the arrivals, sampling `progress` and watching `watch`. */
export async function measure(
  recorder: Recorder,
  limits: RunLimits,
  progress: () => Promise<{ ingested: number; delivered: number } | null>,
  watch: Watch,
  send: () => Promise<void>,
): Promise<Omit<ScenarioResult, "notes">> {
  const proc = watch.pid === null ? null : watchProcess(watch.pid);
  const heap = watch.inspector?.watchHeap() ?? null;
  const start = now();
  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const p = await progress().catch(() => null);
      if (p) samples.push({ t: now() - start, ingested: p.ingested, delivered: p.delivered, arrived: recorder.count });
      await sleep(limits.sampleMs);
    }
  })();
  let usage: ProcessFigures | null;
  let heapFigures: ScenarioResult["heap"];
  try {
    await send();
    await recorder.settle(limits.idleMs, now() + limits.drainMs);
  } finally {
    usage = proc?.stop() ?? null;
    heapFigures = (await heap?.stop()) ?? null;
    sampling = false;
    await sampler;
  }
  const final = await progress().catch(() => null);
  if (final) samples.push({ t: now() - start, ingested: final.ingested, delivered: final.delivered, arrived: recorder.count });
  const firstDone = (key: "ingested" | "delivered") => samples.find((s) => s[key] >= recorder.total) ?? null;
  const ingestDone = firstDone("ingested");
  const deliverDone = firstDone("delivered");
  const figures = recorder.figures();
  return {
    figures,
    process: usage,
    cpuPerEventMs: usage && figures.received > 0 ? usage.cpuMs / figures.received : null,
    heap: heapFigures,
    ingestDoneMs: ingestDone?.t ?? null,
    deliverDoneMs: deliverDone?.t ?? null,
    peakBacklog: Math.max(0, ...samples.map((s) => s.ingested - s.delivered)),
    ingestRate: ingestDone ? (recorder.total / ingestDone.t) * 1000 : null,
    deliveredWhileIngesting: ingestDone ? Math.min(ingestDone.delivered, recorder.total) : null,
    drainRate:
      ingestDone && deliverDone && deliverDone.t > ingestDone.t ? ((recorder.total - ingestDone.delivered) / (deliverDone.t - ingestDone.t)) * 1000 : null,
    samples,
  };
}

export interface RelayRun {
  relay: Relay;
  sim: RoomimSim;
  sink: Sink;
  secret: string;
  /** Connection id, also the sink's hook name. */
  id: string;
  count: number;
  mode: Mode;
  limits: RunLimits;
  watch: Watch;
  /** Extra webhook settings for the connection (e.g. batch). */
  webhook?: Record<string, unknown>;
}

/** Creates a roomim connection through the API and waits until it is connected. */
export async function openConnection(
  relay: Relay,
  sim: RoomimSim,
  sink: Sink,
  id: string,
  secret: string,
  webhook: Record<string, unknown> = {},
): Promise<void> {
  sink.secret(id, secret);
  const put = await relay.api(`/v1/connections/${id}`, {
    method: "PUT",
    body: {
      platform: "roomim",
      upstream: { url: `${sim.url}bench?token=${id}` },
      webhook: { url: sink.hookUrl(id), secret, events: ["message.*"], ...webhook },
      enabled: true,
    },
  });
  if (put.status !== 201 && put.status !== 200) throw new Error(`PUT /v1/connections/${id}: ${put.status} ${JSON.stringify(put.body)}`);
  await until(`${id} connected`, async () => (await relay.api(`/v1/connections/${id}`)).body?.status?.state === "connected", 30_000);
}

/** Deletes a connection, noting a failure. */
export async function closeConnection(relay: Relay, id: string, notes: string[]): Promise<void> {
  const del = await relay.api(`/v1/connections/${id}`, { method: "DELETE" }).catch((e: unknown) => ({ status: 0, body: String(e) }));
  if (del.status !== 204) notes.push(`DELETE ${id}: ${del.status}`);
}

/**
 * Feeds the verified deliveries to {id} into a recorder: one event per webhook, or each
 * event of a batch (`{"type": "batch", "events": [...]}`), deduplicated by event id.
 */
export function recordArrivals(sink: Sink, id: string, recorder: Recorder): { unsubscribe(): void; unverified(): number } {
  let unverified = 0;
  const unsubscribe = sink.onDelivery((d) => {
    if (d.name !== id) return;
    if (!d.verified || d.status < 200 || d.status >= 300) {
      unverified++;
      return recorder.reject();
    }
    const body = d.event as { type?: string; id?: string; events?: { id: string; data: unknown }[] } | undefined;
    const events = body?.type === "batch" && Array.isArray(body.events) ? body.events : [{ id: d.id ?? "", data: d.event?.data }];
    for (const event of events) {
      const message = (event.data as { message?: { text?: string } } | undefined)?.message;
      recorder.arrived(seqOf(message?.text), d.at, event.id);
    }
  });
  return { unsubscribe, unverified: () => unverified };
}

/**
 * Creates the connection through the API (webhook events "message.*" so lifecycle events
 * are not counted), waits for it to be connected, measures, and deletes it again so the
 * next run's frames do not reach it.
 */
export async function runRelay(run: RelayRun): Promise<ScenarioResult> {
  const { relay, sim, sink, id } = run;
  const notes: string[] = [];
  await openConnection(relay, sim, sink, id, run.secret, run.webhook);
  await until(`${id} the only client of the simulator`, () => sim.clients() === 1, 10_000);

  const before = (await relay.api(`/v1/connections/${id}`)).body.stats as { received: number; delivered: number };
  const dialsBefore = sim.connections.length;
  const recorder = new Recorder(run.count);
  const arrivals = recordArrivals(sink, id, recorder);
  try {
    const result = await measure(
      recorder,
      run.limits,
      async () => {
        const res = await relay.api(`/v1/connections/${id}`);
        if (res.status !== 200) return null;
        const stats = res.body.stats as { received: number; delivered: number };
        return { ingested: stats.received - before.received, delivered: stats.delivered - before.delivered };
      },
      run.watch,
      fromSimulator(sim, recorder, run.mode),
    );
    if (arrivals.unverified()) notes.push(`${arrivals.unverified()} deliveries failed verification or were refused`);
    const outbox = await outboxOf(relay, id).catch(() => null);
    if (outbox && (outbox.retried || outbox.pending || outbox.failed)) {
      notes.push(`outbox: ${outbox.retried} of ${outbox.total} deliveries took more than one attempt, ${outbox.pending} pending, ${outbox.failed} failed`);
    }
    const dials = sim.connections.length - dialsBefore;
    if (dials > 0) {
      const view = (await relay.api(`/v1/connections/${id}`)).body;
      notes.push(`the relay re-dialled the upstream ${dials} time(s) during the run; status now ${JSON.stringify(view?.status)}`);
    }
    return { ...result, notes };
  } finally {
    arrivals.unsubscribe();
    await closeConnection(relay, id, notes);
    await until("the simulator to have no clients", () => sim.clients() === 0, 10_000).catch(() => notes.push("a client stayed connected"));
  }
}

/** The relay's own record of its deliveries for a connection (paged through the API). */
async function outboxOf(relay: Relay, id: string): Promise<{ total: number; retried: number; pending: number; failed: number }> {
  const tally = { total: 0, retried: 0, pending: 0, failed: 0 };
  let after: string | null = null;
  do {
    const res = await relay.api(`/v1/connections/${id}/deliveries?limit=1000${after ? `&after=${after}` : ""}`);
    if (res.status !== 200) throw new Error(`deliveries: ${res.status}`);
    for (const d of res.body.deliveries as { status: string; attempts: number }[]) {
      tally.total++;
      if (d.attempts > 1) tally.retried++;
      if (d.status === "pending") tally.pending++;
      if (d.status === "failed") tally.failed++;
    }
    after = res.body.next as string | null;
  } while (after);
  return tally;
}

export interface BaselineRun {
  baseline: Relay;
  sim: RoomimSim;
  receiver: Receiver;
  id: string;
  count: number;
  mode: Mode;
  limits: RunLimits;
  watch: Watch;
}

/** Starts passthrough {id} on the simulator, measures, and stops it. */
export async function runBaseline(run: BaselineRun): Promise<ScenarioResult> {
  const { baseline, sim, receiver, id } = run;
  const notes: string[] = [];
  const started = await baseline.api("/start", { body: { id, url: `${sim.url}baseline`, hook: run.receiver.url } });
  if (started.status !== 200) throw new Error(`baseline /start: ${started.status} ${JSON.stringify(started.body)}`);
  await until("the baseline to be the only client of the simulator", () => sim.clients() === 1, 10_000);
  const dialsBefore = sim.connections.length;
  const recorder = new Recorder(run.count);
  receiver.onArrival((a) => recorder.arrived(seqOf(a.body), a.at));
  try {
    const result = await measure(
      recorder,
      run.limits,
      async () => {
        const res = await baseline.api(`/stats?id=${encodeURIComponent(id)}`);
        if (res.status !== 200) return null;
        return { ingested: res.body.frames as number, delivered: res.body.posted as number };
      },
      run.watch,
      fromSimulator(sim, recorder, run.mode),
    );
    const stats = (await baseline.api(`/stats?id=${encodeURIComponent(id)}`)).body as { failed?: number };
    if (stats?.failed) notes.push(`${stats.failed} posts failed`);
    const dials = sim.connections.length - dialsBefore;
    if (dials > 0) notes.push(`the baseline's socket was opened again ${dials} time(s) during the run`);
    return { ...result, notes };
  } finally {
    receiver.onArrival(null);
    await baseline.api("/stop", { body: { id } }).catch(() => notes.push("baseline /stop failed"));
    await until("the simulator to have no clients", () => sim.clients() === 0, 10_000).catch(() => notes.push("a client stayed connected"));
  }
}
