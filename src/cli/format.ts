/**
 * One readable line per event (`imrelay tail`, the demo's sink):
 *   12:00:01.234  message.created          room 1858689382414958593 from 1860863094709035009: "hi"
 */

/** Local wall-clock time with milliseconds. */
export function clock(at: number = Date.now()): string {
  const d = new Date(at);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

type Data = Record<string, unknown>;

export function formatEvent(at: number, type: string, data: unknown): string {
  return `${clock(at)}  ${type.padEnd(24)} ${summarize(type, asData(data))}`;
}

export function summarize(type: string, data: Data): string {
  const message = asData(data.message);
  const chat = asData(message.chat ?? data.chat);
  const where = chat.id !== undefined ? `room ${short(chat.id)}` : "";
  switch (type) {
    case "message.created":
    case "message.updated": {
      const self = message.self === true ? " (self)" : "";
      return `${where} from ${short(asData(message.sender).id)}${self}: ${quote(message.text)}`;
    }
    case "message.appended":
      return `${where} msg ${short(message.id)} += ${quote(data.text)}`;
    case "message.deleted": {
      const by = data.operator === undefined ? "" : ` by ${short(asData(data.operator).id)}`;
      return `${where} msg ${short(message.id)}${by}`;
    }
    case "message.read":
    case "chat.cleared":
      return message.id === undefined ? where : `${where} up to ${short(message.id)}`;
    case "friend.requested": {
      const request = asData(data.request);
      const comment = request.comment === undefined ? "" : `: ${quote(request.comment)}`;
      return `from ${short(asData(request.user).id)} (request ${short(request.id)})${comment}`;
    }
    case "friend.added":
    case "friend.removed":
      return `user ${short(asData(data.user).id)}`;
    case "connection.connected":
    case "connection.disconnected":
    case "connection.failed":
      return [
        data.code !== undefined ? `code ${String(data.code)}` : "",
        data.reason ? quote(data.reason) : "",
        data.retry_in_ms !== undefined ? `retry in ${String(data.retry_in_ms)} ms` : "",
      ]
        .filter(Boolean)
        .join(" ");
    case "webhook.test":
      return "a test event (POST …/webhook/test)";
    default:
      return truncate(JSON.stringify(data), 100);
  }
}

/** Ids in full: 19-digit ids arrive intact. */
function short(id: unknown): string {
  return id === undefined || id === null ? "?" : String(id);
}

function quote(text: unknown): string {
  return JSON.stringify(truncate(typeof text === "string" ? text : String(text ?? ""), 60));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function asData(value: unknown): Data {
  return typeof value === "object" && value !== null ? (value as Data) : {};
}
