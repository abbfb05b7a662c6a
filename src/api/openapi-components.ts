/**
 * The OpenAPI document's components, generated from zod: request schemas (io "input"),
 * responses and events (io "output"), per-platform connection bodies, action params and
 * results, and the event union with per-platform variants of platform-specific types.
 */
import * as z from "zod";
import { ACTION_PARAMS, ACTION_RESULTS, ChatTarget, isUnifiedAction } from "../events/actions.ts";
import { Element } from "../events/elements.ts";
import * as P from "../events/payloads.ts";
import { Event, EVENT_DATA, EVENT_SCHEMAS, EventBatch, PLATFORM_EVENT_DATA, platformVariant } from "../events/payloads.ts";
import { EVENT_TYPES } from "../events/types.ts";
import { describePlatform, PLATFORMS } from "../platforms/index.ts";
import * as S from "./schemas.ts";

export type Json = Record<string, unknown>;
export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** `group.member.joined` → `GroupMemberJoined`. */
export const pascal = (name: string): string =>
  name
    .split(/[._-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
export const camel = (name: string): string => pascal(name).charAt(0).toLowerCase() + pascal(name).slice(1);

/**
 * Converts named zod schemas to components; references between them become $refs. A schema
 * object used under several names (a shared `{}` result) is one component, under its first
 * name: `names` tells which.
 */
function components(named: Record<string, z.ZodType>, io: "input" | "output", names: Map<z.ZodType, string>): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) {
    if (registry.has(schema)) continue;
    registry.add(schema, { id });
    names.set(schema, id);
  }
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

/** Per action: the param schemas the platforms use (an override such as oicq's `via_group` is listed beside the unified one). */
export interface ActionDoc {
  params: Map<z.ZodType, string[]>;
  result: z.ZodType | null;
  platforms: string[];
}

function actionSchemas(): Map<string, ActionDoc> {
  const out = new Map<string, ActionDoc>();
  for (const platform of Object.values(PLATFORMS)) {
    for (const [name, action] of Object.entries(platform.actions)) {
      const schema: z.ZodType = action.params ?? (isUnifiedAction(name) ? ACTION_PARAMS[name] : z.looseObject({}));
      const entry: ActionDoc = out.get(name) ?? {
        params: new Map<z.ZodType, string[]>(),
        result: isUnifiedAction(name) ? ACTION_RESULTS[name] : null,
        platforms: [],
      };
      entry.params.set(schema, [...(entry.params.get(schema) ?? []), platform.name]);
      entry.platforms.push(platform.name);
      out.set(name, entry);
    }
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** An event type's schema name, and the per-platform variants of platform-specific types. */
function eventComponents(): { named: Record<string, z.ZodType>; unions: Record<string, Json> } {
  const named: Record<string, z.ZodType> = {};
  const unions: Record<string, Json> = {};
  for (const type of EVENT_TYPES) {
    const perPlatform = PLATFORM_EVENT_DATA[type];
    if (!perPlatform) {
      named[`${pascal(type)}Event`] = EVENT_SCHEMAS[type];
      continue;
    }
    const emitters = Object.values(PLATFORMS)
      .filter((p) => describePlatform(p).events.includes(type))
      .map((p) => p.name);
    const variants = emitters.map((p) => {
      const name = `${pascal(p)}${pascal(type)}Event`;
      named[name] = platformVariant(type, p, perPlatform[p] ?? EVENT_DATA[type]);
      return name;
    });
    if (variants.length === 0) named[`${pascal(type)}Event`] = EVENT_SCHEMAS[type];
    else
      unions[`${pascal(type)}Event`] = {
        description: `${type}: its data is platform-specific (one variant per platform that emits it)`,
        oneOf: variants.map(ref),
        discriminator: { propertyName: "platform", mapping: Object.fromEntries(emitters.map((p, i) => [p, `#/components/schemas/${variants[i]}`])) },
      };
  }
  return { named, unions };
}

export interface Components {
  schemas: Record<string, Json>;
  /** Each action's param and result schemas, by action name. */
  actions: Map<string, ActionDoc>;
  /** The component name of a zod schema. */
  names: Map<z.ZodType, string>;
  /** PUT's body variants: [component name, platform]. */
  puts: (readonly [string, string])[];
}

export function buildComponents(): Components {
  const actions = actionSchemas();
  const events = eventComponents();
  const names = new Map<z.ZodType, string>();
  // The unified params keep the plain name; a platform's own schema is named after it.
  const paramName = (name: string, schema: z.ZodType, platforms: string[]): string =>
    isUnifiedAction(name) && schema === ACTION_PARAMS[name]
      ? `${pascal(name)}Params`
      : `${pascal(name)}Params${isUnifiedAction(name) ? pascal(platforms.join("-")) : ""}`;
  // PUT's body per platform: `upstream` is checked by the platform's own schema.
  const putSchemas = Object.values(PLATFORMS).map(
    (p) => [`${pascal(p.name)}ConnectionPut`, S.ConnectionPut.extend({ platform: z.literal(p.name), upstream: p.upstream })] as const,
  );
  const inputs: Record<string, z.ZodType> = {
    ...Object.fromEntries(putSchemas),
    ConnectionPatch: S.ConnectionPatch,
    RetryRequest: S.RetryBody,
    RotateRequest: S.RotateBody,
    ChatTarget,
    Element,
  };
  for (const [name, { params }] of actions) {
    for (const [schema, platforms] of params) inputs[paramName(name, schema, platforms)] ??= schema;
  }
  const outputs: Record<string, z.ZodType> = {
    Problem: S.Problem,
    Health: S.Health,
    PlatformList: S.PlatformList,
    Chat: P.Chat,
    User: P.User,
    Group: P.Group,
    EventElement: P.EventElement,
    Message: P.Message,
    Connection: S.Connection,
    ConnectionCreated: S.ConnectionCreated,
    ConnectionList: S.ConnectionList,
    Reconnecting: S.Reconnecting,
    EventPage: S.EventPage,
    Delivery: S.Delivery,
    DeliveryPage: S.DeliveryPage,
    Attempt: S.Attempt,
    DeliveryDetail: S.DeliveryDetail,
    Requeued: S.Requeued,
    WebhookTestResult: S.WebhookTestResult,
    SecretRotated: S.SecretRotated,
    Stats: S.Stats,
    ...events.named,
    Event,
    EventBatch,
    ...Object.fromEntries([...actions].flatMap(([name, a]) => (a.result ? [[`${pascal(name)}Result`, a.result]] : []))),
  };
  const eventNames = EVENT_TYPES.map((t) => `${pascal(t)}Event`);
  const schemas: Record<string, Json> = {
    ...components(inputs, "input", names),
    ...components(outputs, "output", names),
    ...events.unions,
    // zod's rendering of the union knows no per-platform variants and no discriminator.
    Event: {
      description: "Any event, discriminated by `type`",
      oneOf: eventNames.map(ref),
      discriminator: { propertyName: "type", mapping: Object.fromEntries(EVENT_TYPES.map((t) => [t, `#/components/schemas/${pascal(t)}Event`])) },
    },
  };
  return { schemas, actions, names, puts: putSchemas.map(([name], i) => [name, Object.values(PLATFORMS)[i]!.name] as const) };
}
