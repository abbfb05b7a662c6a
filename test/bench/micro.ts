/**
 * What single operations cost in workerd, in CPU: each case runs N times inside a Durable
 * Object under Miniflare, and the workerd process's CPU (/proc) over the call, divided by N,
 * is its price. A V8 profile attributes time to JavaScript frames; these figures include what
 * the runtime does around them (event-loop turns, storage commits), which a profile lumps
 * into "(program)".
 *
 *   node test/bench/micro.ts [--n 3000] [--only name,name]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { cliOptions } from "../sim/http.ts";
import { cpuMs } from "./proc.ts";
import { readdirSync, readFileSync } from "node:fs";

/** Each case: a loop body run `n` times in the object (`this.sql`, `this.ctx`, `body`, `key` in scope). */
const CASES: Record<string, { what: string; per?: number; code: string }> = {
  empty: { what: "an empty loop iteration", code: "x += i;" },
  turn: { what: "a timer turn: await setTimeout(0)", code: "await new Promise((r) => setTimeout(r, 0));" },
  timer: {
    what: "arm and clear a timer with an AbortController (no turn)",
    code: "const c = new AbortController(); const t = setTimeout(() => c.abort(), 15000); clearTimeout(t);",
  },
  sign: {
    what: "HMAC-SHA256 of a 1 KiB event (crypto.subtle) + base64",
    code: 'const mac = await crypto.subtle.sign("HMAC", key, enc.encode("evt_1." + i + "." + body)); x += new Uint8Array(mac).toBase64().length;',
  },
  stringify: { what: "JSON.stringify of an event", code: "x += JSON.stringify(event).length;" },
  commit: {
    what: "one-row write committed in its own turn (a frame alone)",
    code: "this.sql.exec(\"INSERT INTO kv (key, value) VALUES ('n', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1\"); await new Promise((r) => setTimeout(r, 0));",
  },
  insert: {
    what: "store 256 events + deliveries in one transaction, per event",
    per: 256,
    code: "this.insert(256); await new Promise((r) => setTimeout(r, 0));",
  },
  updateEach: {
    what: "mark 256 delivered, one UPDATE each, per event",
    per: 256,
    code: "const ids = this.insert(256); this.ctx.storage.transactionSync(() => { for (const id of ids) this.sql.exec(\"UPDATE deliveries SET status = 'delivered', attempts = ?, last_status = ?, delivered_at = ? WHERE event_id = ?\", 1, 204, 2, id); }); await new Promise((r) => setTimeout(r, 0));",
  },
  updateJson: {
    what: "mark 256 delivered, one json_each UPDATE, per event",
    per: 256,
    code: "const ids = this.insert(256); this.ctx.storage.transactionSync(() => this.sql.exec(\"UPDATE deliveries SET status = 'delivered', attempts = j.value->>1, last_status = j.value->>2, delivered_at = j.value->>3 FROM json_each(?) AS j WHERE deliveries.event_id = j.value->>0\", JSON.stringify(ids.map((id) => [id, 1, 204, 2])))); await new Promise((r) => setTimeout(r, 0));",
  },
};

