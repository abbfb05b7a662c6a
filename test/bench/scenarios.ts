/**
 * One measured run each: the relay (a roomim connection made through its API, arrivals
 * verified by the webhook sink) and the passthrough baseline (arrivals timestamped by the
 * plain receiver). Both push the same numbered messages from the same simulator, and both
 * sample the worker's own progress counters while the run goes, to show where time goes.
 */
import type { Relay } from "../harness/relay.ts";
import type { RoomimSim } from "../sim/roomim.ts";
import type { Sink } from "../sim/sink.ts";
import { now, Recorder, seqOf, type RunFigures } from "./measure.ts";
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
  notes: string[];
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

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Pushes `count` numbered messages and waits for their arrival, sampling `progress`. */
async function measure(
  sim: RoomimSim,
  recorder: Recorder,
  mode: Mode,
  limits: RunLimits,
  progress: () => Promise<{ ingested: number; delivered: number } | null>,
): Promise<Omit<ScenarioResult, "notes">> {
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
  const push = (text: string) => void sim.message({ text });
  try {
    if (mode.kind === "full") await sendFullSpeed(push, recorder);
    else await sendPaced(push, recorder, mode.rate);
    await recorder.settle(limits.idleMs, now() + limits.drainMs);
  } finally {
    sampling = false;
    await sampler;
  }
  const final = await progress().catch(() => null);
  if (final) samples.push({ t: now() - start, ingested: final.ingested, delivered: final.delivered, arrived: recorder.count });
  const firstDone = (key: "ingested" | "delivered") => samples.find((s) => s[key] >= recorder.total) ?? null;
  const ingestDone = firstDone("ingested");
  const deliverDone = firstDone("delivered");
  return {
    figures: recorder.figures(),
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
}

/**
 * Creates the connection through the API (webhook events "message.*" so lifecycle events
 * are not counted), waits for it to be connected, measures, and deletes it again so the
 * next run's frames do not reach it.
 */
export async function runRelay(run: RelayRun): Promise<ScenarioResult> {
  const { relay, sim, sink, id } = run;
  const notes: string[] = [];
  sink.secret(id, run.secret);
  const put = await relay.api(`/v1/connections/${id}`, {
    method: "PUT",
    body: {
      platform: "roomim",
      upstream: { url: `${sim.url}bench?token=${id}` },
      webhook: { url: sink.hookUrl(id), secret: run.secret, events: ["message.*"] },
      enabled: true,
    },
  });
  if (put.status !== 201 && put.status !== 200) throw new Error(`PUT /v1/connections/${id}: ${put.status} ${JSON.stringify(put.body)}`);
  await until(`${id} connected`, async () => (await relay.api(`/v1/connections/${id}`)).body?.status?.state === "connected", 30_000);
  await until(`${id} the only client of the simulator`, () => sim.clients() === 1, 10_000);

  const before = (await relay.api(`/v1/connections/${id}`)).body.stats as { received: number; delivered: number };
  const dialsBefore = sim.connections.length;
  const recorder = new Recorder(run.count);
  let unverified = 0;
  const unsubscribe = sink.onDelivery((d) => {
    if (d.name !== id) return;
    if (!d.verified || d.status < 200 || d.status >= 300) {
      unverified++;
      return recorder.reject();
    }
    const message = (d.event?.data as { message?: { text?: string } } | undefined)?.message;
    recorder.arrived(seqOf(message?.text), d.at, d.id);
  });
  try {
    const result = await measure(sim, recorder, run.mode, run.limits, async () => {
      const res = await relay.api(`/v1/connections/${id}`);
      if (res.status !== 200) return null;
      const stats = res.body.stats as { received: number; delivered: number };
      return { ingested: stats.received - before.received, delivered: stats.delivered - before.delivered };
    });
    if (unverified) notes.push(`${unverified} deliveries failed verification or were refused`);
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
    unsubscribe();
    const del = await relay.api(`/v1/connections/${id}`, { method: "DELETE" }).catch((e: unknown) => ({ status: 0, body: String(e) }));
    if (del.status !== 204) notes.push(`DELETE ${id}: ${del.status}`);
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
    const result = await measure(sim, recorder, run.mode, run.limits, async () => {
      const res = await baseline.api(`/stats?id=${encodeURIComponent(id)}`);
      if (res.status !== 200) return null;
      return { ingested: res.body.frames as number, delivered: res.body.posted as number };
    });
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
