import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { SocketSim } from "./base.ts";
import type { ConnectionRecord, ReceivedFrame } from "./base.ts";
import { SimClient, useSim } from "./client.ts";
import { BadRequest, json } from "./control.ts";
import { Hold } from "./hold.ts";
import { listen, sendJson } from "./http.ts";
import { isObject } from "./json.ts";
import { ScriptQueue } from "./script.ts";
import type { ScriptFields } from "./script.ts";

interface EchoConnection extends ConnectionRecord {
  token: string | null;
  why?: string;
}

type EchoScript = ScriptFields & { error?: string };

/**
 * The smallest upstream the base serves: `?access_token=` must be "good" (401 otherwise), a
 * request `{id, kind, ...}` is answered `{id, ok: true, echo}` unless a script says otherwise,
 * and GET /api/hello is a REST route beside the socket.
 */
class Echo extends SocketSim<EchoConnection> {
  protected override readonly pushes = { kinds: ["notice"], field: "sent" };
  protected override readonly scripts = new ScriptQueue<EchoScript>({ text: "error", silence: true, example: '"send"' });
  readonly hold = new Hold();

  constructor(server: Server, port: number) {
    super(server, { name: "echo", host: "127.0.0.1", port, path: "/ws", dropCode: 4000, log: false });
  }

  notice(p: { text?: string } = {}): string {
    const text = JSON.stringify({ notice: p.text ?? "hi" });
    this.broadcast(text);
    return text;
  }

  state() {
    return { clients: this.clients(), received: this.received.length, connections: this.connections.length };
  }

  protected override connection(base: ConnectionRecord): EchoConnection {
    return { ...base, token: base.query.access_token ?? null };
  }

  protected override admit(record: EchoConnection, req: IncomingMessage): number | null {
    return record.token === "good" ? super.admit(record, req) : 401;
  }

  protected override closing(_ws: WebSocket, record: EchoConnection, why: string): void {
    record.why = why;
  }

  protected frame(ws: WebSocket, _record: EchoConnection, data: Buffer, binary: boolean): void {
    const frame = this.textFrame(data, binary);
    this.received.push(frame);
    const request = frame.parsed;
    if (!isObject(request) || typeof request.kind !== "string") return;
    const script = this.scripts.take(request.kind);
    if (script?.silent) return;
    const reply = script?.error !== undefined ? { id: request.id, ok: false, error: script.error } : { id: request.id, ok: true, echo: request };
    const send = () => this.sendTo([ws], script?.body ?? JSON.stringify(reply));
    if (script?.delayMs) setTimeout(send, script.delayMs);
    else send();
  }

  protected override async request(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    await this.hold.whileHeld();
    if (req.method === "GET" && path === "/api/hello") sendJson(res, 200, { hello: true });
    else await super.request(req, res, path);
  }

  protected override controlRoute(route: string, body: Buffer): unknown {
    if (route !== "POST /control/pause") return undefined;
    const paused = json(body).paused;
    if (typeof paused !== "boolean") throw new BadRequest("paused must be a boolean");
    this.hold.pause(paused);
    return { paused };
  }

  override async close(): Promise<void> {
    this.hold.close();
    await super.close();
  }
}

async function startEcho(): Promise<Echo> {
  const server = createServer();
  return new Echo(server, await listen(server, 0, "127.0.0.1"));
}

let sim: Echo;
const { connect, control } = useSim(async () => (sim = await startEcho()));

const good = "/ws?access_token=good";

describe("upgrades", () => {
  it("records each upgrade with path, query and headers, and refuses by the simulator's rule", async () => {
    await connect(good, { headers: { "x-client": "t" } });
    const record = await sim.waitForConnection(1);
    expect(record).toMatchObject({ path: "/ws", query: { access_token: "good" }, open: true, status: 101, token: "good" });
    expect(record.headers["x-client"]).toBe("t");
    await expect(connect("/ws?access_token=bad")).rejects.toThrow("upgrade refused: 401");
    expect(sim.connections.map((c) => c.status)).toEqual([101, 401]);
    expect(sim.clients()).toBe(1);
  });

  it("refuses with a status until cleared, or only the next upgrade", async () => {
    sim.refuseUpgrades(403);
    await expect(connect(good)).rejects.toThrow("upgrade refused: 403");
    await expect(connect(good)).rejects.toThrow("upgrade refused: 403");
    sim.refuseUpgrades(null);
    await connect(good);
    expect((await control("POST", "/control/refuse", { status: 503, once: true })).json).toEqual({ status: 503, once: true });
    await expect(connect(good)).rejects.toThrow("upgrade refused: 503");
    await connect(good);
    expect(sim.connections.map((c) => c.status)).toEqual([403, 403, 101, 503, 101]);
    expect((await control("POST", "/control/refuse", { status: 99 })).status).toBe(400);
  });
});

describe("frames", () => {
  it("hands each client frame to the simulator, which records and answers it", async () => {
    const client = await connect(good);
    client.sendJson({ id: 7, kind: "send", text: "你好" });
    expect(JSON.parse(await client.nextText())).toEqual({ id: 7, ok: true, echo: { id: 7, kind: "send", text: "你好" } });
    client.send(Buffer.from([1, 2]));
    const binary = await sim.waitForFrame((f: ReceivedFrame) => f.binary);
    expect(binary).toMatchObject({ text: "\u0001\u0002", parsed: null });
    expect((await control("GET", "/control/received?since=1")).json.received).toHaveLength(1);
  });

  it("broadcasts pushes and raw frames to every open socket", async () => {
    const a = await connect(good);
    const b = await connect(good);
    const pushed = await control("POST", "/control/push/notice", { text: "all" });
    expect(pushed.json).toEqual({ sent: '{"notice":"all"}' });
    expect(await a.nextText()).toBe(pushed.json.sent);
    expect(await b.nextText()).toBe(pushed.json.sent);
    expect((await control("POST", "/control/frame", { text: "not json" })).json).toEqual({ sockets: 2 });
    expect(await a.nextText()).toBe("not json");
    await control("POST", "/control/frame", { hex: "0a0b" });
    expect(await b.nextText()).toBe("not json");
    expect([...(await b.next()).bytes]).toEqual([10, 11]);
    expect((await control("POST", "/control/frame", { text: "x", hex: "00" })).status).toBe(400);
    expect((await control("POST", "/control/push/nope", {})).status).toBe(400);
  });
});

