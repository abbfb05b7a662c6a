/** What a command talks to: output lines, the environment, and Ctrl-C. */
import type { StreamStatus } from "../client/index.ts";

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C: long-running commands end cleanly. */
  signal: AbortSignal;
}

export function reportStatus(status: StreamStatus, io: Io): void {
  if (status.state === "reconnecting") {
    const why = status.error instanceof Error ? status.error.message : String(status.error);
    io.err(`… stream dropped (${why}); reconnecting in ${Math.round(status.inMs / 100) / 10} s`);
  }
}
