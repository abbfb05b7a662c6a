/**
 * An echo bot: answers every text message with the same text, on any platform.
 *
 * The handler is a plain fetch handler (Request in, Response out), so the same code runs as
 * a Cloudflare Worker, in Deno or Bun, or, as below, in Node:
 *
 *   IMRELAY_URL=http://127.0.0.1:8787 IMRELAY_TOKEN=dev-token WEBHOOK_SECRET=whsec_… node examples/echo-bot.ts
 *
 * then point a connection's webhook (or `npx imrelay listen <conn> --forward-to`) at it.
 */
import { createClient, eventsOf, receiveWebhook, WebhookVerificationError } from "imrelay/client";

export interface EchoBotConfig {
  relayUrl: string;
  token: string;
  /** The connection's webhook secret (whsec_…). */
  secret: string;
}

export function echoBot(config: EchoBotConfig): (request: Request) => Promise<Response> {
  const relay = createClient({ url: config.relayUrl, token: config.token });
  return async (request) => {
    let body;
    try {
      body = await receiveWebhook(request, config.secret);
    } catch (err) {
      if (err instanceof WebhookVerificationError) return new Response("bad signature", { status: 401 });
      throw err;
    }
    for (const event of eventsOf(body)) {
      if (event.type !== "message.created") continue;
      const { chat, text, self } = event.data.message;
      if (self || !text || text.startsWith("echo: ")) continue; // never answer ourselves
      // The event id as idempotency key: a redelivered webhook does not send twice.
      await relay.actions.messageCreate(event.connection, { chat: { type: chat.type, id: chat.id }, content: `echo: ${text}` }, { idempotencyKey: event.id });
    }
    return new Response(null, { status: 204 });
  };
}

/** Serves a fetch handler with Node's http module; resolves with the port once listening. */
export async function serveNode(handler: (request: Request) => Promise<Response>, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const { createServer } = await import("node:http");
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await handler(
      new Request(`http://localhost${req.url}`, { method: req.method, headers, body: req.method === "GET" ? undefined : Buffer.concat(chunks) }),
    ).catch((err: unknown) => new Response(String(err), { status: 500 }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port: (server.address() as { port: number }).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

if (import.meta.main) {
  const env = process.env;
  if (!env.IMRELAY_TOKEN || !env.WEBHOOK_SECRET) throw new Error("set IMRELAY_TOKEN and WEBHOOK_SECRET (and IMRELAY_URL)");
  const bot = echoBot({ relayUrl: env.IMRELAY_URL ?? "http://127.0.0.1:8787", token: env.IMRELAY_TOKEN, secret: env.WEBHOOK_SECRET });
  const { port } = await serveNode(bot, Number(env.PORT ?? 3000));
  console.log(`echo bot listening on http://127.0.0.1:${port}/`);
}