describe("drop and terminate", () => {
  it("drops with the default or a given code, and terminates without a close frame", async () => {
    const a = await connect(good);
    expect(sim.drop()).toBe(1);
    expect(await a.closed).toEqual({ code: 4000, reason: "" });
    const b = await connect(good);
    expect((await control("POST", "/control/drop", { code: 4321, reason: "bye" })).json).toEqual({ dropped: 1 });
    expect(await b.closed).toEqual({ code: 4321, reason: "bye" });
    const c = await connect(good);
    expect((await control("POST", "/control/terminate")).json).toEqual({ dropped: 1 });
    expect((await c.closed).code).toBe(1006);
    await expect
      .poll(() => sim.connections.map((r) => [r.open, r.why]))
      .toEqual([
        [false, "dropped"],
        [false, "dropped"],
        [false, "terminated"],
      ]);
    expect(() => sim.drop(1006)).toThrow(RangeError);
  });
});

describe("scripted answers", () => {
  it("uses one-shot scripts first, in order, then the standing one", async () => {
    const client = await connect(good);
    await control("POST", "/control/script", { route: "send", error: "standing", always: true });
    await control("POST", "/control/script", { route: "send", error: "first" });
    await control("POST", "/control/script", { route: "send", body: "garbage{" });
    const answers = [];
    for (let id = 1; id <= 4; id++) {
      client.sendJson({ id, kind: "send" });
      answers.push(await client.nextText());
    }
    expect(answers[0]).toBe('{"id":1,"ok":false,"error":"first"}');
    expect(answers[1]).toBe("garbage{");
    expect(answers[2]).toBe('{"id":3,"ok":false,"error":"standing"}');
    expect((await control("POST", "/control/script", { route: "send", always: true, clear: true })).json).toEqual({
      route: "send",
      always: true,
      spec: null,
    });
    client.sendJson({ id: 5, kind: "send" });
    expect(JSON.parse(await client.nextText())).toMatchObject({ id: 5, ok: true });
  });

  it("stays silent or answers late when told to", async () => {
    const client = await connect(good);
    await control("POST", "/control/script", { route: "send", silent: true });
    client.sendJson({ id: 1, kind: "send" });
    expect(await client.quietFor(100)).toBe(true);
    await control("POST", "/control/script", { route: "send", delayMs: 150 });
    const sentAt = Date.now();
    client.sendJson({ id: 2, kind: "send" });
    expect(JSON.parse(await client.nextText())).toMatchObject({ id: 2, ok: true });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(140);
  });

  it("checks the spec and the route", async () => {
    expect((await control("POST", "/control/script", { route: "send" })).json.error).toBe("a script needs code, httpStatus, body, silent or delayMs");
    expect((await control("POST", "/control/script", { route: "", code: 1 })).json.error).toBe('route is required, e.g. "send"');
    expect((await control("POST", "/control/script", { route: "send", httpStatus: 99 })).status).toBe(400);
    expect((await control("POST", "/control/script", { route: "send", delayMs: -1 })).status).toBe(400);
    expect((await control("POST", "/control/script", { route: "send", code: "1" })).json.error).toBe("code must be a number");
    const queue = new ScriptQueue<ScriptFields>({ routes: ["a", "b"], key: (r) => r.toLowerCase() });
    expect(() => queue.route("c")).toThrow("route must be one of a, b");
    expect(() => queue.parse({ silent: true })).toThrow("a script needs code, httpStatus, body or delayMs");
    queue.once("A", { code: 1 });
    expect(queue.list()).toEqual({ once: { a: [{ code: 1 }] }, always: {} });
    expect(queue.take("a")).toEqual({ code: 1 });
    expect(queue.take("a")).toBeUndefined();
  });
});

describe("HTTP beside the socket", () => {
  it("serves the simulator's routes, 426 elsewhere, and holds requests while paused", async () => {
    expect(await (await fetch(`${sim.httpUrl}/api/hello`)).json()).toEqual({ hello: true });
    const other = await fetch(`${sim.httpUrl}/elsewhere`);
    expect(other.status).toBe(426);
    expect(((await other.json()) as { error: string }).error).toContain("echo simulator");
    await control("POST", "/control/pause", { paused: true });
    let answered = false;
    const held = fetch(`${sim.httpUrl}/api/hello`).then((res) => {
      answered = true;
      return res.status;
    });
    expect((await control("GET", "/control/state")).json).toEqual({ clients: 0, received: 0, connections: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    await control("POST", "/control/pause", { paused: false });
    expect(await held).toBe(200);
  });

  it("answers 404 for unknown control routes and resets over HTTP", async () => {
    await connect(good);
    expect((await control("GET", "/control/nope")).status).toBe(404);
    expect((await control("POST", "/control/reset")).json).toEqual({ reset: true });
    expect(sim.connections).toEqual([]);
  });

  it("closing kills the sockets", async () => {
    const own = await startEcho();
    const client = await SimClient.open(`${own.url}?access_token=good`);
    await own.close();
    expect((await client.closed).code).toBe(1006);
  });
});
