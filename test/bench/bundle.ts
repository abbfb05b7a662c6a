/**
 * The deployable bundle: built with `wrangler deploy --dry-run`, measured raw and gzipped
 * (level 9), and loaded under workerd through Miniflare to show it actually starts and
 * answers /healthz.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { ROOT } from "../harness/relay.ts";

export interface BundleFigures {
  file: string;
  rawKiB: number;
  gzipKiB: number;
  /** The status /healthz answered under workerd, or null when the bundle did not load. */
  healthz: number | null;
  /** Platform names GET /v1/platforms listed under workerd (the adapters load and describe themselves). */
  platforms: string[];
  loadError: string | null;
}

const run = promisify(execFile);

export async function measureBundle(): Promise<BundleFigures> {
  const outdir = await mkdtemp(join(tmpdir(), "imrelay-bundle-"));
  try {
    await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", CI: "true" },
      maxBuffer: 16 * 1024 * 1024,
    });
    const files = (await readdir(outdir)).filter((f) => f.endsWith(".js") || f.endsWith(".mjs"));
    if (files.length !== 1) throw new Error(`expected one bundled module in ${outdir}, found: ${files.join(", ") || "none"}`);
    const file = join(outdir, files[0]!);
    const code = await readFile(file);
    const figures: BundleFigures = {
      file: files[0]!,
      rawKiB: (await stat(file)).size / 1024,
      gzipKiB: gzipSync(code, { level: 9 }).length / 1024,
      healthz: null,
      platforms: [],
      loadError: null,
    };
    // This Miniflare takes a per-worker `config` shape; the classic options convert to it.
    // modulesRoot: the bundle lives outside the working directory, which workerd refuses.
    let mf: Miniflare | null = null;
    try {
      mf = new Miniflare(
        convertV4MiniflareOptions({
          modules: true,
          modulesRoot: outdir,
          scriptPath: file,
          compatibilityDate: "2026-11-01",
          compatibilityFlags: ["nodejs_compat"],
          durableObjects: {
            SESSIONS: { className: "ConnectionSession", useSQLite: true },
            DIRECTORY: { className: "Directory", useSQLite: true },
          },
          bindings: { RELAY_TOKEN: "bundle-check" },
        }),
      );
      const res = await mf.dispatchFetch("http://bundle.check/healthz");
      await res.text();
      figures.healthz = res.status;
      const listed = await mf.dispatchFetch("http://bundle.check/v1/platforms", { headers: { authorization: "Bearer bundle-check" } });
      figures.platforms = ((await listed.json()) as { platforms: { name: string }[] }).platforms.map((p) => p.name);
    } catch (error) {
      figures.loadError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    } finally {
      await mf?.dispose().catch(() => {});
    }
    return figures;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

if (import.meta.main) console.log(await measureBundle());
