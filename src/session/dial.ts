/**
 * Opening an outbound WebSocket with `fetch` (so custom headers can be sent and a refused
 * upgrade shows its HTTP status), and classifying why it ended.
 */
import { deadline, isTimeout } from "../lib/deadline.ts";
import { errorText } from "../lib/problem.ts";
import type { Dial } from "../platforms/contract.ts";

export type DialResult =
  | { ok: true; socket: WebSocket }
  /** `refused`: the upstream turned the credentials down (401/403): the connection is `failed`. */
  | { ok: false; refused: boolean; error: string; status: number | null };

export async function openSocket(dial: Dial, timeoutMs: number): Promise<DialResult> {
  const url = dial.url.replace(/^ws(s?):\/\//i, "http$1://");
  const headers = new Headers(dial.headers);
  headers.set("Upgrade", "websocket");
  if (dial.protocols?.length) headers.set("Sec-WebSocket-Protocol", dial.protocols.join(", "));
  // The deadline covers the upgrade only: released at once, it must not outlive it and abort the socket.
  const upgrade = deadline(timeoutMs, "upgrade");
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: upgrade.signal });
  } catch (err) {
    return {
      ok: false,
      refused: false,
      status: null,
      error: isTimeout(err) ? `no answer to the upgrade within ${timeoutMs / 1000} s` : `cannot reach the upstream: ${errorText(err)}`,
    };
  } finally {
    upgrade.release();
  }
  const socket = response.webSocket;
  if (!socket) {
    await response.body?.cancel().catch(() => {});
    const refused = response.status === 401 || response.status === 403;
    return { ok: false, refused, status: response.status, error: `the upstream answered the upgrade with HTTP ${response.status}` };
  }
  socket.accept();
  (socket as unknown as { binaryType: string }).binaryType = "arraybuffer";
  return { ok: true, socket };
}
