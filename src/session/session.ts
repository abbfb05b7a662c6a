/**
 * ConnectionSession: one Durable Object per connection.
 *
 * It holds the outbound WebSocket to the upstream, decodes each frame with the platform
 * adapter and stores the resulting events (with their deliveries) in SQLite before the frame
 * counts as handled. Its single alarm is the earliest of: a delivery due, a reconnect due,
 * and the watchdog (at least every 30 s while enabled), which brings the socket back after
 * an eviction or a restart. Deliveries run from the alarm (see pump.ts).
 */
import { DurableObject } from "cloudflare:workers";
import { matchesAny } from "../events/filter.ts";
import type { DraftEvent, EventType, RelayEvent } from "../events/types.ts";
import { attemptDelivery } from "../delivery/attempt.ts";
import { nextDelay } from "../delivery/schedule.ts";
import { newSecret } from "../delivery/sign.ts";
import { base64 } from "../lib/bytes.ts";
import { deadline, isTimeout } from "../lib/deadline.ts";
import { errorText } from "../lib/problem.ts";
import { eventId } from "../lib/ulid.ts";
import { fail, ok, problem, type Outcome } from "../lib/problem.ts";
import type { Context, Decoded, Frame, LinkStep, Memory, Platform, Remember } from "../platforms/contract.ts";
import { getPlatform } from "../platforms/index.ts";
import { performAction, type ActionResponse } from "./actions.ts";
import { backoffDelay, failedRetryDelay, STABLE_AFTER_MS } from "./backoff.ts";
import { viewOf, type ConnectionConfig, type ConnectionView, type LinkState, type LinkStatus } from "./config.ts";
import { Inflight } from "./inflight.ts";
import { ShelvedMemory } from "./memory.ts";
import { runSteps } from "./steps.ts";
import { TokenBucket } from "./ratelimit.ts";
import { openSocket } from "./link.ts";
import { OutcomeLedger } from "./outcomes.ts";
import { DeliveryPump } from "./pump.ts";
import { SessionStore, type DeliveryRow, type DeliveryStatus, type DueDelivery, type EventRow } from "./store.ts";

export interface ConfigureInput {
  id: string;
  platform: string;
  upstream: unknown;
  webhook: { url: string; secret?: string; events: string[] | null };
  enabled: boolean;
}

export interface UpdateInput {
  enabled?: boolean;
  upstream?: unknown;
  webhook?: { url?: string; secret?: string; events?: string[] | null; disabled?: boolean };
}

export interface SessionEnv {
  ACTION_TIMEOUT_MS?: string;
  WATCHDOG_MS?: string;
  RETENTION_DAYS?: string;
  DELIVERY_CONCURRENCY?: string;
  DIAL_TIMEOUT_MS?: string;
  ACTION_RATE?: string;
  ACTION_BURST?: string;
  /** Override the platform's application heartbeat timing (ms). */
  HEARTBEAT_INTERVAL_MS?: string;
  HEARTBEAT_TIMEOUT_MS?: string;
}

const PUMP_BUDGET_MS = 25_000;
/** An idle pump waits this long for new events before its alarm ends. */
const PUMP_LINGER_MS = 1_000;
/** Frames arriving back to back are stored together, up to this many per write. */
const INGEST_BATCH = 256;
const PURGE_EVERY_MS = 3_600_000;
const IDEMPOTENCY_MS = 86_400_000;

export class ConnectionSession extends DurableObject<SessionEnv> {
  private readonly store: SessionStore;
  private config: ConnectionConfig | null;
  private status: LinkStatus;
  private memo: ShelvedMemory;
  private readonly inflight = new Inflight();
  private readonly actionRate: TokenBucket;
  private readonly pump: DeliveryPump;
  private readonly outcomes: OutcomeLedger;
  /** Events received but not yet written (one write per burst of frames). */
  private inbox: EventRow[] = [];
  private inboxMemo: Remember | null = null;
  private inboxTimer: ReturnType<typeof setTimeout> | null = null;

