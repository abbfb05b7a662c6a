/**
 * `imrelay`: the relay from a terminal. Configured by IMRELAY_URL (default the local
 * `wrangler dev`, http://127.0.0.1:8787) and IMRELAY_TOKEN, or --url / --token.
 *
 * Exit codes: 0 done; 1 the relay answered with a problem; 2 wrong usage or configuration;
 * 3 the relay (or, for listen, nothing else) cannot be reached.
 */
import { createClient, eventIdAt, ImrelayError, type Client, type Event } from "../client/index.ts";
import { VERSION } from "../version.ts";
import { flag, onlyFlags, parseArgs, UsageError, type Args } from "./args.ts";
import { formatEvent } from "./format.ts";
import { reportStatus, type Io } from "./io.ts";
import { listen } from "./listen.ts";

const USAGE = `imrelay ${VERSION}: a terminal for an imrelay relay

Usage:
  imrelay connections [--json]                          the connections and their state
  imrelay tail <conn> [--type <pattern>] [--json] [--all | --after <event id>]
                                                        live events, one line each
  imrelay listen <conn> --forward-to <url> [--type <pattern>] [--secret <whsec_…>] [--all | --after <event id>]
                                                        POST each live event to a local URL, signed
  imrelay send <conn> <private|group> <chat id> <text>  send a text message
  imrelay retry <conn> [event id…]                      requeue failed deliveries (or these)
  imrelay test <conn>                                   store and deliver a webhook.test event

Options: --url (IMRELAY_URL, default http://127.0.0.1:8787), --token (IMRELAY_TOKEN).
tail and listen start with the events stored from now on (--all: every stored one) and
resume by themselves after a drop. Exit codes: 0 ok, 1 the relay refused, 2 usage, 3 unreachable.`;

const BOOLEANS = ["json", "all", "help"];
const COMMON = ["url", "token", "help"];

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv, BOOLEANS);
    const [command, ...rest] = args.positionals;
    if (!command || command === "help" || args.flags.has("help")) {
      io.out(USAGE);
      return command || args.flags.has("help") ? 0 : 2;
    }
    const url = flag(args, "url") ?? io.env.IMRELAY_URL ?? "http://127.0.0.1:8787";
    const token = flag(args, "token") ?? io.env.IMRELAY_TOKEN;
    if (!token) throw new UsageError("set IMRELAY_TOKEN (the relay's RELAY_TOKEN) or pass --token");
    const client = createClient({ url, token });
    const positional = { ...args, positionals: rest };
    switch (command) {
      case "connections":
        return await connections(client, positional, io);
      case "tail":
        return await tail(client, positional, io);
      case "listen":
        onlyFlags(positional, [...COMMON, "json", "type", "forward-to", "secret", "all", "after"]);
        return await listen(
          client,
          connection(positional),
          {
            forwardTo: required(positional, "forward-to"),
            secret: flag(positional, "secret"),
            type: flag(positional, "type"),
            after: await startAfter(client, positional),
          },
          io,
        );
      case "send":
        return await send(client, positional, io);
      case "retry":
        return await retry(client, positional, io);
      case "test":
        return await test(client, positional, io);
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (err) {
    if (io.signal.aborted) return 0;
    if (err instanceof UsageError) {
      io.err(`imrelay: ${err.message}\nRun imrelay --help for usage.`);
      return 2;
    }
    if (err instanceof ImrelayError) {
      io.err(`imrelay: ${err.message}`);
      for (const e of err.problem?.errors ?? []) io.err(`  ${e.path || "(body)"}: ${e.message}`);
      if (err.problem?.upstream) io.err(`  upstream said: ${JSON.stringify(err.problem.upstream)}`);
      return err.status === 0 ? 3 : 1;
    }
    throw err;
  }
}

function connection(args: Args): string {
  const id = args.positionals[0];
  if (!id) throw new UsageError("which connection? (imrelay connections lists them)");
  return id;
}

