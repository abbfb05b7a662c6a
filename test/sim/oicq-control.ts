// The oicq simulator's HTTP control API, for tests that cannot hold a reference to the
// simulator (code running inside workerd). JSON in and out; QQ numbers are plain numbers.
//
//   POST /control/push/{kind}   params of the push method  → { sent }
//        kinds: privateMessage, groupMessage, revoke, online, offline, newFriendRequest,
//               groupInvite, friendAdded, friendRemoved, groupJoined, groupLeft,
//               joinRequest, mute, admin, memberJoined, memberLeft
//   POST /control/raw           body sent as a text frame  → { sent }
//   POST /control/binary        body sent as a binary frame → { bytes }
//   POST /control/drop          { code? = 1001, reason?, terminate? } → { dropped }
//   POST /control/terminate     kill every client's TCP connection → { dropped }
//   POST /control/pause         { paused? = true }: a hung daemon (no pings or pongs, HTTP held) → { paused }
//   POST /control/stopPinging   { stopped? = true } → { pinging }
//   POST /control/refuse        { status: number | null } → { status }
//   POST /control/script        { route, code?, message?, httpStatus?, body?, delayMs?, always? }
//                               one request on route (e.g. "sendMsg/group") answers so; with
//                               always: true every request does; { route, always: true, clear: true }
//                               removes it → { route, always, spec }
//   GET  /control/requests[?since=n]  action API requests → { requests: [...] }
//   GET  /control/received[?since=n]  client frames → { received: [...] }
//   GET  /control/connections         → { connections: [...] }
//   GET  /control/terminations        clients the ping rule killed → { terminations: [...] }
//   GET  /control/sent                messages sent through sendMsg/* → { sent: [...] }
//   GET  /control/state               → { clients, received, requests, connections, terminations,
//                                         sent, paused, pinging, refuse, pingIntervalMs, scripts }
//   POST /control/reset               → { reset: true }

import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequest, json, optional, serveControl, type Params } from "./control.ts";
import type { OicqSim, ScriptSpec } from "./oicq.ts";

const PUSH_KINDS = [
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
] as const;
type PushKind = (typeof PUSH_KINDS)[number];

export function handleControl(sim: OicqSim, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  return serveControl(req, res, path, (r, body, query) => route(sim, r, body, query));
}

function route(sim: OicqSim, route: string, body: Buffer, query: URLSearchParams): unknown {
  const push = /^POST \/control\/push\/([A-Za-z]+)$/.exec(route)?.[1];
  if (push !== undefined) {
    if (!isPushKind(push)) throw new BadRequest(`unknown push kind "${push}"; one of ${PUSH_KINDS.join(", ")}`);
    const params = json(body);
    const method = sim[push] as (this: OicqSim, p: Params) => string;
    return { sent: method.call(sim, params) };
  }
  const since = Number(query.get("since") ?? 0);
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
    case "POST /control/terminate":
      return { dropped: sim.terminate() };
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
    case "POST /control/refuse": {
      const status = json(body).status ?? null;
      if (status !== null && (typeof status !== "number" || status < 200 || status > 599)) {
        throw new BadRequest("status must be an HTTP status (200-599) or null");
      }
      sim.refuseUpgrades(status);
      return { status };
    }
    case "POST /control/script": {
      const p = json(body);
      const target = p.route;
      if (typeof target !== "string" || target === "") throw new BadRequest("route is required, e.g. \"sendMsg/group\"");
      const always = p.always === true;
      if (always && p.clear === true) {
        sim.scriptAlways(target, null);
        return { route: target, always, spec: null };
      }
      const spec = scriptSpec(p);
      if (always) sim.scriptAlways(target, spec);
      else sim.script(target, spec);
      return { route: target, always, spec };
    }
    case "GET /control/requests":
      return { requests: sim.requests.slice(since) };
    case "GET /control/received":
      return { received: sim.received.slice(since) };
    case "GET /control/connections":
      return { connections: sim.connections };
    case "GET /control/terminations":
      return { terminations: sim.terminations };
    case "GET /control/sent":
      return { sent: sim.sent };
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

function scriptSpec(p: Params): ScriptSpec {
  const spec: ScriptSpec = {};
  const code = optional(p, "code", "number");
  const message = optional(p, "message", "string");
  const httpStatus = optional(p, "httpStatus", "number");
  const body = optional(p, "body", "string");
  const delayMs = optional(p, "delayMs", "number");
  if (httpStatus !== undefined && (httpStatus < 100 || httpStatus > 599)) throw new BadRequest("httpStatus must be 100-599");
  if (delayMs !== undefined && delayMs < 0) throw new BadRequest("delayMs must not be negative");
  if (code !== undefined) spec.code = code;
  if (message !== undefined) spec.message = message;
  if (httpStatus !== undefined) spec.httpStatus = httpStatus;
  if (body !== undefined) spec.body = body;
  if (delayMs !== undefined) spec.delayMs = delayMs;
  if (Object.keys(spec).length === 0) throw new BadRequest("a script needs code, httpStatus, body or delayMs");
  return spec;
}


