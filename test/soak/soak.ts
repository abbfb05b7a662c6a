/**
 * The fault soak: roomim connections under steady traffic in a real `wrangler dev`, while
 * faults are injected at random — upstream drops (close frames and dead TCP), webhook 5xx
 * bursts, webhook answers later than the 15 s attempt timeout, a 410 Gone and its recovery
 * (PATCH `webhook.disabled: false`, then retry the failed delivery), and SIGKILL restarts of
 * wrangler dev. A ledger records every message an upstream simulator wrote to an open socket;
 * at the end each must have reached the webhook sink, signature verified, under exactly one
 * event id.
 *
 * What counts as sent: a frame the simulator wrote while the relay's socket was open. Traffic
 * pauses for a moment before a SIGKILL: a frame still in a socket buffer at the instant a
 * process is killed is lost to any relay whose upstream neither acknowledges nor replays
 * (roomim does neither), so such frames would measure the upstream protocol, not the relay.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRelay, type Relay } from "../harness/relay.ts";
import { seeded } from "../harness/seeded.ts";
import { until } from "../harness/until.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Sink } from "../sim/sink.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

export interface SoakOptions {
  /** How long traffic and faults run. */
  durationMs: number;
  connections: number;
  /** Messages per second per connection. */
  rate: number;
  /** Mean time between faults. */
  faultEveryMs: number;
  /** SIGKILL restarts at most this often. */
  killEveryMs: number;
  /** How long to wait for the last deliveries once the faults stop. */
  settleMs: number;
  seed?: number;
  /** Inject every kind of fault once (in random order) before choosing at random. */
  everyKind?: boolean;
  /** Only these kinds of fault (default: all). */
  only?: readonly string[];
  log?: (line: string) => void;
}

export interface SoakReport {
  sent: number;
  faults: Record<string, number>;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Deliveries whose next retry was far off at the end (the 5 min step), requeued by the retry endpoint. */
  requeued: number;
  lostSamples: string[];
  /** Of the lost, how many the relay stored (pullable) but never delivered. */
  lostStored: number;
  duplicatedSamples: string[];
  durationMs: number;
}

const FAULTS = ["upstream_drop", "upstream_reset", "webhook_5xx", "webhook_timeout", "webhook_410", "sigkill"] as const;
type Fault = (typeof FAULTS)[number];

interface Lane {
  id: string;
  sim: RoomimSim;
  seq: number;
  /** Messages sent on this lane (ledger entries). */
  sent: number;
  /** Messages the relay has stored, counted from the events pull, and where the count stands. */
  stored: number;
  storedAfter: string | null;
  /** A 410 was answered and not yet recovered. */
  gone: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function soak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? Date.now() % 1_000_000;
  const random = seeded(seed);
  log(`seed ${seed}`);
  const started = Date.now();
  const persistTo = mkdtempSync(join(tmpdir(), "imrelay-soak-"));
  const sink: Sink = await startSink();
  const lanes: Lane[] = [];
  let relay: Relay | null = null;
  const ledger = new Map<string, string>(); // message text → connection id
  const faults: Record<Fault, number> = { upstream_drop: 0, upstream_reset: 0, webhook_5xx: 0, webhook_timeout: 0, webhook_410: 0, sigkill: 0 };
  let paused = false;
  let running = true;
  let restarting: Promise<void> | null = null;

