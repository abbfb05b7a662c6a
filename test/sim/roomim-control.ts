// The roomim simulator's own HTTP control routes, beside the shared ones of base.ts (push,
// drop, terminate, refuse, received, connections, state, reset). JSON in and out; ids in
// request bodies may be bare numbers of any size or strings.
//
//   POST /control/push/{kind}   params of the push method  → { sent }
//        kinds: message, images, self, read, cleared, friendRequest, roomInit, revoked
//   POST /control/raw           body sent as a text frame  → { sent }
//   POST /control/binary        body sent as a binary frame → { bytes }
//   POST /control/block         { room, blocked? = true } → { room, blocked }
//   POST /control/mode          { mode, delayMs? } → { mode, delayMs }
//   GET  /control/state         → { clients, received, connections, mode, delayMs }

import { BadRequest, json, optional } from "./control.ts";
import type { PushTable } from "./base.ts";
import type { IdLike } from "./json.ts";
import type { Mode, RoomimSim } from "./roomim.ts";

export const ROOMIM_PUSHES: PushTable = {
  kinds: ["message", "images", "self", "read", "cleared", "friendRequest", "roomInit", "revoked"],
  field: "sent",
};

const MODES: readonly Mode[] = ["ack", "silent", "delay"];

export function roomimControl(sim: RoomimSim, route: string, body: Buffer, _query: URLSearchParams): unknown {
  switch (route) {
    case "POST /control/raw":
      return { sent: sim.raw(body.toString("utf8")) };
    case "POST /control/binary":
      return { bytes: sim.binary(new Uint8Array(body)).byteLength };
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
    default:
      return undefined;
  }
}
