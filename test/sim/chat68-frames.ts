// chat68 frames (seed 001), built from the seed's and origin's own examples: each builder
// parses an example (test/sim/chat68-seed.ts) and changes only what it must, so key order,
// bare numbers versus digit strings and the fields nobody reads stay as the client sends them.

import * as SEED from "./chat68-seed.ts";
import { bare, idText, parseLossless } from "./json.ts";
import type { IdLike } from "./json.ts";

export type Frame = Record<string, unknown>;

export const encode = (frame: unknown): string => JSON.stringify(frame);

const example = (text: string): Frame => parseLossless(text) as Frame;

/** The account the seed is logged in as (its UserInfo answer). */
export const SELF = { uid: "4008697", nickName: "ID采集机器人🤖" };
/** The seed's group, its host and the seed's other users. */
export const GROUP = "389284";
/** A group with a 64-bit id (not in the seed), to carry ids beyond 2^53 both ways. */
export const BIG_GROUP = "1858689382414958593";
export const HOST = { uid: "7237423", nickName: "Pwgen" };
export const FRIEND = { uid: "5858052", nickName: "12🌽34🌽收cu商" };
export const APPLICANT = { uid: "5138518", nickName: "八方来财4" };
/** The API host the seed's getApiUrl answer names. */
export const API_URL = "https://webbiz.qika.xyz";

// ---- answers ---------------------------------------------------------------------------------

/** `{id, type, data}` with the request's id as it came. */
export function answer(id: unknown, type: string, data: unknown): Frame {
  return { id, type, data };
}

/** `{id, type, error {errorCode, errorDesc}}` (the seed's 报错测试). */
export function failure(id: unknown, type: string, errorCode: number, errorDesc: string): Frame {
  return { id, type, error: { errorCode, errorDesc } };
}

/** A web API answer's `data`: `commonResult` first, as in every seed answer (a refusal's message beside its code). */
export function webData(fields: Frame, errCode = 200, errMsg?: string): Frame {
  return { commonResult: errMsg === undefined ? { errCode } : { errCode, errMsg }, ...fields };
}

export const userInfo = (): Frame => example(SEED.userInfoAnswer).data as Frame;
export const contactsList = (): Frame => example(SEED.contactsListAnswer).data as Frame;
export const contactsApplyList = (): Frame => example(SEED.contactsApplyListAnswer).data as Frame;
export const noticeUpdated = (noticeId: string): Frame => webData({ noticeId });

/** ContactsDetail's data for a user. */
export function contactsDetail(user: { uid: string; nickName: string }): Frame {
  const data = example(SEED.contactsDetailAnswer).data as Frame;
  const base = data.contactsDetailBase as Frame;
  base.userInfo = { ...(base.userInfo as Frame), uid: user.uid, nickName: user.nickName };
  return data;
}

export interface GroupRecord {
  id: string;
  name: string;
  hostId: string;
  notice: string;
  shutup: boolean;
  members: { uid: string; nickName: string }[];
}

/** One entry of getGroups' data: the seed's group with this group's fields (ids bare numbers, as the seed has them). */
export function groupEntry(g: GroupRecord): Frame {
  const entry = (example(SEED.getGroupsAnswer).data as Frame[])[0] as Frame;
  entry.id = bare(g.id);
  entry.hostId = bare(g.hostId);
  entry.name = g.name;
  entry.memberCount = g.members.length;
  entry.bfShutup = g.shutup;
  (entry.groupNotice as Frame).notice = g.notice;
  return entry;
}

/** GroupDetail's data (ids as digit strings, as the seed has them). */
export function groupDetail(g: GroupRecord): Frame {
  const data = example(SEED.groupDetailAnswer).data as Frame;
  const group = data.group as Frame;
  group.groupId = g.id;
  group.hostId = g.hostId;
  group.name = g.name;
  group.memberCount = String(g.members.length);
  (data.groupNotice as Frame).notice = g.notice;
  return data;
}

/** GroupMemberList's data. */
export function groupMembers(g: GroupRecord): Frame {
  const data = example(SEED.groupMemberListAnswer).data as Frame;
  const template = (data.members as Frame[])[0] as Frame;
  data.members = g.members.map((m) => ({ ...template, user: { ...(template.user as Frame), uid: m.uid, nickName: m.nickName }, groupId: g.id }));
  data.count = String(g.members.length);
  return data;
}

