/**
 * Unified actions → roomim frames. Every frame carries a fresh `localId`, which the server
 * echoes in its answer (response 1, or a refusal code ≥ 2000): the plan awaits that key.
 *
 * Room and message ids go out as bare JSON numbers when they are all digits, exactly as the
 * seed writes them (`"room": 1858415724765278210`), without passing through a float.
 */
import type { Context, Plan, PlatformAction } from "../contract.ts";
import type { ActionParams } from "../../events/actions.ts";
import type { FieldError } from "../../lib/problem.ts";
import { exactNumber, isRecord, parseLossless } from "../../lib/json.ts";
import { ProblemError, problem } from "../../lib/problem.ts";
import * as kit from "../kit.ts";
import {
  DEFAULT_MENTIONED_CONTENT,
  MENTION_TYPE,
  MSG_TYPE,
  REQUEST,
  REVOKE_KEY_PREFIX,
  type MessagePayload,
  type OutgoingFrame,
  type RoomimConfig,
} from "./frames.ts";

type Ctx = Context<RoomimConfig>;

function socket(frame: unknown, key: string | null): Plan {
  return kit.socketPlan([JSON.stringify(frame)], key);
}

/** roomim's messages name what they refuse ("roomim cannot send file"): the detail is the messages. */
const invalid = (errors: FieldError[]): never => kit.invalid(errors, "messages");

export function planMessageCreate(params: ActionParams<"message.create">, ctx: Ctx): Plan {
  if (params.reply_to !== undefined) invalid([{ path: "reply_to", message: "roomim cannot quote a message" }]);

  let text = "";
  const mentioned: string[] = [];
  let everyone = false;
  const imgs: NonNullable<MessagePayload["imgs"]> = [];
  const errors: FieldError[] = [];
  params.content.forEach((el, i) => {
    switch (el.type) {
      case "text":
        text += el.text;
        break;
      case "mention":
        if (el.user_id === "all") everyone = true;
        else mentioned.push(el.user_id);
        break;
      case "image": {
        const img: (typeof imgs)[number] = { url: el.url, thumbnail: el.thumbnail ?? el.url };
        if (el.width !== undefined) img.width = el.width;
        if (el.height !== undefined) img.hight = el.height;
        imgs.push(img);
        break;
      }
      default:
        errors.push({ path: `content.${i}.type`, message: `roomim cannot send ${el.type}` });
    }
  });
  if (errors.length > 0) invalid(errors);

  // Key order as in the seed: mentionedInfo, imgs, then extras.
  const payload: MessagePayload = {};
  if (everyone || mentioned.length > 0) {
    payload.mentionedInfo = {
      type: everyone ? MENTION_TYPE.all : MENTION_TYPE.users,
      userIdList: mentioned,
      mentionedContent: text !== "" ? text : DEFAULT_MENTIONED_CONTENT,
    };
  }
  if (imgs.length > 0) payload.imgs = imgs;
  payload.extras = "";

  const localId = ctx.newKey();
  const frame: OutgoingFrame = {
    request: imgs.length > 0 ? REQUEST.image : REQUEST.text,
    msgType: imgs.length > 0 ? MSG_TYPE.image : MSG_TYPE.text,
    localId,
    room: exactNumber(params.chat.id),
    msgText: text,
    payload,
  };
  return socket(frame, localId);
}

export function planMessageDelete(params: ActionParams<"message.delete">, ctx: Ctx): Plan {
  const localId = `${REVOKE_KEY_PREFIX}${ctx.newKey()}`;
  const frame: OutgoingFrame = {
    request: ctx.config.revoke.request,
    msgType: ctx.config.revoke.msgType,
    localId,
    room: exactNumber(params.chat.id),
    msgId: exactNumber(params.message_id),
    msgText: "",
    payload: { extras: "" },
  };
  return socket(frame, localId);
}

/**
 * `upstream.raw`: a frame sent as given (a string verbatim, so its 64-bit ids keep their
 * digits; an object or array as JSON). When it carries a string `localId`, the answer to
 * that key is awaited; otherwise nothing is.
 */
export function planRaw(params: ActionParams<"upstream.raw">, _ctx: Ctx): Plan {
  if (!("frame" in params)) {
    throw new ProblemError(problem("unsupported_action", "roomim has no HTTP API"));
  }
  const { frame } = params;
  if (typeof frame === "string") {
    let key: string | null = null;
    try {
      key = localIdOf(parseLossless(frame));
    } catch {
      // Not JSON: sent as is, nothing to await.
    }
    return kit.socketPlan([frame], key);
  }
  return socket(frame, localIdOf(frame));
}

function localIdOf(frame: unknown): string | null {
  return isRecord(frame) && typeof frame.localId === "string" && frame.localId !== "" ? frame.localId : null;
}

export const actions: Readonly<Record<string, PlatformAction<RoomimConfig>>> = {
  "message.create": kit.unified("message.create", planMessageCreate),
  "message.delete": kit.unified("message.delete", planMessageDelete),
  "upstream.raw": kit.unified("upstream.raw", planRaw),
};
