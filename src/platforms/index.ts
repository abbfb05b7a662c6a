/**
 * The platform registry. GET /v1/platforms is generated from it: every adapter's events
 * (plus the relay's own lifecycle events) and actions, never a hand-kept list.
 */
import { LIFECYCLE_EVENTS, type EventType } from "../events/types.ts";
import type { Platform } from "./contract.ts";
import { chat68 } from "./chat68/index.ts";
import { oicq } from "./oicq/index.ts";
import { roomim } from "./roomim/index.ts";
import { wschat } from "./wschat/index.ts";
import { yunhu } from "./yunhu/index.ts";

export const PLATFORMS: Readonly<Record<string, Platform>> = { oicq, chat68, wschat, roomim, yunhu };

export const platformNames = (): string[] => Object.keys(PLATFORMS);

export function getPlatform(name: string): Platform | undefined {
  return Object.hasOwn(PLATFORMS, name) ? PLATFORMS[name] : undefined;
}

export interface PlatformDescription {
  name: string;
  seed: string;
  events: EventType[];
  actions: string[];
}

export function describePlatform(p: Platform): PlatformDescription {
  return {
    name: p.name,
    seed: p.seed,
    events: [...new Set<EventType>([...p.events, ...LIFECYCLE_EVENTS])],
    actions: Object.keys(p.actions).sort(),
  };
}

/** Every action name some platform knows: an action no platform knows is a 404, one this platform lacks a 501. */
export function isKnownAction(name: string): boolean {
  return Object.values(PLATFORMS).some((p) => Object.hasOwn(p.actions, name));
}
