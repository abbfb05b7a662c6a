/**
 * The unified action vocabulary (API.md): each action's params schema. Platform-specific
 * actions (`<platform>.<name>`) declare their schemas in their adapter.
 */
import * as z from "zod";
import { Content, id } from "./elements.ts";

export const ChatTarget = z.object({ type: z.enum(["private", "group"]), id });

const empty = z.object({}).strict();
const groupId = z.object({ group_id: id });

export const ACTION_PARAMS = {
  "message.create": z.object({ chat: ChatTarget, content: Content, reply_to: id.optional() }),
  "message.delete": z.object({ chat: ChatTarget, message_id: id }),
  "message.update": z.object({ chat: ChatTarget, message_id: id, content: Content }),
  "group.list": empty,
  "friend.list": empty,
  "group.get": groupId,
  "group.member.list": groupId,
  "group.create": z.object({ name: z.string().min(1) }),
  "group.update": z.object({ group_id: id, name: z.string().min(1).optional(), notice: z.string().optional() }),
  "group.mute": z.object({ group_id: id, user_id: id.optional(), duration_s: z.number().int().nonnegative() }),
  "group.kick": z.object({ group_id: id, user_id: id }),
  "group.invite": z.object({ group_id: id, user_id: id }),
  "group.admin.set": z.object({ group_id: id, user_id: id, admin: z.boolean() }),
  "group.leave": groupId,
  "request.approve": z.object({ request_id: id, comment: z.string().optional() }),
  "request.reject": z.object({ request_id: id, comment: z.string().optional() }),
  "user.get": z.object({ user_id: id }),
  "self.get": empty,
  "upstream.raw": z.union([
    z.object({ frame: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]) }).strict(),
    z
      .object({
        http: z.object({
          method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("POST"),
          path: z.string().startsWith("/"),
          body: z.unknown().optional(),
        }),
      })
      .strict(),
  ]),
} as const;

export type UnifiedAction = keyof typeof ACTION_PARAMS;
export type ActionParams<A extends UnifiedAction> = z.output<(typeof ACTION_PARAMS)[A]>;

export const UNIFIED_ACTIONS = Object.keys(ACTION_PARAMS) as UnifiedAction[];

export const isUnifiedAction = (name: string): name is UnifiedAction => Object.hasOwn(ACTION_PARAMS, name);

const Entity = z.looseObject({ id: z.string(), name: z.string().optional() });
const done = z.looseObject({});

/** Each unified action's result (the 200 body; a 202 carries `message_id: null` where there is one). */
export const ACTION_RESULTS = {
  "message.create": z.looseObject({ message_id: z.string().nullable(), timestamp: z.number().int().optional() }),
  "message.delete": done,
  "message.update": done,
  "group.list": z.looseObject({ groups: z.array(Entity) }),
  "friend.list": z.looseObject({ friends: z.array(Entity) }),
  "group.get": z.looseObject({ group: Entity }),
  "group.member.list": z.looseObject({ members: z.array(z.looseObject({ ...Entity.shape, role: z.string().optional() })) }),
  "group.create": z.looseObject({ group_id: z.string() }),
  "group.update": done,
  "group.mute": done,
  "group.kick": done,
  "group.invite": done,
  "group.admin.set": done,
  "group.leave": done,
  "request.approve": done,
  "request.reject": done,
  "user.get": z.looseObject({ user: Entity }),
  "self.get": z.looseObject({ user: Entity }),
  "upstream.raw": z.looseObject({}).describe("the upstream's answer, decoded"),
} as const satisfies Record<UnifiedAction, z.ZodType>;

export type ActionResult<A extends UnifiedAction> = z.output<(typeof ACTION_RESULTS)[A]>;