function script(): string {
  const cases = Object.entries(CASES)
    .map(([name, c]) => `    if (how === ${JSON.stringify(name)}) { for (let i = 0; i < n; i++) { ${c.code} } }`)
    .join("\n");
  return `
import { DurableObject } from "cloudflare:workers";
const enc = new TextEncoder();
const event = { id: "evt_01JABCDEFGHJKMNPQRSTVWXYZ0", type: "message.created", connection: "bench", platform: "roomim", timestamp: 1732000000000,
  data: { message: { id: "1858689625873399809", chat: { type: "group", id: "1858689382414958593" }, sender: { id: "1860863094709035009" }, content: [{ type: "text", text: "bench#1#" }], text: "bench#1#" } },
  raw: { msgType: 1, msgText: "bench#1#", room: "1858689382414958593", payload: { extras: "" }, response: 2, from: "1860863094709035009", msgId: "1858689625873399809", roomSeq: "1", timestamp: "1732000000000" } };
const body = JSON.stringify(event).padEnd(1024, " ");
export class Micro extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.n = 0;
    // The object may be evicted between calls while its tables stay: ids unique per instance.
    this.prefix = crypto.randomUUID().slice(0, 8);
    this.sql.exec("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT NOT NULL, created_at INTEGER NOT NULL, body TEXT NOT NULL); CREATE TABLE IF NOT EXISTS deliveries (event_id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, last_status INTEGER, last_error TEXT, delivered_at INTEGER); CREATE INDEX IF NOT EXISTS due ON deliveries (status, next_attempt_at, event_id);");
  }
  insert(count) {
    const ids = Array.from({ length: count }, () => "evt_" + this.prefix + String(++this.n).padStart(18, "0"));
    this.ctx.storage.transactionSync(() => {
      for (let i = 0; i < ids.length; i += 24) {
        const c = ids.slice(i, i + 24);
        this.sql.exec("INSERT INTO events (id, type, created_at, body) VALUES " + c.map(() => "(?, ?, ?, ?)").join(", "), ...c.flatMap((id) => [id, "message.created", 1, body]));
        this.sql.exec("INSERT INTO deliveries (event_id, type, status, attempts, next_attempt_at) VALUES " + c.map(() => "(?, ?, 'pending', 0, ?)").join(", "), ...c.flatMap((id) => [id, "message.created", 1]));
      }
    });
    return ids;
  }
  async run(how, n) {
    const key = await crypto.subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    let x = 0;
${cases}
    return x;
  }
}
export default { async fetch(request, env) {
  const url = new URL(request.url);
  const stub = env.MICRO.get(env.MICRO.idFromName(url.searchParams.get("how")));
  return new Response(String(await stub.run(url.searchParams.get("how"), Number(url.searchParams.get("n")))));
} };`;
}

/** workerd processes started by this process (Miniflare's). */
function workerdChildren(): number[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.includes("(workerd)") && Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid;
      } catch {
        return false;
      }
    });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const n = Number(cliOptions(argv, "n")[0] ?? 3000);
  const only = cliOptions(argv, "only")[0]?.split(",") ?? Object.keys(CASES);
  const dir = await mkdtemp(join(tmpdir(), "imrelay-micro-"));
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: script(),
      compatibilityDate: "2026-11-01",
      compatibilityFlags: ["nodejs_compat"],
      durableObjects: { MICRO: { className: "Micro", useSQLite: true } },
      durableObjectsPersist: dir,
    }),
  );
  try {
    const call = async (how: string, count: number) => (await mf.dispatchFetch(`http://micro/?how=${how}&n=${count}`)).text();
    for (const how of only) await call(how, 20); // warm up: JIT, the object, its tables
    const pids = workerdChildren();
    const cpu = () => pids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);
    console.log(`workerd CPU per operation (n = ${n}; /proc ticks are 10 ms, so small figures are ± ${((10 * 1000) / n).toFixed(1)} µs)\n`);
    for (const how of only) {
      const c = CASES[how];
      if (!c) throw new Error(`no case ${how}; cases: ${Object.keys(CASES).join(", ")}`);
      const runs = c.per ? Math.max(40, Math.round(n / 25)) : n;
      const before = cpu();
      const answer = await call(how, runs);
      if (!/^\d+$/.test(answer)) throw new Error(`${how}: ${answer.slice(0, 500)}`);
      // Storage commits finish after the call returns: let them land in the window.
      await new Promise((r) => setTimeout(r, 300));
      const us = ((cpu() - before) * 1000) / (runs * (c.per ?? 1));
      console.log(`${us.toFixed(1).padStart(8)} µs  ${how.padEnd(11)} ${c.what}`);
    }
  } finally {
    await mf.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
