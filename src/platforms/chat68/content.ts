/**
 * A chat68 message's `msgType` and `content` → content elements.
 *
 * | msgType                 | content on the wire                 | elements                                   |
 * |-------------------------|-------------------------------------|--------------------------------------------|
 * | 0 text                  | the text                            | mentions (`atUids`), then `text`           |
 * | 1 image                 | `url||thumbnail||size||0`           | `image {url, thumbnail}`                   |
 * | 2 voice                 | `url||seconds`                      | `audio {url, duration_s}`                  |
 * | 3 video, 100 stream     | `url||…`                            | `video {url}`                              |
 * | 7 file                  | `url||name||size`                   | `file {url, name, size}`                   |
 * | 8 notice                | the text                            | `text`                                     |
 * | 9 animated sticker      | `url||…`                            | `image {url}`                              |
 * | 11, 16 html             | the markup                          | `html`                                     |
 * | 12 dice                 | `points||nonce`                     | `emoji {id: "dice:<points>", text: "🎲<points>"}` |
 * | 17 image list           | a JSON array, or images joined by , | one `image` per entry                      |
 * | anything else           |                                     | `unknown {raw: {msgType, kind, content}}`  |
 *
 * The origin documents the packing of 1, 7 and 12; 2, 3, 9, 17 and 100 are read the same way
 * (the URL first), and whatever does not fit becomes an `unknown` element with the raw content.
 */
import type { Element } from "../../events/elements.ts";
import { idString, isRecord } from "../../lib/json.ts";
import { FIELD_SEPARATOR, MSG_TYPE, MSG_TYPE_NAME, type MsgNew } from "./frames.ts";

export function elements(d: MsgNew): Element[] {
  const content = d.content ?? "";
  const body = bodyOf(d.msgType, content, d);
  return body ?? [unknownElement(d.msgType, content)];
}

function bodyOf(msgType: number, content: string, d: MsgNew): Element[] | null {
  const fields = content.split(FIELD_SEPARATOR);
  const [first = "", second, third] = fields;
  switch (msgType) {
    case MSG_TYPE.text:
    case MSG_TYPE.notice:
      return [...mentions(d.atUids), ...(content !== "" ? [{ type: "text", text: content } as const] : [])];
    case MSG_TYPE.image:
      return isUrl(first) ? [image(first, second)] : null;
    case MSG_TYPE.gif:
      return isUrl(first) ? [image(first)] : null;
    case MSG_TYPE.voice: {
      if (!isUrl(first)) return null;
      const el: Extract<Element, { type: "audio" }> = { type: "audio", url: first };
      const seconds = count(second);
      if (seconds !== undefined) el.duration_s = seconds;
      return [el];
    }
    case MSG_TYPE.video:
    case MSG_TYPE.stream:
      return isUrl(first) ? [{ type: "video", url: first }] : null;
    case MSG_TYPE.file: {
      if (!isUrl(first)) return null;
      const el: Extract<Element, { type: "file" }> = { type: "file", url: first };
      const name = second ?? d.fileName;
      if (name) el.name = name;
      const size = count(third) ?? count(d.fileSize);
      if (size !== undefined) el.size = size;
      return [el];
    }
    case MSG_TYPE.html:
    case MSG_TYPE.html2:
      return [{ type: "html", text: content }];
    case MSG_TYPE.dice:
      return /^[1-6]$/.test(first) ? [{ type: "emoji", id: `dice:${first}`, text: `🎲${first}` }] : null;
    case MSG_TYPE.imageList:
      return imageList(content);
    default:
      return null;
  }
}

function mentions(uids: readonly unknown[] | undefined): Element[] {
  return (uids ?? []).flatMap((u): Element[] => {
    const id = idString(u);
    return id ? [{ type: "mention", user_id: id }] : [];
  });
}

function image(url: string, thumbnail?: string): Element {
  const el: Extract<Element, { type: "image" }> = { type: "image", url };
  if (thumbnail && isUrl(thumbnail)) el.thumbnail = thumbnail;
  return el;
}

function imageList(content: string): Element[] | null {
  let entries: unknown[];
  try {
    const parsed: unknown = JSON.parse(content);
    entries = Array.isArray(parsed) ? parsed : [];
  } catch {
    entries = content.split(",");
  }
  const out: Element[] = [];
  for (const entry of entries) {
    const packed = typeof entry === "string" ? entry : isRecord(entry) && typeof entry.url === "string" ? entry.url : "";
    const [url = "", thumb] = packed.trim().split(FIELD_SEPARATOR);
    if (!isUrl(url)) return null;
    out.push(image(url, thumb));
  }
  return out.length > 0 ? out : null;
}

export function unknownElement(msgType: number, content: string): Element {
  return { type: "unknown", raw: { msgType, kind: MSG_TYPE_NAME[msgType] ?? "unlisted", content } };
}

const isUrl = (value: string): boolean => /^https?:\/\/\S+$/i.test(value);

function count(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
