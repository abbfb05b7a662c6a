/**
 * A small Chrome DevTools Protocol client for `wrangler dev`'s inspector (its
 * `--inspector-port`, which wrangler proxies to the workerd running the Worker): heap usage
 * and V8 CPU profiles of the Worker's isolate, where the Durable Objects run too.
 */
import WebSocket from "ws";

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId: string };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

export class Inspector {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  /** Scripts the isolate has parsed (Debugger.scriptParsed), by id. */
  readonly scripts = new Map<string, { url: string; sourceMapURL: string }>();

  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: any };
      if (msg.method === "Debugger.scriptParsed") {
        this.scripts.set(msg.params.scriptId, { url: msg.params.url, sourceMapURL: msg.params.sourceMapURL ?? "" });
        return;
      }
      // workerd answers Profiler.* requests by echoing them (id, method, params) with a result, if any.
      if (msg.id === undefined) return;
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    });
    socket.on("close", () => {
      for (const w of this.pending.values()) w.reject(new Error("inspector closed"));
      this.pending.clear();
    });
  }

  static async open(port: number): Promise<Inspector> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new Inspector(socket);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  heapUsage(): Promise<HeapUsage> {
    return this.send<HeapUsage>("Runtime.getHeapUsage");
  }

  /** Samples heap usage every `everyMs` until stopped; returns the peak and last used size (MiB). */
  watchHeap(everyMs = 100): { stop(): Promise<{ peakMiB: number; lastMiB: number; samples: number }> } {
    let peak = 0;
    let last = 0;
    let samples = 0;
    let running = true;
    const loop = (async () => {
      while (running) {
        const usage = await this.heapUsage().catch(() => null);
        if (usage) {
          samples++;
          last = usage.usedSize / 2 ** 20;
          peak = Math.max(peak, last);
        }
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
        return { peakMiB: peak, lastMiB: last, samples };
      },
    };
  }

  async startProfile(intervalUs: number): Promise<void> {
    await this.send("Debugger.enable").catch(() => {});
    await this.send("Profiler.enable");
    await this.send("Profiler.setSamplingInterval", { interval: intervalUs });
    await this.send("Profiler.start");
  }

  async stopProfile(): Promise<CpuProfile> {
    const { profile } = await this.send<{ profile: CpuProfile }>("Profiler.stop");
    return profile;
  }

  close(): void {
    this.socket.close();
  }
}
