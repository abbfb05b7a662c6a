/**
 * 68chat's records (groups, users, friend requests) as the unified results show them: ids as
 * strings, names, and the few fields a bot reads.
 */
import { idString, isRecord } from "../../lib/json.ts";
import { epochMs, nonEmpty } from "../../lib/values.ts";

type Obj = Record<string, unknown>;

/** A getGroups entry (or GroupDetail's group) → `{id, name?, owner_id?, member_count?, notice?, muted?}`. */
export function groupEntry(g: Obj): Obj {
  const out: Obj = { id: idString(g.id) ?? "" };
  if (typeof g.name === "string") out.name = g.name;
  const owner = idString(g.hostId);
  if (owner) out.owner_id = owner;
  const count = Number(g.memberCount);
  if (g.memberCount !== undefined && Number.isSafeInteger(count)) out.member_count = count;
  const notice = isRecord(g.groupNotice) ? g.groupNotice.notice : g.groupNotice;
  if (typeof notice === "string") out.notice = notice;
  if (typeof g.bfShutup === "boolean") out.muted = g.bfShutup;
  return out;
}

/** A 68chat user record → `{id, name?, avatar?, signature?}`. */
export function user(u: unknown): Obj {
  const rec = isRecord(u) ? u : {};
  const out: Obj = { id: idString(rec.uid) ?? "" };
  const name = nonEmpty(rec.nickName);
  if (name !== undefined) out.name = name;
  const avatar = nonEmpty(rec.icon);
  if (avatar !== undefined) out.avatar = avatar;
  const signature = nonEmpty(rec.signature);
  if (signature !== undefined) out.signature = signature;
  return out;
}

/** A ContactsApplyList record → `{user, comment?, source?, time?}`. */
export function friendRequest(r: Obj): Obj {
  const out: Obj = { user: user(r.userInfo) };
  const comment = nonEmpty(r.msg);
  if (comment !== undefined) out.comment = comment;
  const source = nonEmpty(r.type);
  if (source !== undefined) out.source = source;
  const time = epochMs(r.modifyTime);
  if (time !== undefined) out.time = time;
  return out;
}
