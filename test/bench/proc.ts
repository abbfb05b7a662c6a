/**
 * A process's CPU time and memory from /proc (Linux), for CPU per event and RSS.
 *
 * `wrangler dev` runs two workerd processes, both children of wrangler's own Node process:
 * an entry proxy listening on the dev port (`--socket-addr=entry=127.0.0.1:PORT`) and the
 * one that runs the Worker and its Durable Objects (the one with `--inspector-addr`). The
 * worker's process is the one measured; the proxy only forwards the harness's API calls.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second for utime/stime (USER_HZ; 100 on every Linux we run). */
const TICKS_PER_S = 100;

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** utime + stime of a process, in ms. */
export function cpuMs(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Fields after the parenthesised command name (which may hold spaces): state is field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_S;
}

/** Resident set size, MiB. */
export function rssMiB(pid: number): number | null {
  const status = readText(`/proc/${pid}/status`);
  const m = status && /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : null;
}

function cmdline(pid: number): string[] {
  return (readText(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean);
}

function ppid(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

function pids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export interface WorkerdProcess {
  /** The workerd running the Worker. */
  pid: number;
  /** wrangler's Node process (the parent of both workerd processes). */
  wranglerPid: number;
  /** The port of the inspector wrangler proxies to that workerd (its --inspector-port). */
  inspectorPort: number | null;
}

/** The workerd process behind the `wrangler dev` listening on `port`. */
export function findWorkerd(port: number): WorkerdProcess {
  const all = pids();
  const entry = all.find((pid) => {
    const args = cmdline(pid);
    return args[0]?.endsWith("/workerd") && args.includes(`--socket-addr=entry=127.0.0.1:${port}`);
  });
  if (entry === undefined) throw new Error(`no workerd listening on port ${port}`);
  const parent = ppid(entry);
  const worker = all.find(
    (pid) => pid !== entry && ppid(pid) === parent && cmdline(pid)[0]?.endsWith("/workerd") && cmdline(pid).some((a) => a.startsWith("--inspector-addr")),
  );
  if (worker === undefined || parent === null) throw new Error(`no worker process next to workerd ${entry}`);
  const wranglerArgs = cmdline(parent);
  const at = wranglerArgs.indexOf("--inspector-port");
  return { pid: worker, wranglerPid: parent, inspectorPort: at >= 0 ? Number(wranglerArgs[at + 1]) : null };
}

export interface ProcessFigures {
  /** CPU time the process spent over the window, ms. */
  cpuMs: number;
  /** The window, ms. */
  wallMs: number;
  /** Highest and last RSS sampled over the window, MiB. */
  rssPeakMiB: number;
  rssEndMiB: number;
}

/** Measures a process over a window: CPU at its ends, RSS sampled every `everyMs`. */
export function watchProcess(pid: number, everyMs = 250): { stop(): ProcessFigures } {
  const startCpu = cpuMs(pid);
  const started = performance.now();
  let peak = rssMiB(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid) ?? 0);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const end = cpuMs(pid);
      const rss = rssMiB(pid) ?? 0;
      if (startCpu === null || end === null) throw new Error(`process ${pid} is gone`);
      return { cpuMs: end - startCpu, wallMs: performance.now() - started, rssPeakMiB: Math.max(peak, rss), rssEndMiB: rss };
    },
  };
}