// ---- pushes ----------------------------------------------------------------------------------

/** The greeting, compact. */
export const greeting = (): Frame => ({ message: "Hello" });

export interface MessageFields {
  chat: "friend" | "group";
  /** The group, or the friend on the other side. */
  chatId: IdLike;
  from: { uid: IdLike; nickName: string };
  to?: IdLike;
  msgType: number;
  content: string;
  msgId: IdLike;
  customMsgId: string;
  time: number;
  isSelf: boolean;
  groupName?: string;
  atUids?: IdLike[];
}

/** msgNew for a group message (the origin's 群聊消息) or a friend message (好友消息). */
export function msgNew(m: MessageFields): Frame {
  const frame = example(m.chat === "group" ? SEED.groupText : SEED.friendText);
  const d = frame.data as Frame;
  d.msgType = m.msgType;
  if (m.atUids) d.atUids = m.atUids.map(bare);
  d.sendUid = bare(m.from.uid);
  d.content = m.content;
  d.sendTime = m.time;
  d.msgId = bare(m.msgId);
  d.customMsgId = m.customMsgId;
  d.MsgID = bare(m.msgId);
  d.UserID = bare(m.from.uid);
  d.isSelf = m.isSelf;
  d.ChatType = m.msgType;
  d.chatType = m.msgType;
  d.id = bare(m.chatId);
  d.time = m.time;
  const user = { ...(d.user as Frame), uid: idText(m.from.uid), nickName: m.from.nickName };
  d.user = user;
  if (m.chat === "group") {
    d.groupId = bare(m.chatId);
    d.sendMember = {
      ...(d.sendMember as Frame),
      user: { ...((d.sendMember as Frame).user as Frame), uid: idText(m.from.uid), nickName: m.from.nickName },
      groupId: idText(m.chatId),
    };
    d.groupName = m.groupName ?? "";
    d.name = m.groupName ?? "";
    d.sendUserName = `${m.from.nickName}：`;
  } else {
    d.receiveUid = bare(m.to ?? SELF.uid);
    d.sendUser = user;
    d.friendId = bare(m.chatId);
  }
  return frame;
}

/** msgListPropertyUpdate: the result of a send (msg.md 检测消息是否发送成功). */
export function sendResult(chat: "friend" | "group", chatId: IdLike, customMsgId: string, sent: { msgId: IdLike; time: number } | null, readStatus = 0): Frame {
  const frame = example(sent ? SEED.sendSucceeded : SEED.sendFailed);
  const d = frame.data as Frame;
  d.id = bare(chatId);
  d.type = chat;
  const item = (d.list as Frame[])[0] as Frame;
  item.customMsgId = customMsgId;
  if (!sent) {
    (item.updated as Frame).readStatus = readStatus;
    d.readStatus = readStatus;
  }
  if (sent) {
    const updated = item.updated as Frame;
    updated.MsgID = bare(sent.msgId);
    updated.time = String(sent.time);
    updated.sendTime = String(sent.time);
  }
  return frame;
}

/** recall_msg: a one-to-one message deleted on both sides. */
export function recalled(msgId: IdLike, target: IdLike, time: number): Frame {
  return { operator: "recall_msg", data: { recallOneToOneMessages: [{ msgId: idText(msgId), msgTargetId: idText(target), clearTime: String(time) }] } };
}

/** groupUpdate with changed values. */
export function groupUpdate(groupId: IdLike, values: Frame): Frame {
  return { operator: "groupUpdate", data: { type: "group", id: bare(groupId), values } };
}

/** msgNew, operatorType groupShutupAll. */
export function shutupAll(groupId: IdLike, on: boolean, time: number): Frame {
  const frame = example(on ? SEED.groupMutedAll : SEED.groupUnmutedAll);
  const d = frame.data as Frame;
  d.id = bare(groupId);
  d.groupId = bare(groupId);
  d.time = time;
  d.sendTime = time;
  return frame;
}

/** msgNew, operatorType operatorReadCancel. */
export function readCancel(groupId: IdLike, on: boolean, time: number): Frame {
  const frame = example(on ? SEED.readCancelOn : SEED.readCancelOff);
  const d = frame.data as Frame;
  d.id = bare(groupId);
  d.groupId = bare(groupId);
  d.time = time;
  d.sendTime = time;
  return frame;
}
