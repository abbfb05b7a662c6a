/**
 * The upstream link: the socket and everything that keeps it — the dial (with the platform's
 * `prepare` steps before it), the login wait, the heartbeat, the HTTP probe, the connect and
 * poll chains, sending and dropping. It decides nothing about the connection's state: it
 * tells the session what happened (a frame, the socket lost, the login not confirmed, what a
 * link step decoded) and the session's state machine acts on it.
 *
 * Every socket gets a generation; dropping one (or opening the next) moves it on, so late
 * events of an old socket, its timers and its chains are ignored.
 */
import { deadline, isTimeout } from "../lib/deadline.ts";
import { errorText } from "../lib/problem.ts";
import type { Context, Frame, LinkStep, Platform, StepResult } from "../platforms/contract.ts";
import { openSocket } from "./dial.ts";
import { runSteps } from "./steps.ts";

export interface LinkListener {
  frame(frame: Frame): void;
  /** The socket is gone (closed or errored by the upstream, or dropped for a missed heartbeat or a failed probe); it is already dropped. */
  lost(code: number, reason: string): void;
  /** `signal` readiness: no `ready` within the platform's wait; the socket is already dropped. */
  loginTimedOut(waitMs: number): void;
  /** What a link step decoded: to be taken in and written before the next step's request. */
  stepped(result: StepResult, what: string): void;
}

export interface LinkDeps {
  platform(): Platform;
  context(): Context<unknown>;
  listener: LinkListener;
  dialTimeoutMs: number;
  /** Timeout of a link step's request. */
  stepTimeoutMs: number;
  /** Overrides of the platform's heartbeat timing. */
  heartbeat: { intervalMs?: number; timeoutMs?: number };
  /** Override of the platform's poll interval. */
  pollIntervalMs?: number;
}

export type DialOutcome =
  | { kind: "open"; readiness: "open" | "signal" }
  /** `refused`: the credentials were turned down (401/403 on the upgrade, or by `prepare`). */
  | { kind: "failed"; error: string; status: number | null; refused: boolean }
  /** The socket was no longer wanted when the dial ended (dropped meanwhile). */
  | { kind: "stale" };

/** Close codes a client may send. */
const sendable = (code: number): number => (code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 && code !== 1015 ? code : 1000);

export class UpstreamLink {
  private socket: WebSocket | null = null;
  private generation = 0;
  private dialing = false;
  private readyTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private heartbeatDeadline: ReturnType<typeof setTimeout> | null = null;
  private probeTimer: ReturnType<typeof setInterval> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private readonly deps: LinkDeps;

  constructor(deps: LinkDeps) {
    this.deps = deps;
  }

  /** A socket is open (connected or waiting for the login's confirmation). */
  get open(): boolean {
    return this.socket !== null;
  }

  /** Neither a socket nor a dial in progress. */
  get idle(): boolean {
    return this.socket === null && !this.dialing;
  }

  /** The current socket's generation (part of correlation keys, so keys never repeat across sockets). */
  get epoch(): number {
    return this.generation;
  }

  /** Runs `prepare`, then opens the socket and sends the login. */
  async dial(): Promise<DialOutcome> {
    if (!this.idle) return { kind: "stale" };
    this.dialing = true;
    const generation = ++this.generation;
    try {
      const { link } = this.deps.platform();
      let dial = link.dial(this.deps.context());
      const prepared = await this.chain(link.prepare?.(this.deps.context()) ?? null, generation);
      if (generation !== this.generation) return { kind: "stale" };
      if (prepared.refused !== undefined) return { kind: "failed", error: prepared.refused, status: null, refused: true };
      dial = { ...dial, ...prepared.dial };
      const result = await openSocket(dial, this.deps.dialTimeoutMs);
      if (generation !== this.generation) {
        if (result.ok) result.socket.close(1000, "no longer wanted");
        return { kind: "stale" };
      }
      if (!result.ok) return { kind: "failed", error: result.error, status: result.status, refused: result.refused };
      this.attach(result.socket, generation);
      const hello = link.hello?.(this.deps.context()) ?? [];
      if (hello.length) this.send(hello);
      if (link.readiness === "signal") this.awaitLogin(link.readyTimeoutMs ?? 10_000, generation);
      return { kind: "open", readiness: link.readiness };
    } catch (err) {
      // Thrown before the network was reached (an invalid header, URL or adapter state): retrying
      // at once would fail the same way, so it is a failure, visible and slowly retried.
      if (generation !== this.generation) return { kind: "stale" };
      this.drop(1000, "dial failed");
      return { kind: "failed", error: `the dial failed before reaching the upstream: ${errorText(err)}`, status: null, refused: true };
    } finally {
      this.dialing = false;
    }
  }

