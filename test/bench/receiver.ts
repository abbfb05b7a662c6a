/**
 * A plain HTTP receiver for the baseline's unsigned posts: it timestamps each arrival the
 * way the webhook sink does (after reading the body) and finds the sequence number in the
 * body. It cannot verify anything, so to keep the receiving side's CPU cost comparable with
 * the sink's verification it computes the same Standard Webhooks HMAC over the body (with
 * the `standardwebhooks` library) and parses the body as JSON, then answers 204.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Webhook } from "standardwebhooks";
import { closeServer, listen, readBody } from "../sim/http.ts";
import { now } from "./measure.ts";

export interface Arrival {
  body: string;
  at: number;
}

export interface Receiver {
  readonly url: string;
  /** Called for each POST after its body is read; replaces the previous listener. */
  onArrival(listener: ((arrival: Arrival) => void) | null): void;
  close(): Promise<void>;
}

export async function startReceiver(options: { secret: string; equalCost?: boolean }): Promise<Receiver> {
  const webhook = new Webhook(options.secret);
  const equalCost = options.equalCost ?? true;
  let listener: ((arrival: Arrival) => void) | null = null;
  let counter = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = (await readBody(req)).toString("utf8");
      const at = now();
      if (equalCost) {
        webhook.sign(`msg_${++counter}`, new Date(), body);
        try {
          JSON.parse(body);
        } catch {
          // the frame is passed through unchanged; its shape is not this receiver's concern
        }
      }
      listener?.({ body, at });
      res.writeHead(204);
      res.end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const port = await listen(server, 0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}/in`,
    onArrival(l) {
      listener = l;
    },
    close: () => closeServer(server),
  };
}