  try {
    relay = await startRelay({ persistTo });
    const r = relay;
    for (let i = 0; i < options.connections; i++) {
      const id = `soak-${i}`;
      const sim = await startRoomim();
      sink.secret(id, SECRET);
      const res = await r.api(`/v1/connections/${id}`, {
        method: "PUT",
        body: { platform: "roomim", upstream: { url: `${sim.url}ws?token=${id}` }, webhook: { url: sink.hookUrl(id), secret: SECRET, events: ["message.*"] } },
      });
      if (res.status !== 201) throw new Error(`PUT ${id}: ${res.status} ${JSON.stringify(res.body)}`);
      lanes.push({ id, sim, seq: 0, sent: 0, stored: 0, storedAfter: null, gone: false });
    }
    await until("every connection up", async () => lanes.every((l) => l.sim.clients() > 0), 30_000);

    // Steady traffic: each lane pushes at `rate`, only onto an open socket.
    const traffic = lanes.map(async (lane) => {
      const every = 1000 / options.rate;
      let next = Date.now();
      while (running) {
        next += every;
        if (!paused && lane.sim.clients() > 0) {
          const text = `soak ${lane.id} #${++lane.seq}`;
          lane.sim.message({ text });
          ledger.set(text, lane.id);
          lane.sent++;
        }
        await sleep(Math.max(0, next - Date.now()));
      }
    });

    let lastKill = Date.now();
    const kinds = FAULTS.filter((f) => !options.only || options.only.includes(f));
    const firsts: Fault[] = options.everyKind ? [...kinds].sort(() => random() - 0.5) : [];
    const inject = async (): Promise<void> => {
      const lane = lanes[Math.floor(random() * lanes.length)]!;
      const roll = random();
      const canKill = Date.now() - lastKill >= options.killEveryMs && !restarting;
      const others = kinds.filter((f) => f !== "sigkill");
      const fault: Fault =
        firsts.shift() ??
        ((canKill && kinds.includes("sigkill") && roll < 0.25) || others.length === 0 ? "sigkill" : others[Math.floor(random() * others.length)]!);
      faults[fault]++;
      log(`${((Date.now() - trafficStart) / 1000).toFixed(1)} s  ${fault}${fault === "sigkill" ? "" : ` on ${lane.id}`}`);
      switch (fault) {
        case "upstream_drop":
          lane.sim.drop(1011, "soak: server going away");
          break;
        case "upstream_reset":
          lane.sim.terminate();
          break;
        case "webhook_5xx": {
          sink.down(lane.id, random() < 0.5 ? 500 : 503);
          await sleep(500 + random() * 2_000);
          sink.down(lane.id, null);
          break;
        }
        case "webhook_timeout":
          sink.respond(lane.id, [{ status: 204, delayMs: 16_000 }]);
          break;
        case "webhook_410": {
          if (lane.gone) break;
          lane.gone = true;
          sink.down(lane.id, 410);
          // Recovery as a user would: once the relay has disabled the webhook (or traffic has
          // ended first), answer 2xx again, re-enable it and requeue the delivery that met the 410.
          void (async () => {
            log(`  waiting for ${lane.id}'s webhook to be disabled`);
            while (running && (await r.api(`/v1/connections/${lane.id}`).catch(() => null))?.body?.webhook?.disabled !== true) await sleep(250);
            sink.down(lane.id, null);
            await sleep(1_000);
            log(`  recovering ${lane.id} from the 410`);
            await recover410(r, lane);
          })();
          break;
        }
        case "sigkill":
          lastKill = Date.now();
          restarting = (async () => {
            paused = true;
            // Frames already written are stored before the kill (see the header comment).
            const quiet = await until(
              "the relay stored what was sent",
              async () => {
                for (const l of lanes) await countStored(r, l);
                return lanes.every((l) => l.stored >= l.sent);
              },
              20_000,
              100,
            ).catch((err: unknown) => {
              log(`  ${err instanceof Error ? err.message : String(err)}`);
              return false;
            });
            if (!quiet) log(`  not everything sent was stored before the kill: ${lanes.map((l) => `${l.id} ${l.stored}/${l.sent}`).join(", ")}`);
            await r.stop("SIGKILL");
            await sleep(random() * 1_000);
            await r.start();
            paused = false;
            lastKill = Date.now();
          })().finally(() => (restarting = null));
          await restarting;
          break;
      }
    };

    const trafficStart = Date.now();
    const faultsDone = (async () => {
      while (Date.now() - trafficStart < options.durationMs) {
        await sleep(options.faultEveryMs * (0.5 + random()));
        if (Date.now() - trafficStart >= options.durationMs) break;
        await inject();
      }
    })();
    await faultsDone;
    running = false;
    await Promise.all(traffic);
    await Promise.resolve(restarting);

    // Heal: every receiver answers 204 from now on, every webhook is enabled.
    for (const lane of lanes) {
      sink.down(lane.id, null);
      if (lane.gone) await until(`${lane.id} 410 recovered`, async () => !lane.gone, 60_000, 250);
    }
    const expected = ledger.size;
    log(`traffic stopped: ${expected} messages sent; waiting for the last deliveries`);
    let requeued = 0;
    const deadline = Date.now() + options.settleMs;
    while (Date.now() < deadline) {
      if (deliveredCount(sink, lanes, ledger) >= expected) break;
      // Deliveries waiting on the schedule's 5-minute step are requeued the way an operator would.
      for (const lane of lanes) requeued += await requeueDistant(relay, lane.id);
      await sleep(1_000);
    }

    const ids = new Map<string, Set<string>>();
    for (const lane of lanes) {
      for (const d of sink.verified(lane.id)) {
        const text = (d.event?.data as any)?.message?.text;
        if (typeof text !== "string" || d.id === null) continue;
        if (!ids.has(text)) ids.set(text, new Set());
        ids.get(text)!.add(d.id);
      }
    }
    const lostTexts = [...ledger.keys()].filter((t) => !ids.has(t));
    const duplicatedTexts = [...ids.entries()].filter(([, s]) => s.size > 1).map(([t, s]) => `${t}: ${[...s].join(", ")}`);
    const stored = new Set<string>();
    if (lostTexts.length) {
      for (const lane of lanes) {
        let after: string | null = null;
        do {
          const page: { status: number; body: any } = await relay.api(`/v1/connections/${lane.id}/events?limit=1000${after ? `&after=${after}` : ""}`);
          for (const e of page.body.events ?? []) if (typeof e.data?.message?.text === "string") stored.add(e.data.message.text);
          after = page.body.next;
        } while (after);
      }
      const deliveries = await relay.api(`/v1/connections/${lanes[0]!.id}/deliveries?limit=5`);
      log(`first deliveries of ${lanes[0]!.id}: ${JSON.stringify(deliveries.body).slice(0, 600)}`);
      for (const lane of lanes) log(`${lane.id}: ${JSON.stringify((await relay.api(`/v1/connections/${lane.id}`)).body)}`);
    }
    const unverified = lanes.reduce((n, l) => n + sink.deliveries(l.id).filter((d) => !d.verified).length, 0);
    if (unverified) throw new Error(`${unverified} webhooks failed signature verification`);
    return {
      sent: expected,
      faults,
      delivered: [...ledger.keys()].filter((t) => ids.has(t)).length,
      lost: lostTexts.length,
      duplicated: duplicatedTexts.length,
      requeued,
      lostSamples: lostTexts.slice(0, 10),
      lostStored: lostTexts.filter((t) => stored.has(t)).length,
      duplicatedSamples: duplicatedTexts.slice(0, 10),
      durationMs: Date.now() - started,
    };
  } finally {
    running = false;
    await relay?.stop().catch(() => {});
    for (const lane of lanes) await lane.sim.close().catch(() => {});
    await sink.close().catch(() => {});
    rmSync(persistTo, { recursive: true, force: true });
  }

