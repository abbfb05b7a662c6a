import type { ConnectionSession } from "../session/session.ts";
import type { Directory } from "../session/directory.ts";
import type { SessionEnv } from "../session/settings.ts";

/** The Worker's bindings: the Durable Objects, the token, and the sessions' settings (session/settings.ts). */
export interface Env extends SessionEnv {
  SESSIONS: DurableObjectNamespace<ConnectionSession>;
  DIRECTORY: DurableObjectNamespace<Directory>;
  /** The bearer token every /v1 route needs (a Worker secret). */
  RELAY_TOKEN?: string;
  /** How often an idle event stream gets a keep-alive comment (default 15000). */
  STREAM_KEEPALIVE_MS?: string;
  /** "true" lifts the network guard for local development (simulators on 127.0.0.1). */
  ALLOW_PRIVATE_NETWORKS?: string;
}

export type AppEnv = { Bindings: Env };

type Remote<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

/** The session's RPC surface as the Worker calls it (results are plain structured-clone data). */
export type SessionRpc = Remote<
  Pick<
    ConnectionSession,
    | "configure"
    | "update"
    | "describe"
    | "remove"
    | "reconnect"
    | "ensureRunning"
    | "perform"
    | "listEvents"
    | "listDeliveries"
    | "getDelivery"
    | "retryDeliveries"
    | "streamEvents"
    | "testWebhook"
    | "stats"
    | "rotateSecret"
  >
>;
export type DirectoryRpc = Remote<Pick<Directory, "register" | "unregister" | "list">>;

export const sessionOf = (env: Env, id: string): SessionRpc => env.SESSIONS.get(env.SESSIONS.idFromName(id)) as unknown as SessionRpc;
export const directoryOf = (env: Env): DirectoryRpc => env.DIRECTORY.get(env.DIRECTORY.idFromName("directory")) as unknown as DirectoryRpc;
