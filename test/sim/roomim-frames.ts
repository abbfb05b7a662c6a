// roomim frames (seed 004), built with the seed's key order and its choice of bare
// numbers versus strings for 64-bit ids. Each builder returns a plain object whose
// insertion order is the wire order; `encode` turns it into the frame text.

import { bare, idText } from "./json.ts";
import type { IdLike } from "./json.ts";

export type Frame = Record<string, unknown>;

export function encode(frame: Frame): string {
  return JSON.stringify(frame);
}

export interface MentionedInfo {
  type: number;
  userIdList: string[];
  mentionedContent: string;
}

export interface Image {
  url: string;
  thumbnail: string;
  width: number;
  /** The seed's spelling. */
  hight: number;
}

/**
 * The chat-message shape shared by "响应:发送成功" (response 1), "接收到别人发来的文字消息"
 * (response 2) and "其它设备自己发送的消息" (response null, from null): ids as strings.
 */
export function chatMessage(f: {
  msgType: unknown;
  localId: unknown;
  msgText: unknown;
  room: IdLike;
  payload: unknown;
  response: 1 | 2 | null;
  from: IdLike | null;
  msgId: IdLike;
  roomSeq: IdLike;
  timestamp: number;
}): Frame {
  return {
    msgType: f.msgType,
    localId: f.localId,
    msgText: f.msgText,
    room: idText(f.room),
    payload: f.payload,
    response: f.response,
    from: f.from === null ? null : idText(f.from),
    msgId: idText(f.msgId),
    roomSeq: idText(f.roomSeq),
    timestamp: String(f.timestamp),
  };
}

/** "响应:被拉黑发送失败": response 2002, ids and timestamp as bare numbers. */
export function blockedRejection(f: {
  localId: unknown;
  from: IdLike;
  room: IdLike;
  msgType: unknown;
  msgText: unknown;
  timestamp: number;
  payload: unknown;
}): Frame {
  return {
    response: 2002,
    localId: f.localId,
    from: bare(f.from),
    room: bare(f.room),
    msgType: f.msgType,
    msgText: f.msgText,
    timestamp: bare(f.timestamp),
    payload: f.payload,
  };
}

/**
 * The revoke frame: the answer to our own revoke (response 1 done, 2003 not found) and a
 * revoke by someone else (response 2). The seed leaves these empty; this is the reading
 * the relay is written against: the request's fields, then response, from and timestamp.
 */
export function revoke(f: { localId: unknown; room: IdLike; msgId: IdLike; response: 1 | 2 | 2003; from: IdLike; timestamp: number }): Frame {
  return {
    request: 2,
    msgType: 1,
    localId: f.localId,
    room: idText(f.room),
    msgId: idText(f.msgId),
    response: f.response,
    from: idText(f.from),
    timestamp: String(f.timestamp),
  };
}

/** "同步其它设备已读": response 302, every id bare. */
export function readSync(f: {
  msgType: number;
  from: IdLike;
  msgId: IdLike;
  roomSeq: IdLike;
  room: IdLike;
  msgText: string;
  timestamp: number;
  payload: unknown;
}): Frame {
  return {
    response: 302,
    msgType: f.msgType,
    from: bare(f.from),
    msgId: bare(f.msgId),
    roomSeq: bare(f.roomSeq),
    room: bare(f.room),
    msgText: f.msgText,
    timestamp: bare(f.timestamp),
    payload: f.payload,
  };
}

/** "其它设备清除会话红点": response 303. */
export function clearedSync(f: { timestamp: number; room: IdLike }): Frame {
  return { response: 303, timestamp: bare(f.timestamp), room: bare(f.room) };
}

/** The two notification frames (102, 107): envelope with bare ids and "pts". */
function notification(f: {
  msgType: 102 | 107;
  msgText: string;
  room: IdLike;
  payload: Frame;
  from: IdLike;
  msgId: IdLike;
  roomSeq: IdLike;
  timestamp: number;
  pts: number;
}): Frame {
  return {
    msgType: f.msgType,
    localId: "",
    msgText: f.msgText,
    room: bare(f.room),
    payload: f.payload,
    response: 2,
    from: bare(f.from),
    msgId: bare(f.msgId),
    roomSeq: bare(f.roomSeq),
    timestamp: bare(f.timestamp),
    pts: f.pts,
  };
}

/** "102 有人申请加你为好友": payload is the friend-request record. */
export function friendRequest(f: {
  room: IdLike;
  from: IdLike;
  to: IdLike;
  requestId: IdLike;
  text: string;
  nickname: string;
  fkRoomId: IdLike | null;
  createTime: number;
  msgId: IdLike;
  roomSeq: IdLike;
  timestamp: number;
  pts: number;
}): Frame {
  const payload: Frame = {
    mianDeleteStatus: 0,
    subDeleteStatus: 0,
    fkMianUserId: bare(f.from),
    createTime: bare(f.createTime),
    noteNickname: f.nickname,
    requestMsg: f.text,
    id: bare(f.requestId),
    fkRoomId: f.fkRoomId === null ? null : bare(f.fkRoomId),
    fkTeamId: null,
    fkSubUserId: bare(f.to),
    requestStatus: 0,
  };
  return notification({ ...f, msgType: 102, msgText: f.text, payload });
}

/** "107同意好友后 初始化房间": payload is the new room's record. */
export function roomInit(f: {
  room: IdLike;
  from: IdLike;
  creator: IdLike;
  payload?: Frame;
  msgId: IdLike;
  roomSeq: IdLike;
  timestamp: number;
  pts: number;
}): Frame {
  const payload: Frame = {
    forbidAddFriendFlag: 0,
    fkCreatorUserId: bare(f.creator),
    forbidSendLinkFlag: 0,
    memberCount: 2,
    forbidSendPicFlag: 0,
    extras: "",
    roomName: "",
    disbandFlag: 0,
    allMuted: 0,
    fkTeamId: 0,
    headPortrait: "",
    roomType: 1,
    forbidSendRedPacketsFlag: 0,
    ...f.payload,
  };
  return notification({ ...f, msgType: 107, msgText: "", payload });
}
