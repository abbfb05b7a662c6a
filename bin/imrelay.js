#!/usr/bin/env node
// The `imrelay` command (src/cli). Plain JavaScript so that an old Node gets a clear message:
// the CLI is TypeScript run by Node's type stripping (Node 22.18+; `npx imrelay` in this
// repository uses the Node 24 it installs).
if (!process.features?.typescript) {
  console.error(`imrelay needs Node 22.18 or newer (this is ${process.version}); in the repository, npx imrelay uses its own Node 24.`);
  process.exit(2);
}
const { main } = await import("../src/cli/main.ts");
const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
process.once("SIGTERM", () => controller.abort());
const code = await main(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  signal: controller.signal,
});
process.exit(code);
