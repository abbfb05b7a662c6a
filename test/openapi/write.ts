/** Writes the OpenAPI document to stdout or a file (`npm run openapi:lint` lints it with Redocly). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { openapi } from "../../src/api/openapi.ts";

const text = `${JSON.stringify(openapi(), null, 2)}\n`;
const out = process.argv[2];
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
} else process.stdout.write(text);