  private socket: WebSocket | null = null;
  /** Increases with every socket opened or dropped, so stale socket events are ignored. */
  private generation = 0;
  private dialing = false;
  private upSince = 0;
  /** Consecutive failures: dials that failed and connections that died young. Only a stable connection resets it. */
  private streak = 0;
  private readyTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private heartbeatDeadline: ReturnType<typeof setTimeout> | null = null;
  private probeTimer: ReturnType<typeof setInterval> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  /** The alarm time last set (cache of storage.getAlarm). */
  private alarmAt: number | null = null;
  private keyCounter = 0;

  constructor(ctx: DurableObjectState, env: SessionEnv) {
    super(ctx, env);
    this.store = new SessionStore(ctx.storage);
    this.config = this.store.config();
    this.memo = new ShelvedMemory(this.memoryBounds(), this.store.memo());
    this.status = this.store.status() ?? { state: "disabled", since: Date.now(), attempt: 0, last_error: null, retry_at: null };
    // Retries just scheduled need the alarm; a running pump re-arms when its alarm ends.
    const rate = Number(env.ACTION_RATE ?? 20);
    this.actionRate = new TokenBucket(rate, Number(env.ACTION_BURST ?? rate * 2));
    this.outcomes = new OutcomeLedger(this.store, { maxBatch: 256, delayMs: 100, written: () => {
        if (!this.pump.running) this.background(this.rearm());
      },
    });
    this.pump = new DeliveryPump({
      due: (limit) => this.store.dueDeliveries(Date.now(), limit),
      deliver: (d) => this.deliverOne(d),
      concurrency: Math.max(1, Math.min(6, Number(env.DELIVERY_CONCURRENCY ?? 4))),
      paused: () => !this.config || this.config.webhook.disabled,
      settling: this.outcomes,
      lingerMs: PUMP_LINGER_MS,
    });
    // A new instance never has a socket: whatever the stored state said, it is reconnecting.
    if (this.config?.enabled && (this.status.state === "connected" || this.status.state === "connecting")) {
      this.setStatus({ state: "connecting" });
    }
    ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
      // Woken after an eviction or restart: the socket is gone; let the watchdog bring it back.
      if (this.config?.enabled && this.alarmAt === null) await this.setAlarm(Date.now());
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

  private get actionTimeoutMs(): number {
    return Number(this.env.ACTION_TIMEOUT_MS ?? 10_000);
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
    const webhook = { url: input.webhook.url, events: input.webhook.events, secret: input.webhook.secret ?? previous?.webhook.secret ?? generated!, disabled: false };
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

  describe(): Outcome<ConnectionView> {
    this.settle();
    return this.config ? ok(this.view()) : fail(problem("not_found", "no such connection"));
  }

  /** Writes what is kept in memory (received events, delivery outcomes) before a read. */
  private settle(): void {
    this.flushIngest();
    this.outcomes.flush();
  }

  async remove(): Promise<Outcome<null>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.dropSocket(1000, "connection deleted");
    this.inflight.failAll(problem("upstream_error", "the connection was deleted"));
    this.discardInbox();
    this.outcomes.discard();
    this.config = null;
    this.memo = new ShelvedMemory();
    this.store.wipe();
    await this.ctx.storage.deleteAlarm();
    this.alarmAt = null;
    return ok(null);
  }

  async reconnect(): Promise<Outcome<null>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    if (!this.config.enabled) return fail(problem("not_connected", "the connection is disabled", { retryAfter: 60 }));
    this.dropSocket(1000, "reconnect requested");
    this.streak = 0;
    this.setStatus({ state: "connecting", attempt: 0, last_error: null, retry_at: null });
    await this.setAlarm(Date.now());
    return ok(null);
  }

  /** Makes sure a session that should be up is being brought up (called by the Worker's cron). */
  async ensureRunning(): Promise<void> {
    if (this.config?.enabled && !this.socket && !this.dialing) await this.setAlarm(Date.now());
  }

  private view(): ConnectionView {
    return viewOf(this.config!, this.status, this.store.stats(), this.platform);
  }

