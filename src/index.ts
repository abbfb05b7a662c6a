/**
 * imrelay Worker entry: the HTTP API, the Durable Object classes, and a cron watchdog that
 * makes sure every enabled session is up (belt and braces beside each session's own alarm).
 */
import { app } from "./api/app.ts";
import { directoryOf, sessionOf, type Env } from "./api/env.ts";

export { ConnectionSession } from "./session/session.ts";
export { Directory } from "./session/directory.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    const ids = await directoryOf(env).list();
    await Promise.all(ids.map((id) => sessionOf(env, id).ensureRunning()));
  },
} satisfies ExportedHandler<Env>;
