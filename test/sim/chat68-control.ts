// The chat68 simulator's own HTTP control routes, beside the shared ones of base.ts (push,
// drop, terminate, refuse, script, received, connections, state, reset). JSON in and out;
// ids in bodies may be bare numbers of any size or strings.
//
//   POST /control/push/{kind}   params of the push method → { sent }
//        kinds: message, recall, groupUpdate, shutupAll, readCancel
//   POST /control/raw           body sent as a text frame → { sent }
//   POST /control/binary        body sent as a binary frame → { bytes }
//   POST /control/greet         { greet? = true }: greet new sockets → { greet }
//   POST /control/resultDelay   { delayMs }: how long a send's result takes → { delayMs }
//   POST /control/echo          { echo? = true }: echo our sends as msgNew → { echo }
//   POST /control/script        { route, code?, errorDesc?, httpStatus?, body?, silent?, delayMs?, always?, clear? }
//                               routes: getApiUrl, getGroups, restart68, sendMsg, sendFile, request,
//                               the web API calls (UserInfo, ContactsList, ContactsDetail,
//                               ContactsApplyList, GroupDetail, GroupMemberList, GroupUpdate,
//                               GroupMemberShutup), sendResult, and the side API's /deleteMsg,
//                               /getApiUrl, /getGroups, /request, /restart68 (see chat68-client.ts)
//   GET  /control/sent          sends the client received → { sent: [...] }
//   GET  /control/deleted       recalls through /deleteMsg → { deleted: [...] }
//   GET  /control/requests[?since=n]  side API requests → { requests: [...] }
//   GET  /control/state         → { clients, received, connections, greet, sent, deleted, restarts, scripts }

import type { PushTable } from "./base.ts";
import { BadRequest, json, optional } from "./control.ts";
import type { Chat68Sim } from "./chat68.ts";

export const CHAT68_PUSHES: PushTable = {
  kinds: ["message", "recall", "groupUpdate", "shutupAll", "readCancel"],
  field: "sent",
};

export function chat68Control(sim: Chat68Sim, route: string, body: Buffer, query: URLSearchParams): unknown {
  switch (route) {
    case "POST /control/raw":
      return { sent: sim.raw(body.toString("utf8")) };
    case "POST /control/binary":
      return { bytes: sim.binary(new Uint8Array(body)).byteLength };
    case "POST /control/greet": {
      const greet = json(body).greet !== false;
      sim.greet(greet);
      return { greet };
    }
    case "POST /control/resultDelay": {
      const delayMs = optional(json(body), "delayMs", "number");
      if (delayMs === undefined || delayMs < 0) throw new BadRequest("delayMs must be a number ≥ 0");
      sim.client.resultDelayMs = delayMs;
      return { delayMs };
    }
    case "POST /control/echo": {
      const echo = json(body).echo !== false;
      sim.client.echo = echo;
      return { echo };
    }
    case "GET /control/sent":
      return { sent: sim.sent() };
    case "GET /control/deleted":
      return { deleted: sim.client.deleted };
    case "GET /control/requests":
      return { requests: sim.requests.slice(Number(query.get("since") ?? 0)) };
    default:
      return undefined;
  }
}
