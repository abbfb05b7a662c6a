/**
 * `imrelay listen <conn> --forward-to <url>`: follows the connection's live stream and POSTs
 * each event to a local URL, signed per Standard Webhooks with a local secret (printed), so a
 * bot under development receives real traffic without a public webhook URL. One at a time,
 * in order; a failed forward is shown and not retried (the relay's own webhook is untouched).
 */
import { Webhook } from "standardwebhooks";
import type { Client } from "../client/index.ts";
import { newSecret } from "../delivery/sign.ts";
import { VERSION } from "../version.ts";
import { UsageError } from "./args.ts";
import { clock } from "./format.ts";
import { reportStatus, type Io } from "./io.ts";

const FORWARD_TIMEOUT_MS = 15_000;

export interface ListenOptions {
  forwardTo: string;
  secret?: string;
  type?: string;
  after?: string;
}

export async function listen(client: Client, connection: string, options: ListenOptions, io: Io): Promise<number> {
  if (!/^https?:\/\//.test(options.forwardTo)) throw new UsageError("--forward-to takes an http(s) URL, e.g. http://localhost:3000/hooks");
  const secret = options.secret ?? io.env.IMRELAY_FORWARD_SECRET ?? newSecret();
  let signer: Webhook;
  try {
    signer = new Webhook(secret);
  } catch {
    throw new UsageError("--secret must be whsec_ followed by base64");
  }
  await client.connections.get(connection); // a 404 now, not a silent stream
  io.err(`Forwarding the events of ${connection}${options.type ? ` (${options.type})` : ""} to ${options.forwardTo}. Ctrl-C to stop.`);
  io.err(`Signing secret (verify the forwarded webhooks with it): ${secret}`);
  let forwarded = 0;
  let failed = 0;
  const events = client.events.stream(connection, { after: options.after, type: options.type, signal: io.signal, onStatus: (s) => reportStatus(s, io) });
  for await (const event of events) {
    const body = JSON.stringify(event);
    const at = new Date();
    const started = performance.now();
    let outcome: string;
    try {
      const res = await fetch(options.forwardTo, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": `imrelay-cli/${VERSION}`,
          "webhook-id": event.id,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signer.sign(event.id, at, body),
        },
        body,
        signal: AbortSignal.any([io.signal, AbortSignal.timeout(FORWARD_TIMEOUT_MS)]),
      });
      await res.body?.cancel();
      if (res.ok) forwarded++;
      else failed++;
      outcome = `[${res.status}${res.statusText ? ` ${res.statusText}` : ""}]`;
    } catch (err) {
      if (io.signal.aborted) break;
      failed++;
      outcome = `[failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}]`;
    }
    io.out(`${clock()}  ${event.type.padEnd(24)} ${event.id}  → POST ${options.forwardTo} ${outcome} ${Math.round(performance.now() - started)} ms`);
  }
  io.err(`Forwarded ${forwarded}, failed ${failed}.`);
  return 0;
}
