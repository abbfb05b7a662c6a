/**
 * The comparison: a plain Node relay, written the way a user would write the job without
 * imrelay. `ws` to the upstream; each roomim message frame parsed into the same event shape;
 * node:sqlite in WAL mode with synchronous FULL, a burst of frames inserted in one
 * transaction before any of it is posted; Standard Webhooks signatures from the
 * `standardwebhooks` library; at most 4 POSTs in flight (fetch); outcomes written in
 * batches; a failed POST retried after 5 s.
 *
 *   node test/bench/node-relay.ts --upstream ws://… --hook http://… --secret whsec_… --db FILE
 *        [--connection ID] [--concurrency 4] [--port 0]
 *
 * It serves GET /stats ({received, delivered, failed, pending}) on --port and prints
 * `listening <port>` once the upstream socket is open.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DatabaseSync } from "node:sqlite";
import { Webhook } from "standardwebhooks";
import WebSocket from "ws";
import { cliOptions } from "../sim/http.ts";

const argv = process.argv.slice(2);
const arg = (name: string, fallback?: string): string => {
  const v = cliOptions(argv, name)[0] ?? fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
};
const UPSTREAM = arg("upstream");
const HOOK = arg("hook");
const CONNECTION = arg("connection", "node");
const CONCURRENCY = Number(arg("concurrency", "4"));
const webhook = new Webhook(arg("secret"));

const db = new DatabaseSync(arg("db"));
db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
db.exec(`CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, delivered_at INTEGER)`);
const insert = db.prepare("INSERT INTO events (id, type, body) VALUES (?, ?, ?)");
const delivered = db.prepare("UPDATE events SET status = 'delivered', attempts = ?, delivered_at = ? WHERE id = ?");
const failed = db.prepare("UPDATE events SET attempts = ? WHERE id = ?");

function transaction(fn: () => void): void {
  db.exec("BEGIN");
  try {
    fn();
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

interface Pending {
  id: string;
  type: string;
  body: string;
  attempts: number;
}

const stats = { received: 0, delivered: 0, failed: 0 };

// --- ingest: parse, keep, write the burst in one transaction, then queue --------------------

type Frame = {
  msgType?: number;
  msgText?: string;
  room?: string;
  from?: string;
  msgId?: string;
  roomSeq?: string;
  timestamp?: string;
  response?: number | null;
};
let inbox: Pending[] = [];
let flushScheduled = false;

function toEvent(frame: Frame): { type: string; data: Record<string, unknown> } {
  if ((frame.msgType === 1 || frame.msgType === 3) && frame.msgId && frame.room) {
    const text = frame.msgText ?? "";
    const message = {
      id: frame.msgId,
      chat: { type: "group", id: frame.room },
      sender: { id: frame.from ?? "" },
      content: text ? [{ type: "text", text }] : [],
      text,
      seq: frame.roomSeq,
    };
    return { type: "message.created", data: { message } };
  }
  return { type: "upstream.unknown", data: { reason: "not a message" } };
}

function onFrame(text: string): void {
  let frame: Frame;
  try {
    frame = JSON.parse(text) as Frame;
  } catch {
    return;
  }
  const { type, data } = toEvent(frame);
  const id = `evt_${randomUUID()}`;
  const timestamp = Number(frame.timestamp) || Date.now();
  const body = JSON.stringify({ id, type, connection: CONNECTION, platform: "roomim", timestamp, data, raw: frame });
  inbox.push({ id, type, body, attempts: 0 });
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushInbox);
  }
}

function flushInbox(): void {
  flushScheduled = false;
  const batch = inbox;
  inbox = [];
  transaction(() => {
    for (const e of batch) insert.run(e.id, e.type, e.body);
  });
  stats.received += batch.length;
  queue.push(...batch);
  pump();
}

// --- delivery: 4 in flight, outcomes written in batches --------------------------------------

const queue: Pending[] = [];
let inflight = 0;
let outcomes: { id: string; attempts: number; at: number | null }[] = [];
let outcomeTimer: NodeJS.Timeout | null = null;

function pump(): void {
  while (inflight < CONCURRENCY && queue.length > 0) {
    inflight++;
    void post(queue.shift()!);
  }
}

async function post(e: Pending): Promise<void> {
  e.attempts++;
  let ok: boolean;
  try {
    const at = new Date();
    const signed = webhook.sign(e.id, at, e.body);
    const res = await fetch(HOOK, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": e.id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": signed,
      },
      body: e.body,
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    ok = res.ok;
  } catch {
    ok = false;
  }
  inflight--;
  if (ok) stats.delivered++;
  else {
    stats.failed++;
    setTimeout(() => {
      queue.push(e);
      pump();
    }, 5_000);
  }
  outcomes.push({ id: e.id, attempts: e.attempts, at: ok ? Date.now() : null });
  outcomeTimer ??= setTimeout(flushOutcomes, 50);
  pump();
}

function flushOutcomes(): void {
  outcomeTimer = null;
  const batch = outcomes;
  outcomes = [];
  transaction(() => {
    for (const o of batch) {
      if (o.at !== null) delivered.run(o.attempts, o.at, o.id);
      else failed.run(o.attempts, o.id);
    }
  });
}

// --- the upstream and a stats endpoint ------------------------------------------------------

const socket = new WebSocket(UPSTREAM);
socket.on("message", (data, isBinary) => {
  if (!isBinary) onFrame(String(data));
});
socket.on("close", () => process.exit(0));
await new Promise<void>((resolve, reject) => {
  socket.once("open", () => resolve());
  socket.once("error", reject);
});

const server = createServer((req, res) => {
  const body = JSON.stringify({ ...stats, pending: queue.length + inflight });
  res.writeHead(req.url?.startsWith("/stats") ? 200 : 404, { "content-type": "application/json" });
  res.end(body);
});
server.listen(Number(arg("port", "0")), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    socket.close();
    server.close();
    process.exit(0);
  });
}
