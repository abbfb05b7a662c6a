// The oicq simulator's own HTTP control routes, beside the shared ones of base.ts (push,
// drop, terminate, refuse, script, received, connections, state, reset). JSON in and out;
// QQ numbers are plain numbers.
//
//   POST /control/push/{kind}   params of the push method  → { sent }
//        kinds: privateMessage, groupMessage, revoke, online, offline, newFriendRequest,
//               groupInvite, friendAdded, friendRemoved, groupJoined, groupLeft,
//               joinRequest, mute, admin, memberJoined, memberLeft
//   POST /control/raw           body sent as a text frame  → { sent }
//   POST /control/binary        body sent as a binary frame → { bytes }
//   POST /control/drop          { code? = 1001, reason?, terminate? } → { dropped }
//   POST /control/pause         { paused? = true }: a hung daemon (no pings or pongs, HTTP held) → { paused }
//   POST /control/stopPinging   { stopped? = true } → { pinging }
//   POST /control/script        { route, code?, message?, httpStatus?, body?, delayMs?, always? }
//                               one request on route (e.g. "sendMsg/group") answers so; with
//                               always: true every request does; { route, always: true, clear: true }
//                               removes it → { route, always, spec }
//   GET  /control/requests[?since=n]  action API requests → { requests: [...] }
//   GET  /control/terminations        clients the ping rule killed → { terminations: [...] }
//   GET  /control/sent                messages sent through sendMsg/* → { sent: [...] }
//   GET  /control/state               → { clients, received, requests, connections, terminations,
//                                         sent, paused, pinging, refuse, pingIntervalMs, scripts }

import type { PushTable } from "./base.ts";
import { json } from "./control.ts";
import { routeKey } from "./oicq-api.ts";
import type { OicqSim, ScriptSpec } from "./oicq.ts";
import { ScriptQueue } from "./script.ts";

export const OICQ_PUSHES: PushTable = {
  kinds: [
    "privateMessage",
    "groupMessage",
    "revoke",
    "online",
    "offline",
    "newFriendRequest",
    "groupInvite",
    "friendAdded",
    "friendRemoved",
    "groupJoined",
    "groupLeft",
    "joinRequest",
    "mute",
    "admin",
    "memberJoined",
    "memberLeft",
  ],
  field: "sent",
};

/** Scripts for the action API, keyed as Express matches routes (case-insensitive, no slashes). */
export function oicqScripts(): ScriptQueue<ScriptSpec> {
  return new ScriptQueue<ScriptSpec>({ text: "message", example: '"sendMsg/group"', key: routeKey });
}

export function oicqControl(sim: OicqSim, route: string, body: Buffer, query: URLSearchParams): unknown {
  switch (route) {
    case "POST /control/raw":
      return { sent: sim.raw(body.toString("utf8")) };
    case "POST /control/binary":
      return { bytes: sim.binary(new Uint8Array(body)).byteLength };
    case "POST /control/pause": {
      const paused = json(body).paused !== false;
      sim.pause(paused);
      return { paused };
    }
    case "POST /control/stopPinging": {
      const stopped = json(body).stopped !== false;
      sim.stopPinging(stopped);
      return { pinging: !stopped };
    }
    case "GET /control/requests":
      return { requests: sim.requests.slice(Number(query.get("since") ?? 0)) };
    case "GET /control/terminations":
      return { terminations: sim.terminations };
    case "GET /control/sent":
      return { sent: sim.sent };
    default:
      return undefined;
  }
}
