/** GET /v1/platforms: generated from the adapters in the registry. */
import { Hono } from "hono";
import { describePlatform, PLATFORMS } from "../platforms/index.ts";
import type { AppEnv } from "./env.ts";

export const platforms = new Hono<AppEnv>();

platforms.get("/", (c) => c.json({ platforms: Object.values(PLATFORMS).map(describePlatform) }));
