// The wschat simulator's own HTTP control routes, beside the shared ones of base.ts (push,
// drop, terminate, refuse, script, received, connections, state, reset). JSON in and out.
//
//   POST /control/push/message  { from?, to | group, content?, timestamp? } → { sent: frame }
//   POST /control/push/raw      { to?, text }                   → { sent: text }
//   POST /control/group         { id?, name, managerId, usersId } → { group }
//   POST /control/invite        { from, group, to }             → { status, body }  (as POST /api/request)
//   POST /control/block         { user, from, blocked? = true } → { user, from, blocked }
//   POST /control/disconnect    { user }                        → { dropped }  (close that user's sockets)
//   POST /control/refuse-user   { user, status | null }         → { user, status } (refuse that user's upgrades)
//   POST /control/pause         { paused }                      → { paused }   (every REST request hangs)
//   POST /control/hold-drops    { on, user? }                   → { on }       (park dropping offline fetches, of one user or all)
//   POST /control/release-drops { apply }                       → { released }
//   GET  /control/offline?user=     → { messages }  (what waits for the user)
//   GET  /control/requests?since=n  → { requests }  (REST requests in order)
//   GET  /control/groups            → { groups }
//   GET  /control/invitations       → { invitations }
//   GET  /control/discarded         → { discarded } (frames not delivered: blocked, offline)
//   POST /control/script        { route: "GET /api/message", user?, httpStatus?, body?, delayMs?, silent?, always?, clear? }
//                               (`user`: only that user's requests; routes are SCRIPT_ROUTES of wschat.ts)

import type { PushTable } from "./base.ts";
import { BadRequest, json } from "./control.ts";
import type { WschatSim } from "./wschat.ts";

export const WSCHAT_PUSHES: PushTable = { kinds: ["message", "raw"], field: "sent" };

function str(p: Record<string, unknown>, key: string): string {
  const value = p[key];
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || value === "") throw new BadRequest(`${key} is required`);
  return value;
}

function flag(p: Record<string, unknown>, key: string): boolean {
  const value = p[key];
  if (typeof value !== "boolean") throw new BadRequest(`${key} must be true or false`);
  return value;
}

export function wschatControl(sim: WschatSim, route: string, body: Buffer, query: URLSearchParams): unknown {
  switch (route) {
    case "POST /control/group": {
      const p = json(body);
      const members = p.usersId ?? [];
      if (!Array.isArray(members)) throw new BadRequest("usersId must be an array");
      const id = p.id === undefined ? undefined : str(p, "id");
      return { group: sim.addGroup({ ...(id !== undefined && { id }), name: str(p, "name"), managerId: str(p, "managerId"), usersId: members.map(String) }) };
    }
    case "POST /control/invite": {
      const p = json(body);
      return sim.invite({ from: str(p, "from"), group: str(p, "group"), to: str(p, "to") });
    }
    case "POST /control/block": {
      const p = json(body);
      const blocked = p.blocked !== false;
      sim.model.block(str(p, "user"), str(p, "from"), blocked);
      return { user: p.user, from: p.from, blocked };
    }
    case "POST /control/disconnect":
      return { dropped: sim.disconnect(str(json(body), "user")) };
    case "POST /control/refuse-user": {
      const p = json(body);
      const status = p.status ?? null;
      if (status !== null && (typeof status !== "number" || status < 200 || status > 599))
        throw new BadRequest("status must be an HTTP status (200-599) or null");
      sim.refuseUser(str(p, "user"), status);
      return { user: p.user, status };
    }
    case "POST /control/pause": {
      const paused = flag(json(body), "paused");
      sim.pause(paused);
      return { paused };
    }
    case "POST /control/hold-drops": {
      const p = json(body);
      const on = flag(p, "on");
      sim.holdDrops(on, p.user === undefined ? undefined : str(p, "user"));
      return { on };
    }
    case "POST /control/script":
      return sim.scriptFromControl(json(body));
    case "POST /control/release-drops":
      return { released: sim.releaseDrops(flag(json(body), "apply")) };
    case "GET /control/offline": {
      const user = query.get("user");
      if (!user) throw new BadRequest("user is required");
      return { messages: sim.model.offline.get(user) ?? [] };
    }
    case "GET /control/requests":
      return { requests: sim.requests.slice(Number(query.get("since") ?? 0)) };
    case "GET /control/groups":
      return { groups: [...sim.model.groups.values()] };
    case "GET /control/invitations":
      return { invitations: [...sim.model.invitations.values()] };
    case "GET /control/discarded":
      return { discarded: sim.model.discarded };
    default:
      return undefined;
  }
}
