/**
 * Waiting for a webhook in end-to-end tests: the events the sink received for a connection and
 * verified with `standardwebhooks`, and the first of them of a type (and matching a predicate).
 */
import type { Sink } from "../sim/sink.ts";
import { until } from "./until.ts";

/** Every verified event the sink holds for `connection`, in arrival order. */
export const verifiedEvents = (sink: Sink, connection: string): any[] => sink.verified(connection).map((d) => d.event as any);

/** Waits for the first verified webhook of `type` on `connection` that `where` accepts. */
export const webhookOf = (sink: Sink, connection: string, type: string, where: (e: any) => boolean = () => true): Promise<any> =>
  until(`a ${type} webhook`, () => verifiedEvents(sink, connection).find((e) => e?.type === type && where(e)));