function required(args: Args, name: string): string {
  const value = flag(args, name);
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

/** Where a live command starts: --after, --all (the oldest stored), or the relay's now. */
async function startAfter(client: Client, args: Args): Promise<string | undefined> {
  const after = flag(args, "after");
  if (after) return after;
  if (args.flags.has("all")) return undefined;
  // The relay's clock, not ours: the events stored from this second on.
  return eventIdAt(await client.relayTime());
}

async function connections(client: Client, args: Args, io: Io): Promise<number> {
  onlyFlags(args, [...COMMON, "json"]);
  const { connections } = await client.connections.list();
  if (args.flags.has("json")) {
    io.out(JSON.stringify(connections, null, 2));
    return 0;
  }
  if (connections.length === 0) {
    io.out("no connections yet (create one with PUT /v1/connections/{id})");
    return 0;
  }
  const rows = connections.map((c) => [
    c.id,
    c.platform,
    c.enabled ? c.status.state : "disabled",
    `${c.stats.received}`,
    `${c.stats.pending}`,
    `${c.stats.failed}`,
    c.webhook.disabled ? "webhook disabled (410)" : (c.status.last_error ?? ""),
  ]);
  table(["ID", "PLATFORM", "STATE", "RECEIVED", "PENDING", "FAILED", "NOTE"], rows, io);
  return 0;
}

function table(head: string[], rows: string[][], io: Io): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [head, ...rows])
    io.out(
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    );
}

async function tail(client: Client, args: Args, io: Io): Promise<number> {
  onlyFlags(args, [...COMMON, "json", "type", "all", "after"]);
  const id = connection(args);
  const json = args.flags.has("json");
  const after = await startAfter(client, args);
  await client.connections.get(id); // a 404 now, not a silent stream
  io.err(`Tailing ${id}${flag(args, "type") ? ` (${flag(args, "type")})` : ""}. Ctrl-C to stop.`);
  const events = client.events.stream(id, { after, type: flag(args, "type"), signal: io.signal, onStatus: (s) => reportStatus(s, io) });
  for await (const event of events) io.out(json ? JSON.stringify(event) : line(event));
  return 0;
}

const line = (event: Event): string => formatEvent(event.timestamp, event.type, event.data);

async function send(client: Client, args: Args, io: Io): Promise<number> {
  onlyFlags(args, [...COMMON, "json"]);
  const [id, type, chatId, ...words] = args.positionals;
  if (!id || !chatId || words.length === 0) throw new UsageError("usage: imrelay send <conn> <private|group> <chat id> <text>");
  if (type !== "private" && type !== "group") throw new UsageError(`the chat type is private or group, not ${type}`);
  const result = await client.actions.messageCreate(id, { chat: { type, id: chatId }, content: words.join(" ") });
  io.out(
    args.flags.has("json")
      ? JSON.stringify(result)
      : result.message_id
        ? `sent: message ${result.message_id}`
        : "accepted (the platform gives no confirmation)",
  );
  return 0;
}

async function retry(client: Client, args: Args, io: Io): Promise<number> {
  onlyFlags(args, [...COMMON, "json"]);
  const [id, ...eventIds] = args.positionals;
  if (!id) throw new UsageError("usage: imrelay retry <conn> [event id…]");
  const { requeued } = await client.deliveries.retry(id, eventIds.length ? eventIds : undefined);
  io.out(args.flags.has("json") ? JSON.stringify({ requeued }) : `requeued ${requeued} deliver${requeued === 1 ? "y" : "ies"}`);
  return 0;
}

async function test(client: Client, args: Args, io: Io): Promise<number> {
  onlyFlags(args, [...COMMON, "json"]);
  const { event_id } = await client.connections.testWebhook(connection(args));
  io.out(args.flags.has("json") ? JSON.stringify({ event_id }) : `stored ${event_id}; its delivery follows (imrelay tail shows it)`);
  return 0;
}
