/**
 * A real `wrangler dev` process running the relay, for end-to-end tests, `npm start` and the
 * benchmark. State persists in `persistTo`, so a stop and a start is a restart of the relay
 * with its Durable Objects' storage (and alarms) intact.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { jsonRequest, readResponse, type ApiInit, type ApiResponse } from "./response.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url).href);

export interface RelayOptions {
  port?: number;
  token?: string;
  persistTo: string;
  /** Extra `--var` bindings (e.g. ACTION_TIMEOUT_MS). */
  vars?: Record<string, string>;
  config?: string;
  /** Print wrangler's output. */
  verbose?: boolean;
}

export interface Relay {
  url: string;
  token: string;
  /** Calls the relay's API with the bearer token; JSON bodies are stringified. */
  api(path: string, init?: ApiInit): Promise<ApiResponse>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, "close");
  return port;
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const port = options.port ?? (await freePort());
  const token = options.token ?? "e2e-token";
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = "";

  const args = [
    "wrangler",
    "dev",
    "--config",
    options.config ?? "wrangler.toml",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(await freePort()),
    "--persist-to",
    options.persistTo,
    "--show-interactive-dev-session=false",
    "--var",
    `RELAY_TOKEN:${token}`,
    // The simulators and the sink live on 127.0.0.1: lift the network guard.
    "--var",
    "ALLOW_PRIVATE_NETWORKS:true",
    ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];

  async function start(): Promise<void> {
    child = spawn("npx", args, {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const append = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.length > 200_000) log = log.slice(-100_000);
      if (options.verbose) process.stderr.write(chunk);
    };
    child.stdout!.on("data", append);
    child.stderr!.on("data", append);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`wrangler dev did not come up within 60 s:\n${log}`);
  }

  async function stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = once(c, "exit");
    try {
      process.kill(-c.pid!, signal); // the whole group: npx, wrangler and workerd
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-c.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  }

  const api = async (path: string, init: ApiInit = {}): Promise<ApiResponse> => readResponse(await fetch(jsonRequest(`${url}${path}`, init, token)));

  await start();
  return { url, token, api, stop, start, output: () => log };
}
