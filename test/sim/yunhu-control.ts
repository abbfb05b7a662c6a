// The yunhu simulator's own HTTP control routes, beside the shared ones of base.ts (push,
// drop, terminate, refuse, script, received, connections, state, reset). JSON in and out;
// frame bytes as hex.
//
//   POST /control/push/{kind}   params of the push method → { hex } (the bytes sent)
//        kinds: pushMessage, recall, edit, blocked, stream, draft, fileSend, inviteApply
//   POST /control/raw           { hex } sent as a binary frame → { hex }
//   POST /control/text          body sent as a text frame → { sent }
//   POST /control/drop          { code? = 1012, reason?, terminate? } → { dropped }
//   POST /control/loginMode     { mode: "text" | "close" | "silent", refuseUnauthenticated? } → { mode, refuseUnauthenticated }
//   POST /control/heartbeats    { silent? = true } → { heartbeats } (false: acks stopped)
//   POST /control/echo          { echo? = true }: mirror API sends to the sockets → { echo }
//   POST /control/script        { route, code?, msg?, httpStatus?, body? (hex), delayMs?, always? }
//                               the next request on route ("send-message", "edit-message",
//                               "recall-msg") answers so; always: true every one does;
//                               { route, always: true, clear: true } removes it → { route, always, spec }
//   GET  /control/requests[?since=n]  API requests → { requests: [...] }
//   GET  /control/connections         → { connections: [...] } (each with loggedIn)
//   GET  /control/messages            messages pushed or sent → { messages: [...] }
//   GET  /control/state               → YunhuState

import type { PushTable } from "./base.ts";
import { BadRequest, json } from "./control.ts";
import { ScriptQueue } from "./script.ts";
import { ROUTES } from "./yunhu-api.ts";
import type { ScriptSpec } from "./yunhu-api.ts";
import type { LoginMode, YunhuSim } from "./yunhu.ts";

export const YUNHU_PUSHES: PushTable = {
  kinds: ["pushMessage", "recall", "edit", "blocked", "stream", "draft", "fileSend", "inviteApply"],
  field: "hex",
};

const LOGIN_MODES: readonly LoginMode[] = ["text", "close", "silent"];

/** Scripts for the API routes; bodies in hex, the message field named `msg` as in StatusResponse. */
export function yunhuScripts(): ScriptQueue<ScriptSpec> {
  return new ScriptQueue<ScriptSpec>({
    text: "msg",
    routes: ROUTES,
    checkBody: (body) => {
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(body.replace(/\s+/g, ""))) throw new BadRequest("body must be hex");
    },
  });
}

export function yunhuControl(sim: YunhuSim, route: string, body: Buffer, query: URLSearchParams): unknown {
  switch (route) {
    case "POST /control/raw": {
      const hex = json(body).hex;
      if (typeof hex !== "string") throw new BadRequest("hex is required");
      return { hex: sim.raw(hex) };
    }
    case "POST /control/text":
      return { sent: sim.text(body.toString("utf8")) };
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
    case "GET /control/requests":
      return { requests: sim.requests.slice(Number(query.get("since") ?? 0)) };
    case "GET /control/messages":
      return { messages: [...sim.messages.values()] };
    default:
      return undefined;
  }
}
