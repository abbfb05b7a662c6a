/**
 * ConnectionSession: one Durable Object per connection — the connection's state machine and
 * its RPC surface. The parts it wires together each have their own module:
 *
 * - link.ts: the upstream socket and what keeps it (dial, login wait, heartbeat, probe, link
 *   steps), reporting frames and losses here;
 * - ingest.ts: events decoded from frames and link steps, written in bursts before they count;
 * - pump.ts, outcomes.ts and delivery/deliver.ts: deliveries from the alarm, one tagged outcome
 *   each, written in groups;
 * - actions.ts and inflight.ts: performing actions and waiting for their replies;
 * - alarm.ts: the one alarm (delivery due, reconnect due, watchdog);
 * - settings.ts: the environment, validated once.
 *
 * States: `disabled`, `connecting` (dialling, or waiting for the login's confirmation),
 * `connected`, `backoff` (a dial failed or a connection died; redialled at `retry_at`) and
 * `failed` (the upstream refused the credentials; retried slowly).
 */
import { DurableObject } from "cloudflare:workers";
import type { DraftEvent, EventType, RelayEvent } from "../events/types.ts";
import { deliverBatch } from "../delivery/batch.ts";
import { deliverEvent, type DeliveryOutcome } from "../delivery/deliver.ts";
import { newSecret } from "../delivery/sign.ts";
import { errorText, fail, ok, problem, type Outcome } from "../lib/problem.ts";
import type { Context, Decoded, Frame, Memory, Platform, Remember } from "../platforms/contract.ts";
import { rawOf } from "../platforms/kit.ts";
import { getPlatform } from "../platforms/index.ts";
import { performAction, type ActionResponse } from "./actions.ts";
import { AlarmClock, nextAlarm } from "./alarm.ts";
import { backoffDelay, failedRetryDelay, STABLE_AFTER_MS } from "./backoff.ts";
import { ROTATION_OVERLAP_MS, viewOf, type BatchSettings, type ConnectionConfig, type ConnectionView, type LinkState, type LinkStatus } from "./config.ts";
import { MAX_FRAME_BYTES, frameBytes, oversizedFrame } from "./bounds.ts";
import { Inbox } from "./ingest.ts";
import { EventFeed } from "./stream.ts";
import { Inflight } from "./inflight.ts";
import { UpstreamLink } from "./link.ts";
import { ShelvedMemory } from "./memory.ts";
import { OutcomeLedger } from "./outcomes.ts";
import type { StatsSeries, StatsWindow } from "./stats.ts";
import { DeliveryPump } from "./pump.ts";
import { TokenBucket } from "./ratelimit.ts";
import { parseSettings, type SessionEnv, type Settings } from "./settings.ts";
import { SessionStore, type AttemptRow, type DeliveryRow, type DeliveryStatus, type DueDelivery } from "./store.ts";

export type { SessionEnv };

export interface ConfigureInput {
  id: string;
  platform: string;
  upstream: unknown;
  webhook: { url: string; secret?: string; events: string[] | null; batch: BatchSettings | null };
  enabled: boolean;
}

export interface UpdateInput {
  enabled?: boolean;
  upstream?: unknown;
  webhook?: { url?: string; secret?: string; events?: string[] | null; batch?: BatchSettings | null; disabled?: boolean };
}

const PUMP_BUDGET_MS = 25_000;
/** An idle pump waits this long for new events before its alarm ends. */
const PUMP_LINGER_MS = 1_000;
const PURGE_EVERY_MS = 3_600_000;
const IDEMPOTENCY_MS = 86_400_000;

export class ConnectionSession extends DurableObject<SessionEnv> {
  private readonly settings: Settings;
  private readonly store: SessionStore;
  private config: ConnectionConfig | null;
  private status: LinkStatus;
  private memo: ShelvedMemory;
  private readonly inflight = new Inflight();
  private readonly actionRate: TokenBucket;
  private readonly link: UpstreamLink;
  private readonly inbox: Inbox;
  /** Live readers of the events (GET …/events/stream), fed after each ingest commit. */
  private readonly feed = new EventFeed((after, limit, type) =>
    this.store.listEvents(after, limit, type === null ? {} : type.endsWith(".*") ? { prefix: type.slice(0, -1) } : { exact: type }),
  );
  private readonly pump: DeliveryPump;
  private readonly outcomes: OutcomeLedger;
  private readonly clock: AlarmClock;
  /** When the current socket counted as connected. */
  private upSince = 0;
  /** Consecutive failures: dials that failed and connections that died young. Only a stable connection resets it. */
  private streak = 0;
  private keyCounter = 0;

