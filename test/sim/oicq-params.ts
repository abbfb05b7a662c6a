// Parameters of the oicq simulator's pushes. Every field is optional: defaults come from
// the built-in fixtures (oicq-state.ts) and the messages already pushed. QQ and group
// numbers are plain numbers, times are in seconds.

import type { Element, Reply } from "./oicq-frames.ts";

export interface ContentParams {
  /** Elements (any key order; written in the daemon's). Default: one text element. */
  content?: readonly (Element | Record<string, unknown>)[];
  /** Shorthand for a single text element. */
  text?: string;
  /** Default: derived from the content the way oicq's raw_message reads. */
  msgString?: string;
  msgID?: string;
  /** Seconds. */
  time?: number;
  /** Quote a message; `true` quotes the last one in the same channel. */
  reply?: Partial<Reply> | true;
}

export interface PrivateMessageParams extends ContentParams {
  /** The other party. Default FRIEND, or STRANGER when refChannel is set. */
  channel?: number;
  channelName?: string;
  /** Default the other party; the sim's own id for a message it sent from another device. */
  sender?: number;
  senderNick?: string;
  /** The group a stranger writes through; makes the message a stranger's (known false). */
  refChannel?: number;
  refChannelName?: string;
}

export interface GroupMessageParams extends ContentParams {
  /** The group, default GROUP. */
  channel?: number;
  channelName?: string;
  /** Default FRIEND_2. */
  sender?: number;
  senderNick?: string;
  /** Sent anonymously: known false, the anonymous id and name as sender. */
  anonymous?: boolean | { id?: number; name?: string };
}

export interface RevokeParams {
  /** Default: the last message pushed; the other fields default from that message. */
  msgID?: string;
  type?: "private" | "group";
  /** Private: 0 for a friend, the source group for a stranger, -1 when unknown. Group: the group. */
  channel?: number;
  revoker?: number;
  known?: boolean;
  time?: number;
}

export interface FriendRequestParams {
  who?: number;
  nick?: string;
  source?: string;
  comment?: string;
  eventID?: string;
}

export interface GroupInviteParams {
  group?: number;
  groupName?: string;
  inviter?: number;
  eventID?: string;
}

export interface FriendParams {
  who?: number;
  nick?: string;
}

export interface GroupJoinedParams {
  which?: number;
  name?: string;
}

export interface GroupLeftParams {
  which?: number;
  name?: string;
  /** 0 (default): the bot left; otherwise the admin who removed it. */
  operator?: number;
}

export interface JoinRequestParams {
  who?: number;
  group?: number;
  comment?: string;
  inviter?: number;
  eventID?: string;
}

export interface MuteParams {
  /** 0: the whole group. */
  who?: number;
  group?: number;
  operator?: number;
  /** Seconds, 0 lifts. Default 600, or WHOLE_GROUP_MUTE for the whole group. */
  duration?: number;
}

export interface AdminParams {
  who?: number;
  group?: number;
  status?: boolean;
}

export interface MemberJoinedParams {
  who?: number;
  nick?: string;
  group?: number;
  groupName?: string;
}

export interface MemberLeftParams {
  who?: number;
  /** Left out unless given (the seed: no nick when members leave). */
  nick?: string;
  group?: number;
  groupName?: string;
  /** 0 (default): left; otherwise the admin who removed them. */
  operator?: number;
}
