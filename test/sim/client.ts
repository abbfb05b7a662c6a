// What the simulators' own tests connect with: a WebSocket client that reads the server's
// frames in order, a client for the /control API, and the before/after wiring that starts a
// simulator once per file, closes the clients and resets it after each test.

import { afterAll, afterEach, beforeAll } from "vitest";
import { WebSocket } from "ws";

export interface ClientFrame {
  binary: boolean;
  bytes: Uint8Array;
  /** The bytes as UTF-8. */
  text: string;
}

export interface ClientOptions {
  headers?: Record<string, string>;
  /** Whether to answer the server's pings (default true). */
  autoPong?: boolean;
}

/** A client over a real socket, reading the server's frames in order. */
export class SimClient {
  readonly frames: ClientFrame[] = [];
  /** When each protocol ping from the server arrived. */
  readonly pingsAt: number[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly socket: WebSocket;
  #read = 0;
  #wake: (() => void) | undefined;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on("message", (data, binary) => {
      const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      this.frames.push({ binary, bytes: new Uint8Array(bytes), text: bytes.toString("utf8") });
      this.#wake?.();
    });
    socket.on("ping", () => this.pingsAt.push(Date.now()));
    this.closed = new Promise((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string, options: ClientOptions = {}): Promise<SimClient> {
    const socket = new WebSocket(url, options);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(new SimClient(socket)));
      socket.once("error", reject);
      socket.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** The frames that came as text, as text. */
  get texts(): string[] {
    return this.frames.filter((f) => !f.binary).map((f) => f.text);
  }

  /** The frames that came as binary. */
  get binaries(): Uint8Array[] {
    return this.frames.filter((f) => f.binary).map((f) => f.bytes);
  }

  send(data: string | Uint8Array): void {
    this.socket.send(data);
  }

  sendJson(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  /** The next frame not read yet. */
  async next(timeoutMs = 2000): Promise<ClientFrame> {
    const deadline = Date.now() + timeoutMs;
    while (this.#read >= this.frames.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no frame from the server");
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, left);
      });
    }
    return this.frames[this.#read++] as ClientFrame;
  }

  /** The next frame not read yet, as text. */
  async nextText(timeoutMs = 2000): Promise<string> {
    return (await this.next(timeoutMs)).text;
  }

  /** Resolve true when no frame arrives within `ms`. */
  async quietFor(ms: number): Promise<boolean> {
    const before = this.frames.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.frames.length === before;
  }

  /** Send a protocol ping; resolve whether a pong came back within `ms`. */
  pingAnswered(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.off("pong", onPong);
        resolve(false);
      }, ms);
      const onPong = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.socket.once("pong", onPong);
      this.socket.ping();
    });
  }

  /** Close with a close frame. */
  close(): void {
    this.socket.close();
  }

  /** Drop the TCP connection without a close frame. */
  terminate(): void {
    this.socket.terminate();
  }
}

export interface ControlReply {
  status: number;
  json: any;
}

/** A request to `path` ("/control/state"); a string body goes as it is, anything else as JSON. */
export type Control = (method: "GET" | "POST", path: string, body?: unknown) => Promise<ControlReply>;

/** A client for a simulator's /control API at `base` (http://host:port). */
export function controlClient(base: () => string): Control {
  return async (method, path, body) => {
    const res = await fetch(`${base()}${path}`, {
      method,
      ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  };
}

interface Simulator {
  readonly url: string;
  readonly httpUrl: string;
  reset(): void;
  close(): Promise<void>;
}

export interface SimFixture<S extends Simulator> {
  /** The simulator, started before the file's tests. */
  readonly sim: S;
  /** Open a client on `path` (default: the simulator's url); closed after the test. */
  connect(path?: string, options?: ClientOptions): Promise<SimClient>;
  control: Control;
}

/** Start a simulator for this test file; after each test close its clients and reset it. */
export function useSim<S extends Simulator>(start: () => Promise<S>): SimFixture<S> {
  let sim: S | undefined;
  const clients: SimClient[] = [];
  const started = (): S => {
    if (sim === undefined) throw new Error("the simulator is not started");
    return sim;
  };
  beforeAll(async () => {
    sim = await start();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.terminate();
    sim?.reset();
  });
  afterAll(async () => {
    await sim?.close();
  });
  return {
    get sim() {
      return started();
    },
    async connect(path, options) {
      const s = started();
      const url = path === undefined ? s.url : `${s.httpUrl.replace("http", "ws")}${path}`;
      const client = await SimClient.open(url, options);
      clients.push(client);
      return client;
    },
    control: controlClient(() => started().httpUrl),
  };
}
