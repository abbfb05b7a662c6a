/**
 * Event type patterns (`webhook.events`, `?type=`): an exact type, `prefix.*`, or `*`.
 * `message.*` matches `message.created` and deeper names such as `message.x.y`.
 */
export const EVENT_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;

export function matchesPattern(type: string, pattern: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return type === pattern;
}

/** No patterns (undefined) means every type. */
export function matchesAny(type: string, patterns: readonly string[] | undefined | null): boolean {
  return !patterns || patterns.some((p) => matchesPattern(type, p));
}