  constructor(ctx: DurableObjectState, env: SessionEnv) {
    super(ctx, env);
    this.settings = parseSettings(env);
    this.store = new SessionStore(ctx.storage);
    this.clock = new AlarmClock(ctx.storage);
    this.config = this.store.config();
    this.memo = new ShelvedMemory(this.memoryBounds(), this.store.memo());
    this.status = this.store.status() ?? { state: "disabled", since: Date.now(), attempt: 0, last_error: null, retry_at: null };
    this.actionRate = new TokenBucket(this.settings.actionRate, this.settings.actionBurst);
    this.link = new UpstreamLink({
      platform: () => this.platform,
      context: () => this.context(),
      dialTimeoutMs: this.settings.dialTimeoutMs,
      stepTimeoutMs: this.settings.actionTimeoutMs,
      heartbeat: this.settings.heartbeat,
      ...(this.settings.pollIntervalMs !== undefined && { pollIntervalMs: this.settings.pollIntervalMs }),
      listener: {
        frame: (frame) => this.onFrame(frame),
        lost: (code, reason) => this.onLost(code, reason),
        loginTimedOut: (waitMs) => this.enterFailed(`the upstream did not confirm the login within ${waitMs / 1000} s`, null),
        stepped: (result, what) => {
          this.absorb(result, () => ({ request: what }));
          this.inbox.flush();
        },
      },
    });
    this.inbox = new Inbox({
      store: this.store,
      memory: () => this.memo,
      bounds: () => this.memoryBounds(),
      stored: (rows, now) => {
        this.feed.publish(rows.map((r) => ({ id: r.event.id, type: r.event.type, body: r.body })));
        const due = rows.filter((r) => r.deliver).map((r) => ({ event_id: r.event.id, attempts: 0, body: r.body }));
        if (due.length === 0) return;
        if (this.pump.running) this.pump.offer(due);
        else this.background(this.clock.set(now));
      },
    });
    // Retries just scheduled need the alarm; a running pump re-arms when its alarm ends.
    this.outcomes = new OutcomeLedger(this.store, {
      maxBatch: 256,
      delayMs: 100,
      written: () => {
        if (!this.pump.running) this.background(this.rearm());
      },
    });
    this.pump = new DeliveryPump({
      due: (limit) => this.store.dueDeliveries(Date.now(), limit),
      deliver: (ds) => this.deliver(ds),
      batch: () => this.config?.webhook.batch ?? null,
      concurrency: this.settings.deliveryConcurrency,
      paused: () => !this.config || this.config.webhook.disabled,
      settling: this.outcomes,
      lingerMs: PUMP_LINGER_MS,
    });
    // A new instance never has a socket: whatever the stored state said, it is reconnecting.
    if (this.config?.enabled && (this.status.state === "connected" || this.status.state === "connecting")) {
      this.setStatus({ state: "connecting" });
    }
    void ctx.blockConcurrencyWhile(async () => {
      // Woken after an eviction or restart: the socket is gone; let the watchdog bring it back.
      if ((await this.clock.load()) === null && this.config?.enabled) await this.clock.set(Date.now());
    });
  }

  private get platform(): Platform {
    const p = this.config && getPlatform(this.config.platform);
    if (!p) throw new Error("session has no platform");
    return p;
  }

  /** The platform's memory shelves (none before a configuration). */
  private memoryBounds(): Memory {
    return (this.config && getPlatform(this.config.platform)?.memory) || {};
  }

  // --- RPC: configuration --------------------------------------------------------------

