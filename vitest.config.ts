import { defineConfig } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-plugin";

// Three projects, one per layer of testing:
// - unit:    pure code (adapters on the seeds' frames, lossless JSON, signing, schedules) in Node
// - workers: the Worker and its Durable Objects inside workerd, against simulators started in Node
// - e2e:     a real `wrangler dev` process, simulators and a verifying webhook sink
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/sim/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                RELAY_TOKEN: "test-token",
                ALLOW_PRIVATE_NETWORKS: "true",
                ACTION_TIMEOUT_MS: "1500",
                DIAL_TIMEOUT_MS: "1000",
                HEARTBEAT_INTERVAL_MS: "400",
                HEARTBEAT_TIMEOUT_MS: "300",
              },
            },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts"],
          globalSetup: ["test/workers/global-setup.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