  async function recover410(r: Relay, lane: Lane): Promise<void> {
    for (;;) {
      try {
        const patched = await r.api(`/v1/connections/${lane.id}`, { method: "PATCH", body: { webhook: { disabled: false } } });
        const retried = await r.api(`/v1/connections/${lane.id}/deliveries/retry`, { body: {} });
        if (patched.status === 200 && retried.status === 200) {
          lane.gone = false;
          return;
        }
        log(`  410 recovery of ${lane.id}: PATCH ${patched.status}, retry ${retried.status} ${JSON.stringify(retried.body).slice(0, 200)}`);
      } catch (err) {
        log(`  410 recovery of ${lane.id}: ${err instanceof Error ? err.message : String(err)}`); // the relay is restarting: try again
      }
      await sleep(500);
    }
  }
}

function deliveredCount(sink: Sink, lanes: Lane[], ledger: Map<string, string>): number {
  const seen = new Set<string>();
  for (const lane of lanes)
    for (const d of sink.verified(lane.id)) {
      const text = (d.event?.data as any)?.message?.text;
      if (typeof text === "string" && ledger.has(text)) seen.add(text);
    }
  return seen.size;
}

/** Advances a lane's count of stored messages by pulling the events after the last one counted. */
async function countStored(relay: Relay, lane: Lane): Promise<void> {
  for (;;) {
    const page: { status: number; body: any } = await relay.api(
      `/v1/connections/${lane.id}/events?type=message.created&limit=1000${lane.storedAfter ? `&after=${lane.storedAfter}` : ""}`,
    );
    if (page.status !== 200) throw new Error(`events of ${lane.id}: ${page.status}`);
    lane.stored += page.body.events.length;
    if (page.body.events.length) lane.storedAfter = page.body.events.at(-1).id;
    if (!page.body.next) return;
  }
}

/** Requeues pending deliveries not due within 10 s; returns how many. */
async function requeueDistant(relay: Relay, id: string): Promise<number> {
  const far: string[] = [];
  let after: string | null = null;
  do {
    const page: { status: number; body: any } | null = await relay
      .api(`/v1/connections/${id}/deliveries?status=pending&limit=1000${after ? `&after=${after}` : ""}`)
      .catch(() => null);
    if (!page || page.status !== 200) return 0;
    for (const d of page.body.deliveries) if (d.next_attempt_at !== null && d.next_attempt_at > Date.now() + 10_000) far.push(d.event_id);
    after = page.body.next;
  } while (after);
  const failed = await relay.api(`/v1/connections/${id}/deliveries?status=failed&limit=1000`).catch(() => null);
  for (const d of failed?.body?.deliveries ?? []) far.push(d.event_id);
  if (far.length === 0) return 0;
  await relay.api(`/v1/connections/${id}/deliveries/retry`, { body: { event_ids: far.slice(0, 1000) } }).catch(() => null);
  return Math.min(far.length, 1000);
}