  private async applyEnabled(relink: boolean): Promise<void> {
    if (!this.config!.enabled) {
      this.dropSocket(1000, "connection disabled");
      this.inflight.failAll(problem("not_connected", "the connection was disabled"));
      if (this.status.state !== "disabled") this.setStatus({ state: "disabled", attempt: 0, retry_at: null });
      return;
    }
    if (relink) this.dropSocket(1000, "upstream changed");
    if (!this.socket || relink) {
      this.streak = 0;
      this.setStatus({ state: "connecting", attempt: 0, last_error: null, retry_at: null });
      await this.setAlarm(Date.now());
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
        connected: () => (this.config!.enabled && this.status.state === "connected" && this.socket !== null),
        send: (frames) => this.sendFrames(frames),
        inflight: this.inflight,
        timeoutMs: this.actionTimeoutMs,
        admit: () => this.actionRate.take(),
        remember: (entries) => this.ingest([], entries),
      },
      name,
      params,
      idempotencyKey,
    );
  }

  listEvents(query: { after: string | null; limit: number; type: string | null }): Outcome<{ events: unknown[]; next: string | null }> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    const type = query.type === null || query.type === "*" ? {} : query.type.endsWith(".*") ? { prefix: query.type.slice(0, -1) } : { exact: query.type };
    const bodies = this.store.listEvents(query.after, query.limit + 1, type);
    const more = bodies.length > query.limit;
    const events = bodies.slice(0, query.limit).map((b) => JSON.parse(b) as RelayEvent);
    return ok({ events, next: more ? events[events.length - 1]!.id : null });
  }

  listDeliveries(query: { status: DeliveryStatus | null; after: string | null; limit: number }): Outcome<{ deliveries: DeliveryRow[]; next: string | null }> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    const rows = this.store.listDeliveries(query.status, query.after, query.limit + 1);
    const more = rows.length > query.limit;
    const deliveries = rows.slice(0, query.limit);
    return ok({ deliveries, next: more ? deliveries[deliveries.length - 1]!.event_id : null });
  }

  async retryDeliveries(eventIds: string[] | null): Promise<Outcome<{ requeued: number }>> {
    if (!this.config) return fail(problem("not_found", "no such connection"));
    this.settle();
    if (eventIds) {
      const errors = eventIds.flatMap((id, i) => (this.store.eventExists(id) ? [] : [{ path: `event_ids.${i}`, message: `no event ${id} on this connection` }]));
      if (errors.length) return fail(problem("invalid_request", "some event ids are unknown", { errors }));
    }
    const requeued = this.store.requeue(eventIds, Date.now());
    if (requeued > 0) await this.wakeDeliveries();
    return ok({ requeued });
  }

  // --- the upstream socket ---------------------------------------------------------------

  private context(): Context<unknown> {
    return {
      connection: this.config!.id,
      config: this.config!.upstream,
      now: Date.now(),
      recall: (key) => this.memo.recall(key, Date.now()),
      newKey: () => `${this.generation.toString(36)}${Date.now().toString(36)}-${(++this.keyCounter).toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
    };
  }

  private sendFrames(frames: readonly Frame[]): boolean {
    if (!this.socket) return false;
    try {
      for (const frame of frames) this.socket.send(frame);
      return true;
    } catch {
      return false;
    }
  }

  private async dial(): Promise<void> {
    if (this.dialing || this.socket || !this.config?.enabled) return;
    this.dialing = true;
    const generation = ++this.generation;
    const wasConnected = this.status.state === "connected";
    if (this.status.state !== "connecting") this.setStatus({ state: "connecting" });
    try {
      const { link } = this.platform;
      let dial = link.dial(this.context());
      const prepare = link.prepare?.(this.context()) ?? null;
      if (prepare) {
        const prepared = await this.runLink(prepare, generation);
        if (generation !== this.generation || !this.config?.enabled) return;
        if (prepared.refused !== undefined) {
          this.enterFailed(prepared.refused, null);
          return;
        }
        dial = { ...dial, ...prepared.dial };
      }
      const result = await openSocket(dial, Number(this.env.DIAL_TIMEOUT_MS ?? 15_000));
      if (generation !== this.generation || !this.config?.enabled) {
        if (result.ok) result.socket.close(1000, "no longer wanted");
        return;
      }
      if (!result.ok) {
        if (result.refused) this.enterFailed(result.error, result.status);
        else this.enterBackoff(result.error, result.status, wasConnected);
        return;
      }
      const socket = result.socket;
      this.socket = socket;
      this.upSince = Date.now();
      socket.addEventListener("message", (e) => {
        if (generation === this.generation) this.onFrame(e.data as string | ArrayBuffer);
      });
      socket.addEventListener("close", (e) => {
        if (generation === this.generation) this.onSocketGone(e.code, e.reason || "closed by the upstream");
      });
      socket.addEventListener("error", (e) => {
        if (generation === this.generation) this.onSocketGone(1006, (e as ErrorEvent).message || "socket error");
      });
      const hello = link.hello?.(this.context()) ?? [];
      if (hello.length) this.sendFrames(hello);
      if (link.readiness === "open") this.enterConnected();
      else {
        const wait = link.readyTimeoutMs ?? 10_000;
        this.readyTimer = setTimeout(() => {
          if (generation === this.generation && this.status.state !== "connected") {
            this.dropSocket(1000, "login not confirmed");
            this.enterFailed(`the upstream did not confirm the login within ${wait / 1000} s`, null);
          }
        }, wait);
      }
    } finally {
      this.dialing = false;
    }
  }

  private onFrame(data: string | ArrayBuffer): void {
    const frame: Frame = typeof data === "string" ? data : new Uint8Array(data);
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
      if (!settled) events.push({ type: "upstream.unknown", data: { reason: "a reply no action is waiting for", key: reply.key }, raw: raw() });
    }
    this.ingest(events, decoded.remember);
    for (const signal of decoded.signals ?? []) {
      if (signal.kind === "ready" && this.status.state !== "connected") this.enterConnected();
      else if (signal.kind === "refused") {
        this.dropSocket(1000, "login refused");
        this.enterFailed(signal.reason, null);
      } else if (signal.kind === "heartbeat_ack" && this.heartbeatDeadline) {
        clearTimeout(this.heartbeatDeadline);
        this.heartbeatDeadline = null;
      }
    }
  }

  private onSocketGone(code: number, reason: string): void {
    const wasConnected = this.status.state === "connected";
    this.dropSocket(code === 1006 ? 1000 : code, reason);
    this.inflight.failAll(problem("upstream_error", `the upstream connection closed before it answered (${code} ${reason})`.trim()));
    if (this.config?.enabled) this.enterBackoff(`closed: ${code}${reason ? ` ${reason}` : ""}`, code, wasConnected);
  }

  /** Closes the current socket (if any) and forgets it; its late events are ignored. */
  private dropSocket(code: number, reason: string): void {
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      try {
        socket.close(code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 && code !== 1015 ? code : 1000, reason.slice(0, 120));
      } catch {
        // already closed
      }
    }
  }

  private clearTimers(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.heartbeatDeadline) clearTimeout(this.heartbeatDeadline);
    if (this.probeTimer) clearInterval(this.probeTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.readyTimer = this.heartbeatTimer = this.heartbeatDeadline = this.probeTimer = this.pollTimer = null;
  }

  private enterConnected(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    const attempt = this.status.attempt;
    this.setStatus({ state: "connected", attempt: 0, last_error: null, retry_at: null });
    this.ingest([{ type: "connection.connected", data: attempt > 0 ? { attempt } : {} }]);
    this.startHeartbeat();
    this.startProbe();
    const { link } = this.platform;
    const generation = this.generation;
    const connected = link.connected?.(this.context()) ?? null;
    // The poll waits for the connect chain: never two chains at once.
    this.background(this.runLink(connected, generation).then(() => this.startPoll(generation)));
  }

  /**
   * Runs a chain of link steps for the socket of `generation`: each step's events are written
   * before the next request; the chain stops when that socket is gone.
   */
  private runLink(first: LinkStep | null, generation: number) {
    return runSteps(first, {
      context: () => this.context(),
      timeoutMs: this.actionTimeoutMs,
      current: () => generation === this.generation && this.config !== null,
      absorb: (result, what) => {
        this.absorb(result, () => ({ request: what }));
        this.flushIngest();
      },
    });
  }

  /** Repeats the platform's poll chain while connected; a poll still running skips its turn. */
  private startPoll(generation: number): void {
    const poll = this.platform.link.poll;
    if (!poll || generation !== this.generation || this.status.state !== "connected") return;
    let running = false;
    this.pollTimer = setInterval(() => {
      if (generation !== this.generation || running) return;
      running = true;
      this.background(this.runLink(poll.step(this.context()), generation).finally(() => (running = false)));
    }, poll.intervalMs);
  }

  /** Sends the platform's heartbeat frame; an ack missing for `timeoutMs` drops the socket. */
  private startHeartbeat(): void {
    const heartbeat = this.platform.link.heartbeat;
    if (!heartbeat) return;
    const intervalMs = Number(this.env.HEARTBEAT_INTERVAL_MS ?? heartbeat.intervalMs);
    const timeoutMs = Number(this.env.HEARTBEAT_TIMEOUT_MS ?? heartbeat.timeoutMs);
    const generation = this.generation;
    this.heartbeatTimer = setInterval(() => {
      if (generation !== this.generation) return;
      this.heartbeatDeadline ??= setTimeout(() => {
        if (generation === this.generation) this.onSocketGone(4000, "heartbeat not acknowledged");
      }, timeoutMs);
      this.sendFrames([heartbeat.frame(this.context())]);
    }, intervalMs);
  }

  /** Checks the upstream's liveness over HTTP while connected (platforms with a `probe`). */
  private startProbe(): void {
    const probe = this.platform.link.probe;
    if (!probe) return;
    const generation = this.generation;
    let inFlight = false;
    this.probeTimer = setInterval(async () => {
      if (generation !== this.generation || inFlight) return;
      inFlight = true;
      const { method, url, headers, body } = probe.request(this.context());
      const timeout = deadline(probe.timeoutMs, "liveness probe");
      try {
        const response = await fetch(url, { method, headers, body, signal: timeout.signal });
        await response.body?.cancel().catch(() => {});
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      } catch (err) {
        if (generation === this.generation) this.onSocketGone(4001, `liveness probe failed: ${isTimeout(err) ? `no answer within ${probe.timeoutMs / 1000} s` : errorText(err)}`);
      } finally {
        timeout.release();
        inFlight = false;
      }
    }, probe.intervalMs);
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

  // --- ingest ---------------------------------------------------------------------------

  /**
   * Takes events (and the adapter's memory) in. They are written before anything else
   * happens to them — delivery, listing, counting — and frames that arrive back to back are
   * written together: at the latest once the burst pauses, at most INGEST_BATCH per write.
   */
  private ingest(drafts: readonly DraftEvent[], remember?: Record<string, unknown>): void {
    const config = this.config;
    if (!config) return;
    const now = Date.now();
    for (const draft of drafts) {
      // An event's envelope: `dedupe` is kept beside it, not in it.
      const event: RelayEvent = {
        id: eventId(now),
        type: draft.type,
        connection: config.id,
        platform: config.platform,
        timestamp: draft.timestamp ?? now,
        data: draft.data,
        ...(draft.raw === undefined ? {} : { raw: draft.raw }),
      };
      const row: EventRow = { event, body: JSON.stringify(event), deliver: matchesAny(event.type, config.webhook.events) };
      if (draft.dedupe !== undefined) row.dedupe = draft.dedupe;
      this.inbox.push(row);
    }
    if (remember) {
      // Later frames of the same burst already see what earlier ones taught.
      this.memo.apply(remember, now);
      this.inboxMemo = { ...this.inboxMemo, ...remember };
    }
    if (this.inbox.length >= INGEST_BATCH) this.flushIngest();
    else if (this.inbox.length > 0 || this.inboxMemo) this.inboxTimer ??= setTimeout(() => this.flushIngest(), 0);
  }

  private flushIngest(): void {
    if (this.inboxTimer) clearTimeout(this.inboxTimer);
    this.inboxTimer = null;
    const rows = this.inbox;
    const remember = this.inboxMemo;
    if (rows.length === 0 && !remember) return;
    this.inbox = [];
    this.inboxMemo = null;
    const now = Date.now();
    const stored = this.store.transaction(() => {
      const kept = rows.length ? this.store.appendEvents(rows, now) : [];
      if (remember) this.store.remember(remember, now, this.memoryBounds());
      return kept;
    });
    const due = stored.filter((r) => r.deliver).map((r) => ({ event_id: r.event.id, attempts: 0, body: r.body }));
    if (due.length === 0) return;
    if (this.pump.running) this.pump.offer(due);
    else this.background(this.setAlarm(now));
  }

  private discardInbox(): void {
    if (this.inboxTimer) clearTimeout(this.inboxTimer);
    this.inboxTimer = null;
    this.inbox = [];
    this.inboxMemo = null;
  }

  private async wakeDeliveries(): Promise<void> {
    if (!this.pump.running) await this.setAlarm(Date.now());
  }

  // --- delivery -------------------------------------------------------------------------

  private async deliverOne(d: DueDelivery): Promise<void> {
    const webhook = this.config!.webhook;
    const result = await attemptDelivery(webhook.url, webhook.secret, d.event_id, d.body);
    const attempts = d.attempts + 1;
    const now = Date.now();
    if (!this.config) return; // deleted meanwhile
    if (result.delivered) {
      this.outcomes.record({ kind: "delivered", eventId: d.event_id, attempts, status: result.status!, at: now });
      return;
    }
    if (result.gone) {
      this.outcomes.record({ kind: "failed", eventId: d.event_id, attempts, status: result.status, error: "410 Gone: the webhook is disabled", nextAt: null });
      this.config = { ...this.config, webhook: { ...this.config.webhook, disabled: true }, updated_at: now };
      this.store.saveConfig(this.config);
      return;
    }
    const delay = nextDelay(attempts, result.retryAfterMs);
    this.outcomes.record({ kind: "failed", eventId: d.event_id, attempts, status: result.status, error: result.error ?? "failed", nextAt: delay === null ? null : now + delay });
  }

  // --- the alarm ------------------------------------------------------------------------

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    const config = this.config;
    if (!config) return;
    const now = Date.now();
    const dialing =
      config.enabled && !this.socket && !this.dialing && (this.status.retry_at === null || this.status.retry_at <= now) ? this.dial() : Promise.resolve();
    await Promise.all([dialing, this.pump.run(PUMP_BUDGET_MS)]);
    this.settle();
    if (now - this.store.counter("purged_at") > PURGE_EVERY_MS) {
      const retentionMs = Number(this.env.RETENTION_DAYS ?? 7) * 86_400_000;
      this.store.transaction(() => {
        this.store.purge(now - retentionMs, now - IDEMPOTENCY_MS);
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
    const now = Date.now();
    const candidates: number[] = [];
    if (!config.webhook.disabled && !this.pump.running) {
      const due = this.store.nextDueAt();
      if (due !== null) candidates.push(due);
    }
    if (config.enabled) {
      candidates.push(now + Number(this.env.WATCHDOG_MS ?? 30_000));
      // No socket and none being opened: dial when the backoff says, or now.
      if (!this.socket && !this.dialing) candidates.push(this.status.retry_at ?? now);
    }
    if (candidates.length === 0) return;
    await this.setAlarm(Math.max(now, Math.min(...candidates)), true);
  }

  /** Schedules the alarm at `at` unless one is already due sooner (or `exact`). */
  private async setAlarm(at: number, exact = false): Promise<void> {
    if (!exact && this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const rawOf = (frame: Frame): unknown => (typeof frame === "string" ? { text: frame } : { base64: base64(frame) });

export type { EventType };