  private attach(socket: WebSocket, generation: number): void {
    this.socket = socket;
    socket.addEventListener("message", (e) => {
      if (generation === this.generation) this.deps.listener.frame(typeof e.data === "string" ? e.data : new Uint8Array(e.data as ArrayBuffer));
    });
    socket.addEventListener("close", (e) => {
      if (generation === this.generation) this.lose(e.code, e.reason || "closed by the upstream");
    });
    socket.addEventListener("error", (e) => {
      if (generation === this.generation) this.lose(1006, (e as ErrorEvent).message || "socket error");
    });
  }

  private awaitLogin(waitMs: number, generation: number): void {
    this.readyTimer = setTimeout(() => {
      if (generation !== this.generation) return;
      this.drop(1000, "login not confirmed");
      this.deps.listener.loginTimedOut(waitMs);
    }, waitMs);
  }

  /** The session counts the link as connected: heartbeat and probe start, then the connect chain, then the poll. */
  connected(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    const { link } = this.deps.platform();
    const generation = this.generation;
    this.startHeartbeat(generation);
    this.startProbe(generation);
    const first = link.connected?.(this.deps.context()) ?? null;
    // The poll waits for the connect chain: never two chains at once.
    void this.chain(first, generation)
      .then(() => this.startPoll(generation))
      .catch((err: unknown) => console.error(`link chain: ${errorText(err)}`));
  }

  /** A `heartbeat_ack` arrived. */
  heartbeatAcked(): void {
    if (this.heartbeatDeadline) clearTimeout(this.heartbeatDeadline);
    this.heartbeatDeadline = null;
  }

  send(frames: readonly Frame[]): boolean {
    if (!this.socket) return false;
    try {
      for (const frame of frames) this.socket.send(frame);
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the current socket (if any) and forgets it; its late events, timers and chains are ignored. */
  drop(code: number, reason: string): void {
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    try {
      socket.close(sendable(code), reason.slice(0, 120));
    } catch {
      // already closed
    }
  }

  private lose(code: number, reason: string): void {
    this.drop(code === 1006 ? 1000 : code, reason);
    this.deps.listener.lost(code, reason);
  }

  private clearTimers(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.heartbeatDeadline) clearTimeout(this.heartbeatDeadline);
    if (this.probeTimer) clearInterval(this.probeTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.readyTimer = this.heartbeatTimer = this.heartbeatDeadline = this.probeTimer = this.pollTimer = null;
  }

  /** Runs a chain of link steps for the socket of `generation`; it stops when that socket is gone (keeping the answer in flight, steps.ts). */
  private chain(first: LinkStep | null, generation: number) {
    return runSteps(first, {
      context: () => this.deps.context(),
      timeoutMs: this.deps.stepTimeoutMs,
      current: () => generation === this.generation,
      absorb: (result, what) => this.deps.listener.stepped(result, what),
    });
  }

  /** Sends the platform's heartbeat frame; an ack missing for `timeoutMs` drops the socket. */
  private startHeartbeat(generation: number): void {
    const heartbeat = this.deps.platform().link.heartbeat;
    if (!heartbeat) return;
    const intervalMs = this.deps.heartbeat.intervalMs ?? heartbeat.intervalMs;
    const timeoutMs = this.deps.heartbeat.timeoutMs ?? heartbeat.timeoutMs;
    this.heartbeatTimer = setInterval(() => {
      if (generation !== this.generation) return;
      this.heartbeatDeadline ??= setTimeout(() => {
        if (generation === this.generation) this.lose(4000, "heartbeat not acknowledged");
      }, timeoutMs);
      this.send([heartbeat.frame(this.deps.context())]);
    }, intervalMs);
  }

  /** Checks the upstream's liveness over HTTP while connected (platforms with a `probe`). */
  private startProbe(generation: number): void {
    const probe = this.deps.platform().link.probe;
    if (!probe) return;
    let inFlight = false;
    this.probeTimer = setInterval(async () => {
      if (generation !== this.generation || inFlight) return;
      inFlight = true;
      const { method, url, headers, body } = probe.request(this.deps.context());
      const timeout = deadline(probe.timeoutMs, "liveness probe");
      try {
        const response = await fetch(url, { method, headers, body, signal: timeout.signal });
        await response.body?.cancel().catch(() => {});
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      } catch (err) {
        if (generation === this.generation)
          this.lose(4001, `liveness probe failed: ${isTimeout(err) ? `no answer within ${probe.timeoutMs / 1000} s` : errorText(err)}`);
      } finally {
        timeout.release();
        inFlight = false;
      }
    }, probe.intervalMs);
  }

  /** Repeats the platform's poll chain while connected; a poll still running skips its turn. */
  private startPoll(generation: number): void {
    const poll = this.deps.platform().link.poll;
    if (!poll || generation !== this.generation) return;
    let running = false;
    this.pollTimer = setInterval(() => {
      if (generation !== this.generation || running) return;
      running = true;
      void this.chain(poll.step(this.deps.context()), generation)
        .catch((err: unknown) => console.error(`link poll: ${errorText(err)}`))
        .finally(() => (running = false));
    }, this.deps.pollIntervalMs ?? poll.intervalMs);
  }
}
