// The roomim simulator's HTTP control API, for tests that cannot hold a reference to the
// simulator (code running inside workerd). JSON in and out; ids in request bodies may be
// bare numbers of any size or strings.
//
//   POST /control/push/{kind}   params of the push method  → { sent }
//        kinds: message, images, self, read, cleared, friendRequest, roomInit, revoked
//   POST /control/raw           body sent as a text frame  → { sent }
//   POST /control/binary        body sent as a binary frame → { bytes }
//   POST /control/drop          { code?, reason?, terminate? } → { dropped }
//   POST /control/refuse        { status: number | null } → { status }
//   POST /control/block         { room, blocked? = true } → { room, blocked }
//   POST /control/mode          { mode, delayMs? } → { mode, delayMs }
//   GET  /control/received[?since=n]  → { received: [...] }
//   GET  /control/connections         → { connections: [...] }
//   GET  /control/state               → { clients, received, connections, mode, delayMs }
//   POST /control/reset               → { reset: true }

import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequest, json, optional, serveControl } from "./control.ts";
import type { IdLike } from "./json.ts";
import type { Mode, RoomimSim } from "./roomim.ts";

const PUSH_KINDS = ["message", "images", "self", "read", "cleared", "friendRequest", "roomInit", "revoked"] as const;
type PushKind = (typeof PUSH_KINDS)[number];

const MODES: readonly Mode[] = ["ack", "silent", "delay"];

export function handleControl(sim: RoomimSim, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  return serveControl(req, res, path, (r, body, query) => route(sim, r, body, query));
}

function route(sim: RoomimSim, route: string, body: Buffer, query: URLSearchParams): unknown {
  const push = /^POST \/control\/push\/([A-Za-z]+)$/.exec(route)?.[1];
  if (push !== undefined) {
    if (!isPushKind(push)) throw new BadRequest(`unknown push kind "${push}"; one of ${PUSH_KINDS.join(", ")}`);
    return { sent: sim[push](json(body)) };
  }
  switch (route) {
    case "POST /control/raw":
      return { sent: sim.raw(body.toString("utf8")) };
    case "POST /control/binary":
      return { bytes: sim.binary(new Uint8Array(body)).byteLength };
    case "POST /control/drop": {
      const p = json(body);
      const dropped = p.terminate === true ? sim.terminate() : sim.drop(optional(p, "code", "number"), optional(p, "reason", "string"));
      return { dropped };
    }
    case "POST /control/refuse": {
      const status = json(body).status ?? null;
      if (status !== null && (typeof status !== "number" || status < 200 || status > 599)) {
        throw new BadRequest("status must be an HTTP status (200-599) or null");
      }
      sim.refuseUpgrades(status);
      return { status };
    }
    case "POST /control/block": {
      const p = json(body);
      const room = p.room;
      if (typeof room !== "string" && typeof room !== "number") throw new BadRequest("room is required");
      const blocked = p.blocked !== false;
      if (blocked) sim.block(room as IdLike);
      else sim.unblock(room as IdLike);
      return { room: String(room), blocked };
    }
    case "POST /control/mode": {
      const p = json(body);
      const mode = p.mode;
      if (!MODES.includes(mode as Mode)) throw new BadRequest(`mode must be one of ${MODES.join(", ")}`);
      const delayMs = optional(p, "delayMs", "number") ?? 0;
      sim.mode(mode as Mode, delayMs);
      return { mode, delayMs };
    }
    case "GET /control/received":
      return { received: sim.received.slice(Number(query.get("since") ?? 0)) };
    case "GET /control/connections":
      return { connections: sim.connections };
    case "GET /control/state":
      return sim.state();
    case "POST /control/reset":
      sim.reset();
      return { reset: true };
    default:
      return undefined;
  }
}

function isPushKind(kind: string): kind is PushKind {
  return (PUSH_KINDS as readonly string[]).includes(kind);
}


