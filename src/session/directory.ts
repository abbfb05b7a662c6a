/**
 * The directory: which connections exist, so that they can be listed. Sessions stay the
 * source of truth for their own state; this only keeps ids and platforms.
 */
import { DurableObject } from "cloudflare:workers";

export class Directory extends DurableObject<Record<string, unknown>> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS connections (id TEXT PRIMARY KEY, platform TEXT NOT NULL, created_at INTEGER NOT NULL)");
  }

  register(id: string, platform: string): void {
    this.sql.exec(
      "INSERT INTO connections (id, platform, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET platform = excluded.platform",
      id,
      platform,
      Date.now(),
    );
  }

  unregister(id: string): void {
    this.sql.exec("DELETE FROM connections WHERE id = ?", id);
  }

  list(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM connections ORDER BY id")
      .toArray()
      .map((r) => r.id);
  }
}
