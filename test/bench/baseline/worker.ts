/**
 * The benchmark's baseline: the least a relay of this shape must do. A Durable Object opens
 * the same kind of outbound WebSocket as the relay (fetch with Upgrade: websocket, accept(),
 * binaryType arraybuffer) and POSTs every frame's text, unchanged, to a hook, with at most
 * DELIVERY_CONCURRENCY (default 4, as the relay) posts in flight and the rest queued in memory.
 *
 *   GET  /healthz                      200
 *   POST /start {id, url, hook}        open the socket of passthrough {id}; 200 once open
 *   POST /stop  {id}                   close it
 *   GET  /stats?id=                    {frames, posted, failed, queued, inflight}
 *   POST /floor/start {id, hook, count, concurrency, rate, template}   start bare POSTs (floor.ts)
 *   GET  /floor/stats?id=              {posted, failed, inflight}
 */
import { DurableObject } from "cloudflare:workers";
import { Poster, type FloorRun } from "./floor.ts";
import { postBody } from "./post.ts";

export { Poster };

interface Env {
  PASSTHROUGH: DurableObjectNamespace<Passthrough>;
  POSTER: DurableObjectNamespace<Poster>;
  DELIVERY_CONCURRENCY?: string;
}

interface Stats {
  frames: number;
  posted: number;
  failed: number;
  queued: number;
  inflight: number;
}

const decoder = new TextDecoder();

export class Passthrough extends DurableObject<Env> {
  private socket: WebSocket | null = null;
  private hook = "";
  private readonly queue: string[] = [];
  private inflight = 0;
  private frames = 0;
  private posted = 0;
  private failed = 0;

  private get concurrency(): number {
    return Math.max(1, Number(this.env.DELIVERY_CONCURRENCY ?? 4));
  }

  async start(url: string, hook: string): Promise<{ ok: boolean; status: number }> {
    this.stop();
    this.hook = hook;
    const response = await fetch(url.replace(/^ws(s?):\/\//i, "http$1://"), { headers: { Upgrade: "websocket" } });
    const socket = response.webSocket;
    if (!socket) return { ok: false, status: response.status };
    socket.accept();
    (socket as unknown as { binaryType: string }).binaryType = "arraybuffer";
    socket.addEventListener("message", (e) => {
      const data = e.data as string | ArrayBuffer;
      this.frames++;
      this.queue.push(typeof data === "string" ? data : decoder.decode(data));
      this.pump();
    });
    socket.addEventListener("close", () => {
      if (this.socket === socket) this.socket = null;
    });
    this.socket = socket;
    return { ok: true, status: response.status };
  }

  stop(): void {
    const socket = this.socket;
    this.socket = null;
    this.queue.length = 0;
    try {
      socket?.close(1000, "stopped");
    } catch {
      // already closed
    }
  }

  stats(): Stats {
    return { frames: this.frames, posted: this.posted, failed: this.failed, queued: this.queue.length, inflight: this.inflight };
  }

  private pump(): void {
    while (this.inflight < this.concurrency && this.queue.length > 0) {
      const body = this.queue.shift()!;
      this.inflight++;
      void this.post(body);
    }
  }

  private async post(body: string): Promise<void> {
    if (await postBody(this.hook, body)) this.posted++;
    else this.failed++;
    this.inflight--;
    this.pump();
  }
}

const json = (value: unknown, status = 200): Response => Response.json(value, { status });

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return new Response("ok");
    if (url.pathname.startsWith("/floor/")) return floor(request, url, env);
    const body = request.method === "POST" ? ((await request.json().catch(() => ({}))) as { id?: string; url?: string; hook?: string }) : {};
    const id = body.id ?? url.searchParams.get("id") ?? "default";
    const stub = env.PASSTHROUGH.get(env.PASSTHROUGH.idFromName(id));
    if (request.method === "POST" && url.pathname === "/start") {
      if (!body.url || !body.hook) return json({ error: "url and hook are required" }, 400);
      const result = await stub.start(body.url, body.hook);
      return json(result, result.ok ? 200 : 502);
    }
    if (request.method === "POST" && url.pathname === "/stop") {
      await stub.stop();
      return json({ stopped: true });
    }
    if (request.method === "GET" && url.pathname === "/stats") return json(await stub.stats());
    return json({ error: "not found" }, 404);
  },
} satisfies ExportedHandler<Env>;

async function floor(request: Request, url: URL, env: Env): Promise<Response> {
  if (request.method === "POST" && url.pathname === "/floor/start") {
    const run = (await request.json()) as FloorRun & { id: string };
    return json(await env.POSTER.get(env.POSTER.idFromName(run.id)).start(run));
  }
  const id = url.searchParams.get("id") ?? "default";
  if (request.method === "GET" && url.pathname === "/floor/stats") return json(await env.POSTER.get(env.POSTER.idFromName(id)).stats());
  return json({ error: "not found" }, 404);
}