  /**
   * Creates or replaces the connection. A webhook secret left out is generated on creation
   * (and returned this once) and kept on a replace.
   */
  async configure(input: ConfigureInput): Promise<Outcome<{ created: boolean; view: ConnectionView; secret: string | null }>> {
    const now = Date.now();
    const previous = this.config;
    const generated = (input.webhook.secret ?? previous?.webhook.secret) ? null : newSecret();
    const secret = input.webhook.secret ?? previous?.webhook.secret ?? generated!;
    // A rotation's overlap survives a replace that keeps the secret; a new secret ends it.
    const overlap = previous && previous.webhook.secret === secret ? (previous.webhook.previous ?? null) : null;
    const webhook = { url: input.webhook.url, events: input.webhook.events, batch: input.webhook.batch, secret, disabled: false, previous: overlap };
    const config: ConnectionConfig = { ...input, webhook, created_at: previous?.created_at ?? now, updated_at: now };
    const relink = !previous || previous.platform !== config.platform || JSON.stringify(previous.upstream) !== JSON.stringify(config.upstream);
    const platformChanged = previous !== null && previous.platform !== config.platform;
    this.store.transaction(() => {
      this.store.saveConfig(config);
      if (platformChanged) this.store.forgetMemo();
    });
    this.config = config;
    if (platformChanged) this.memo = new ShelvedMemory(this.memoryBounds());
    await this.applyEnabled(relink);
    return ok({ created: !previous, view: this.view(), secret: generated });
  }

