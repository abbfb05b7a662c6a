/**
 * The readers of the stream benchmark, in their own process (so their parsing never competes
 * with the simulator that sends the frames): opens `readers` streams, prints "open" once all
 * are, and prints how many saw every `label i` (i < count) in order, then exits.
 *
 *   node test/bench/stream-readers.ts <url> <token> <connection> <after> <label> <count> <readers>
 */
import { createClient } from "../../src/client/index.ts";

const [url, token, connection, after, label, countText, readersText] = process.argv.slice(2) as string[];
const count = Number(countText);
const client = createClient({ url: url!, token: token! });
const controller = new AbortController();
let open = 0;
const readers = Array.from({ length: Number(readersText) }, async () => {
  const texts: string[] = [];
  let counted = false;
  for await (const event of client.events.stream(connection!, {
    after,
    type: "message.created",
    signal: controller.signal,
    onStatus: (s) => {
      if (s.state === "open" && !counted && (counted = true) && ++open === Number(readersText)) console.log("open");
    },
  })) {
    if (event.type === "message.created" && event.data.message.text.startsWith(`${label} `)) texts.push(event.data.message.text);
    if (texts.length === count) break;
  }
  return texts.join("\n") === Array.from({ length: count }, (_, i) => `${label} ${i}`).join("\n");
});
const timer = setTimeout(() => controller.abort(), 120_000);
const complete = (await Promise.all(readers.map((r) => r.catch((err: unknown) => (console.error(`a reader failed: ${String(err)}`), false))))).filter(
  Boolean,
).length;
clearTimeout(timer);
console.log(JSON.stringify({ complete }));
