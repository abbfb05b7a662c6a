/** The bundle `wrangler deploy` would upload loads under workerd, within the size budget. */
import { expect, it } from "vitest";
import { measureBundle } from "../bench/bundle.ts";

it("the deploy bundle starts under workerd and stays under 250 KiB gzipped", async () => {
  const bundle = await measureBundle();
  expect(bundle.loadError).toBeNull();
  expect(bundle.healthz).toBe(200);
  expect(bundle.platforms).toEqual(expect.arrayContaining(["oicq", "roomim", "yunhu"]));
  expect(bundle.gzipKiB).toBeLessThan(250);
});
