// The yunhu simulator's HTTP control API, for tests that cannot hold a reference to the
// simulator (code running inside workerd). JSON in and out; frame bytes as hex.
//
//   POST /control/push/{kind}   params of the push method → { hex } (the bytes sent)
//        kinds: pushMessage, recall, edit, blocked, stream, draft, fileSend, inviteApply
//   POST /control/raw           { hex } sent as a binary frame → { hex }
//   POST /control/text          body sent as a text frame → { sent }
//   POST /control/drop          { code? = 1012, reason?, terminate? } → { dropped }
//   POST /control/terminate     kill every client's TCP connection → { dropped }
//   POST /control/refuse        { status: number | null } → { status }
//   POST /control/loginMode     { mode: "text" | "close" | "silent", refuseUnauthenticated? } → { mode, refuseUnauthenticated }
//   POST /control/heartbeats    { silent? = true } → { heartbeats } (false: acks stopped)
//   POST /control/echo          { echo? = true }: mirror API sends to the sockets → { echo }
//   POST /control/script        { route, code?, msg?, httpStatus?, body? (hex), delayMs?, always? }
//                               the next request on route ("send-message", "edit-message",
//                               "recall-msg") answers so; always: true every one does;
//                               { route, always: true, clear: true } removes it → { route, always, spec }
//   GET  /control/received[?since=n]  client frames → { received: [...] }
//   GET  /control/requests[?since=n]  API requests → { requests: [...] }
//   GET  /control/connections         → { connections: [...] } (each with loggedIn)
//   GET  /control/messages            messages pushed or sent → { messages: [...] }
//   GET  /control/state               → YunhuState
//   POST /control/reset               → { reset: true }

import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequest, json, optional, serveControl, type Params } from "./control.ts";
import { ROUTES } from "./yunhu-api.ts";
import type { Route, ScriptSpec } from "./yunhu-api.ts";
import type { LoginMode, YunhuSim } from "./yunhu.ts";

const PUSH_KINDS = ["pushMessage", "recall", "edit", "blocked", "stream", "draft", "fileSend", "inviteApply"] as const;
type PushKind = (typeof PUSH_KINDS)[number];

const LOGIN_MODES: readonly LoginMode[] = ["text", "close", "silent"];

export function handleControl(sim: YunhuSim, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  return serveControl(req, res, path, (r, body, query) => route(sim, r, body, query));
}

function route(sim: YunhuSim, route: string, body: Buffer, query: URLSearchParams): unknown {
  const push = /^POST \/control\/push\/([A-Za-z]+)$/.exec(route)?.[1];
  if (push !== undefined) {
    if (!isPushKind(push)) throw new BadRequest(`unknown push kind "${push}"; one of ${PUSH_KINDS.join(", ")}`);
    const method = sim[push] as (this: YunhuSim, p: Params) => string;
    return { hex: method.call(sim, json(body)) };
  }
  const since = Number(query.get("since") ?? 0);
  switch (route) {
    case "POST /control/raw": {
      const hex = json(body).hex;
      if (typeof hex !== "string") throw new BadRequest("hex is required");
      return { hex: sim.raw(hex) };
    }
    case "POST /control/text":
      return { sent: sim.text(body.toString("utf8")) };
    case "POST /control/drop": {
      const p = json(body);
      const dropped = p.terminate === true ? sim.terminate() : sim.drop(optional(p, "code", "number"), optional(p, "reason", "string"));
      return { dropped };
    }
    case "POST /control/terminate":
      return { dropped: sim.terminate() };
    case "POST /control/refuse": {
      const status = json(body).status ?? null;
      if (status !== null && (typeof status !== "number" || status < 200 || status > 599)) {
        throw new BadRequest("status must be an HTTP status (200-599) or null");
      }
      sim.refuseUpgrades(status);
      return { status };
    }
    case "POST /control/loginMode": {
      const p = json(body);
      if (!LOGIN_MODES.includes(p.mode as LoginMode)) throw new BadRequest(`mode must be one of ${LOGIN_MODES.join(", ")}`);
      sim.loginMode(p.mode as LoginMode);
      if (typeof p.refuseUnauthenticated === "boolean") sim.refuseUnauthenticated(p.refuseUnauthenticated);
      const state = sim.state();
      return { mode: state.loginMode, refuseUnauthenticated: state.refuseUnauthenticated };
    }
    case "POST /control/heartbeats": {
      const silent = json(body).silent !== false;
      sim.silenceHeartbeats(silent);
      return { heartbeats: !silent };
    }
    case "POST /control/echo": {
      const echo = json(body).echo !== false;
      sim.echoSends(echo);
      return { echo };
    }
    case "POST /control/script": {
      const p = json(body);
      const target = p.route;
      if (!(ROUTES as readonly unknown[]).includes(target)) throw new BadRequest(`route must be one of ${ROUTES.join(", ")}`);
      const always = p.always === true;
      if (always && p.clear === true) {
        sim.scriptAlways(target as Route, null);
        return { route: target, always, spec: null };
      }
      const spec = scriptSpec(p);
      if (always) sim.scriptAlways(target as Route, spec);
      else sim.script(target as Route, spec);
      return { route: target, always, spec };
    }
    case "GET /control/received":
      return { received: sim.received.slice(since) };
    case "GET /control/requests":
      return { requests: sim.requests.slice(since) };
    case "GET /control/connections":
      return { connections: sim.connections };
    case "GET /control/messages":
      return { messages: [...sim.messages.values()] };
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
  const msg = optional(p, "msg", "string");
  const httpStatus = optional(p, "httpStatus", "number");
  const body = optional(p, "body", "string");
  const delayMs = optional(p, "delayMs", "number");
  if (httpStatus !== undefined && (httpStatus < 100 || httpStatus > 599)) throw new BadRequest("httpStatus must be 100-599");
  if (delayMs !== undefined && delayMs < 0) throw new BadRequest("delayMs must not be negative");
  if (body !== undefined && !/^(?:[0-9a-fA-F]{2})*$/.test(body.replace(/\s+/g, ""))) throw new BadRequest("body must be hex");
  if (code !== undefined) spec.code = code;
  if (msg !== undefined) spec.msg = msg;
  if (httpStatus !== undefined) spec.httpStatus = httpStatus;
  if (body !== undefined) spec.body = body;
  if (delayMs !== undefined) spec.delayMs = delayMs;
  if (Object.keys(spec).length === 0) throw new BadRequest("a script needs code, httpStatus, body or delayMs");
  return spec;
}