  async update(patch: UpdateInput): Promise<Outcome<ConnectionView>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    const webhook = { ...this.config.webhook, ...definedOnly(patch.webhook ?? {}) };
    if (webhook.secret !== this.config.webhook.secret) webhook.previous = null;
    // A new receiver URL re-enables a webhook that a 410 Gone disabled (so does `disabled: false`).
    if (patch.webhook?.url !== undefined && patch.webhook.url !== this.config.webhook.url && patch.webhook.disabled === undefined) webhook.disabled = false;
    const relink = patch.upstream !== undefined && JSON.stringify(patch.upstream) !== JSON.stringify(this.config.upstream);
    const config: ConnectionConfig = {
      ...this.config,
      enabled: patch.enabled ?? this.config.enabled,
      upstream: patch.upstream ?? this.config.upstream,
      webhook,
      updated_at: Date.now(),
    };
    this.store.saveConfig(config);
    this.config = config;
    await this.applyEnabled(relink);
    await this.rearm();
    return ok(this.view());
  }

  /**
   * Replaces the webhook secret (with `secret`, or a generated one). The replaced secret keeps
   * signing beside the new one for ROTATION_OVERLAP_MS; a rotation within that time drops the
   * older one.
   */
  rotateSecret(secret: string | null): Outcome<{ secret: string; previous_expires_at: number }> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    const now = Date.now();
    const fresh = secret ?? newSecret();
    const previous = { secret: this.config.webhook.secret, expires_at: now + ROTATION_OVERLAP_MS };
    this.config = { ...this.config, webhook: { ...this.config.webhook, secret: fresh, previous }, updated_at: now };
    this.store.saveConfig(this.config);
    return ok({ secret: fresh, previous_expires_at: previous.expires_at });
  }

  describe(): Outcome<ConnectionView> {
    this.settle();
    return this.config ? ok(this.view()) : fail(problem("not_found", "no such connection"));
  }

  /** Writes what is kept in memory (received events, delivery outcomes) before a read. */
  private settle(): void {
    this.inbox.flush();
    this.outcomes.flush();
  }

  async remove(): Promise<Outcome<null>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.link.drop(1000, "connection deleted");
    this.inflight.failAll(problem("upstream_error", "the connection was deleted"));
    this.inbox.discard();
    this.outcomes.discard();
    this.feed.closeAll();
    this.config = null;
    this.memo = new ShelvedMemory();
    this.store.wipe();
    await this.clock.clear();
    return ok(null);
  }

  async reconnect(): Promise<Outcome<null>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    if (!this.config.enabled) return fail(problem("not_connected", "the connection is disabled", { retryAfter: 60 }));
    this.link.drop(1000, "reconnect requested");
    this.streak = 0;
    this.setStatus({ state: "connecting", attempt: 0, last_error: null, retry_at: null });
    await this.clock.set(Date.now());
    return ok(null);
  }

  /** Makes sure a session that should be up is being brought up (called by the Worker's cron). */
  async ensureRunning(): Promise<void> {
    if (this.config?.enabled && this.link.idle) await this.clock.set(Date.now());
  }

  private view(): ConnectionView {
    return viewOf(this.config!, this.status, this.store.stats(), this.platform);
  }

  private async applyEnabled(relink: boolean): Promise<void> {
    if (!this.config!.enabled) {
      this.link.drop(1000, "connection disabled");
      this.inflight.failAll(problem("not_connected", "the connection was disabled"));
      if (this.status.state !== "disabled") this.setStatus({ state: "disabled", attempt: 0, retry_at: null });
      return;
    }
    if (relink) this.link.drop(1000, "upstream changed");
    if (!this.link.open || relink) {
      this.streak = 0;
      this.setStatus({ state: "connecting", attempt: 0, last_error: null, retry_at: null });
      await this.clock.set(Date.now());
    }
  }

  // --- RPC: actions, events, deliveries ------------------------------------------------

  async perform(name: string, params: unknown, idempotencyKey: string | null): Promise<Outcome<ActionResponse>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    return performAction(
      {
        store: this.store,
        platform: this.platform,
        context: () => this.context(),
        connected: () => this.config!.enabled && this.status.state === "connected" && this.link.open,
        send: (frames) => this.link.send(frames),
        inflight: this.inflight,
        timeoutMs: this.settings.actionTimeoutMs,
        admit: () => this.actionRate.take(),
        remember: (entries) => this.ingest([], entries),
      },
      name,
      params,
      idempotencyKey,
    );
  }

  /** A page of stored events as their stored JSON texts: never parsed again on the way out. */
  listEvents(query: { after: string | null; limit: number; type: string | null }): Outcome<{ events: string[]; next: string | null }> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    const type = query.type === null || query.type === "*" ? {} : query.type.endsWith(".*") ? { prefix: query.type.slice(0, -1) } : { exact: query.type };
    const rows = this.store.listEvents(query.after, query.limit + 1, type);
    const page = rows.slice(0, query.limit);
    return ok({ events: page.map((r) => r.body), next: rows.length > query.limit ? page[page.length - 1]!.id : null });
  }

  /** Server-Sent Events: the stored events after `after`, then each new one (see stream.ts). */
  streamEvents(query: { after: string | null; type: string | null; keepAliveMs: number }): Outcome<ReadableStream<Uint8Array>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    return ok(this.feed.open(query.after, query.type, query.keepAliveMs));
  }

  /** Stores a `webhook.test` event, delivered whatever `webhook.events` says. */
  testWebhook(): Outcome<{ event_id: string }> {
    const config = this.config;
    if (!config) return fail(problem("not_found", "no such connection"));
    const [event] = this.inbox.take({ connection: config.id, platform: config.platform, events: null }, [{ type: "webhook.test", data: {} }]);
    this.inbox.flush();
    return ok({ event_id: event!.id });
  }

  listDeliveries(query: { status: DeliveryStatus | null; after: string | null; limit: number }): Outcome<{ deliveries: DeliveryRow[]; next: string | null }> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    const rows = this.store.listDeliveries(query.status, query.after, query.limit + 1);
    const more = rows.length > query.limit;
    const deliveries = rows.slice(0, query.limit);
    return ok({ deliveries, next: more ? deliveries[deliveries.length - 1]!.event_id : null });
  }

  /** One event's delivery with every attempt kept, oldest first. */
  getDelivery(eventId: string): Outcome<{ delivery: DeliveryRow; attempts: AttemptRow[] }> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    const delivery = this.store.delivery(eventId);
    if (!delivery) return fail(problem("not_found", `no delivery for event ${eventId} on this connection`));
    return ok({ delivery, attempts: this.store.attempts(eventId) });
  }

  stats(window: StatsWindow): Outcome<StatsSeries> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    return ok(this.store.series(window, Date.now()));
  }

  async retryDeliveries(eventIds: string[] | null): Promise<Outcome<{ requeued: number }>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    if (eventIds) {
      const errors = eventIds.flatMap((id, i) =>
        this.store.eventExists(id) ? [] : [{ path: `event_ids.${i}`, message: `no event ${id} on this connection` }],
      );
      if (errors.length) return fail(problem("invalid_request", "some event ids are unknown", { errors }));
    }
    const requeued = this.store.requeue(eventIds, Date.now());
    if (requeued > 0 && !this.pump.running) await this.clock.set(Date.now());
    return ok({ requeued });
  }

  // --- the upstream link ------------------------------------------------------------------

  private context(): Context<unknown> {
    return {
      connection: this.config!.id,
      config: this.config!.upstream,
      now: Date.now(),
      recall: (key) => this.memo.recall(key, Date.now()),
      newKey: () => `${this.link.epoch.toString(36)}${Date.now().toString(36)}-${(++this.keyCounter).toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
    };
  }

  private async dial(): Promise<void> {
    if (!this.link.idle || !this.config?.enabled) return;
    const wasConnected = this.status.state === "connected";
    if (this.status.state !== "connecting") this.setStatus({ state: "connecting" });
    const outcome = await this.link.dial();
    if (outcome.kind === "stale" || !this.config?.enabled) return;
    if (outcome.kind === "failed") {
      if (outcome.refused) this.enterFailed(outcome.error, outcome.status);
      else this.enterBackoff(outcome.error, outcome.status, wasConnected);
      return;
    }
    this.upSince = Date.now();
    if (outcome.readiness === "open") this.enterConnected();
  }

  private onFrame(frame: Frame): void {
    if (frameBytes(frame) > MAX_FRAME_BYTES) {
      this.ingest([oversizedFrame(frame)]);
      return;
    }
    let decoded: Decoded;
    try {
      decoded = this.platform.decode(frame, this.context());
    } catch (err) {
      // Adapters never throw by contract; if one does, the frame is still kept.
      decoded = { events: [{ type: "upstream.unknown", data: { reason: `adapter error: ${errorText(err)}` }, raw: rawOf(frame) }] };
    }
    this.absorb(decoded, () => rawOf(frame));
  }

  /** Takes in what a frame or a link step decoded: events and memory, replies to actions, signals. */
  private absorb(decoded: Decoded, raw: () => unknown): void {
    const events = [...decoded.events];
    for (const reply of decoded.replies ?? []) {
      const settled = this.inflight.settle(reply.key, "problem" in reply ? { problem: reply.problem } : { result: reply.result });
      if (!settled && !reply.quiet) events.push({ type: "upstream.unknown", data: { reason: "a reply no action is waiting for", key: reply.key }, raw: raw() });
    }
    this.ingest(events, decoded.remember);
    for (const signal of decoded.signals ?? []) {
      if (signal.kind === "ready" && this.status.state !== "connected" && this.link.open) this.enterConnected();
      else if (signal.kind === "refused") {
        this.link.drop(1000, "login refused");
        this.enterFailed(signal.reason, null);
      } else if (signal.kind === "heartbeat_ack") this.link.heartbeatAcked();
    }
  }

  private onLost(code: number, reason: string): void {
    const wasConnected = this.status.state === "connected";
    // 1009: a frame over the socket's own limit (32 MiB); it never reached the relay, but it is reported.
    if (code === 1009)
      this.ingest([
        {
          type: "upstream.unknown",
          data: { reason: `the upstream sent a frame over the socket's size limit; the socket closed (1009 ${reason})`.trim() },
          raw: { code, reason },
        },
      ]);
    // A login refused by closing the socket after the login frame, before readiness: failed, not
    // backoff — a rule for every platform whose readiness is a signal.
    if (!wasConnected && this.config?.enabled && this.platform.link.readiness === "signal") {
      this.inflight.failAll(problem("upstream_error", `the upstream closed the socket during the login (${code} ${reason})`.trim()));
      this.enterFailed(`the upstream closed the socket after the login and before confirming it (${code}${reason ? ` ${reason}` : ""})`, code);
      return;
    }
    this.inflight.failAll(problem("upstream_error", `the upstream connection closed before it answered (${code} ${reason})`.trim()));
    if (this.config?.enabled) this.enterBackoff(`closed: ${code}${reason ? ` ${reason}` : ""}`, code, wasConnected);
  }

  // --- the state machine ----------------------------------------------------------------

  private enterConnected(): void {
    const attempt = this.status.attempt;
    this.setStatus({ state: "connected", attempt: 0, last_error: null, retry_at: null });
    this.ingest([{ type: "connection.connected", data: attempt > 0 ? { attempt } : {} }]);
    this.link.connected();
  }

  private enterBackoff(error: string, code: number | null, wasConnected: boolean): void {
    // A connection that stayed up starts the backoff over; one that dies young (an upstream
    // accepting and dropping at once) keeps growing it, so it is not redialled in a loop.
    const stable = wasConnected && Date.now() - this.upSince >= STABLE_AFTER_MS;
    this.streak = stable ? 1 : this.streak + 1;
    const delay = backoffDelay(this.streak);
    this.setStatus({ state: "backoff", attempt: this.streak, last_error: error, retry_at: Date.now() + delay });
    if (wasConnected) this.ingest([{ type: "connection.disconnected", data: { code, reason: error, retry_in_ms: delay } }]);
    this.background(this.rearm());
  }

  private enterFailed(reason: string, code: number | null): void {
    const delay = failedRetryDelay();
    const first = this.status.state !== "failed";
    this.setStatus({ state: "failed", attempt: this.status.attempt + 1, last_error: reason, retry_at: Date.now() + delay });
    if (first) this.ingest([{ type: "connection.failed", data: { code, reason, retry_in_ms: delay } }]);
    this.background(this.rearm());
  }

  private setStatus(patch: Partial<LinkStatus> & { state?: LinkState }): void {
    const changed = patch.state !== undefined && patch.state !== this.status.state;
    this.status = { ...this.status, ...patch, since: changed ? Date.now() : this.status.since };
    this.store.saveStatus(this.status);
  }

  /** Takes events (and the adapter's memory) in; they are written before anything else happens to them. */
  private ingest(drafts: readonly DraftEvent[], remember?: Remember): void {
    const config = this.config;
    if (!config) return;
    this.inbox.take({ connection: config.id, platform: config.platform, events: config.webhook.events }, drafts, remember);
  }

  // --- delivery and the alarm ------------------------------------------------------------

  /** One POST per event, or (webhook.batch) one POST for the deliveries taken together. */
  private async deliver(ds: readonly DueDelivery[]): Promise<void> {
    if (!this.config?.webhook.batch) {
      for (const d of ds) await this.deliverOne(d);
      return;
    }
    const { outcomes } = await deliverBatch(this.config.webhook, ds);
    this.record(ds, outcomes);
  }

  private async deliverOne(d: DueDelivery): Promise<void> {
    this.record([d], [await deliverEvent(this.config!.webhook, d)]);
  }

  private record(ds: readonly DueDelivery[], outcomes: readonly DeliveryOutcome[]): void {
    if (!this.config) return; // deleted meanwhile
    const now = Date.now();
    ds.forEach((d, i) => this.outcomes.recordDelivery(d.event_id, outcomes[i]!, now));
    if (outcomes.some((o) => o.kind === "gone") && !this.config.webhook.disabled) {
      this.config = { ...this.config, webhook: { ...this.config.webhook, disabled: true }, updated_at: now };
      this.store.saveConfig(this.config);
    }
  }

  override async alarm(): Promise<void> {
    this.clock.fired();
    const config = this.config;
    if (!config) return;
    const now = Date.now();
    const dialing = config.enabled && this.link.idle && (this.status.retry_at === null || this.status.retry_at <= now) ? this.dial() : Promise.resolve();
    await Promise.all([dialing, this.pump.run(PUMP_BUDGET_MS)]);
    this.settle();
    const previous = this.config?.webhook.previous;
    if (this.config && previous && previous.expires_at <= Date.now()) {
      this.config = { ...this.config, webhook: { ...this.config.webhook, previous: null } };
      this.store.saveConfig(this.config);
    }
    if (now - this.store.counter("purged_at") > PURGE_EVERY_MS) {
      this.store.transaction(() => {
        this.store.purge(now - this.settings.retentionMs, now - IDEMPOTENCY_MS);
        this.store.forgetExpired(this.memoryBounds(), now);
        this.store.setCounter("purged_at", now);
      });
    }
    await this.rearm();
  }

  /** Runs work nobody awaits (re-arming from a socket or timer callback), logging a failure. */
  private background(work: Promise<unknown>): void {
    work.catch((err: unknown) => console.error(`session ${this.config?.id ?? "?"}: ${errorText(err)}`));
  }

  /** Sets the alarm to the earliest of: a delivery due, a reconnect due, the watchdog. */
  private async rearm(): Promise<void> {
    const config = this.config;
    if (!config) return;
    const at = nextAlarm({
      now: Date.now(),
      deliveryDue: !config.webhook.disabled && !this.pump.running ? this.store.nextDueAt() : null,
      enabled: config.enabled,
      watchdogMs: this.settings.watchdogMs,
      linkIdle: this.link.idle,
      retryAt: this.status.retry_at,
    });
    if (at !== null) await this.clock.set(at, true);
  }
}

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export type { EventType, RelayEvent };
