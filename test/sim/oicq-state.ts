// What the simulated oicq daemon knows: the logged-in account, its friends, groups and
// members (small built-in fixtures that pushes and admin actions keep up to date), the
// messages it has seen or sent (for revoke/*, mesg/queryMsg and reply defaults) and the
// forwarded-message bundles it can expand.

import { forwardID, packMsgID, randomU32, seconds } from "./oicq-frames.ts";
import type { MsgData } from "./oicq-frames.ts";

export const DEFAULT_SELF_ID = "2488351734";
export const SELF_NICKNAME = "中继机器人";
/** A friend (the default peer of private messages). */
export const FRIEND = 1538204751;
export const FRIEND_2 = 2219873045;
/** A member of GROUP who is not a friend (the default peer of stranger messages). */
export const STRANGER = 3056712894;
/** The default group. */
export const GROUP = 726153849;
export const GROUP_2 = 839201746;
/** The sender shown for anonymous group messages. */
export const ANONYMOUS = { id: 80000000, name: "大力水手" } as const;

export interface Friend {
  id: number;
  nickname: string;
  /** The bot's remark for the friend; shown instead of the nickname when set. */
  remark: string;
}

export interface Member {
  id: number;
  nickname: string;
  /** The group card; shown instead of the nickname when set. */
  card: string;
  role: "owner" | "admin" | "member";
  join_time: number;
  last_sent_time: number;
}

export interface Group {
  id: number;
  name: string;
  members: Member[];
}

/** A message sent through sendMsg/private or sendMsg/group. */
export interface SentMessage {
  type: "private" | "group";
  dest: number;
  /** sendMsg/private `from`: the group a stranger is reached through. */
  from?: number;
  msgContent: unknown[];
  reply?: unknown;
  msgID: string;
  time: number;
}

/** One message of a forwarded bundle, as mesg/parseForwardedMsg lists it. */
export interface ForwardNode {
  id: number;
  time: number;
  nickname: string;
  msgContent: unknown[];
}

const DAY = 86_400;

function fixtureFriends(): Friend[] {
  return [
    { id: FRIEND, nickname: "张伟", remark: "" },
    { id: FRIEND_2, nickname: "李娜", remark: "娜娜" },
  ];
}

function fixtureGroups(self: number, selfNick: string): Group[] {
  const t = seconds() - 400 * DAY;
  const member = (id: number, nickname: string, card: string, role: Member["role"], joinedDaysAgo: number): Member => ({
    id,
    nickname,
    card,
    role,
    join_time: t + (400 - joinedDaysAgo) * DAY,
    last_sent_time: seconds() - 3600,
  });
  return [
    {
      id: GROUP,
      name: "技术交流群",
      members: [
        member(FRIEND, "张伟", "张伟-后端", "owner", 400),
        member(self, selfNick, "", "admin", 300),
        member(FRIEND_2, "李娜", "", "admin", 250),
        member(STRANGER, "陈静", "小陈", "member", 30),
      ],
    },
    {
      id: GROUP_2,
      name: "周末羽毛球",
      members: [member(1190456732, "赵强", "", "owner", 200), member(self, selfNick, "", "member", 120), member(FRIEND_2, "李娜", "娜娜", "member", 100)],
    },
  ];
}

export class DaemonState {
  readonly selfId: number;
  readonly selfNickname = SELF_NICKNAME;
  friends: Friend[] = [];
  groups: Group[] = [];
  /** Messages pushed or sent, in order (the daemon's history, for mesg/queryMsg). */
  messages: MsgData[] = [];
  sent: SentMessage[] = [];
  /** msgIDs that revoke/* can still recall, with their channel. */
  readonly revocable = new Map<string, { type: "private" | "group"; channel: number }>();
  readonly forwards = new Map<string, ForwardNode[]>();
  #seq = 0;

  constructor(selfId: number) {
    this.selfId = selfId;
    this.reset();
  }

  reset(): void {
    this.friends = fixtureFriends();
    this.groups = fixtureGroups(this.selfId, this.selfNickname);
    this.messages = [];
    this.sent = [];
    this.revocable.clear();
    this.forwards.clear();
    this.#seq = 20_000 + (randomU32() % 10_000);
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  issueMsgID(time: number): string {
    return packMsgID(time, this.nextSeq(), randomU32());
  }

  friend(id: number): Friend | undefined {
    return this.friends.find((f) => f.id === id);
  }

  group(id: number): Group | undefined {
    return this.groups.find((g) => g.id === id);
  }

  member(group: number, id: number): Member | undefined {
    return this.group(group)?.members.find((m) => m.id === id);
  }

  /** The name the daemon shows for a private peer: remark, else nickname; else a member card. */
  peerName(id: number, via?: number): string {
    const friend = this.friend(id);
    if (friend) return friend.remark || friend.nickname;
    if (id === this.selfId) return this.selfNickname;
    const m = via !== undefined ? this.member(via, id) : this.anyMember(id);
    return m ? m.card || m.nickname : `QQ${id}`;
  }

  /** The name the daemon shows for a group member: card, else nickname. */
  memberName(group: number, id: number): string {
    const m = this.member(group, id);
    if (m) return m.card || m.nickname;
    return this.friend(id)?.nickname ?? `QQ${id}`;
  }

  groupName(id: number): string {
    return this.group(id)?.name ?? `群${id}`;
  }

  /** A stranger's source group, from the messages seen: -1 when none is known. */
  sourceGroupOf(id: number): number {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i] as MsgData;
      if (m.type === "private" && !m.known && m.channel === id && m.ref_channel !== 0) return m.ref_channel;
    }
    return -1;
  }

  remember(data: MsgData): void {
    this.messages.push(data);
    // The bot can recall its own messages, and others' in groups (as an admin); not a peer's private message.
    if (data.type === "group" || data.sender === this.selfId) {
      this.revocable.set(data.msgID, { type: data.type, channel: data.channel });
    }
    for (const e of data.msgContent) {
      if (e.type === "forwarded" && typeof e.id === "string" && !this.forwards.has(e.id)) {
        this.forwards.set(e.id, this.#sampleForward(data.time));
      }
    }
  }

  /** The stored message of mesg/queryMsg, matched on type, channel and msgID. */
  find(type: string, channel: number, msgID: string): MsgData | undefined {
    return this.messages.find((m) => m.type === type && m.channel === channel && m.msgID === msgID);
  }

  /** The last message in a channel (pushed or sent), or the last message of any channel. */
  last(type?: "private" | "group", channel?: number): MsgData | undefined {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i] as MsgData;
      if ((type === undefined || m.type === type) && (channel === undefined || m.channel === channel)) return m;
    }
    return undefined;
  }

  newForward(nodes: ForwardNode[]): string {
    const id = forwardID();
    this.forwards.set(id, nodes);
    return id;
  }

  addFriend(id: number, nickname: string): void {
    if (!this.friend(id)) this.friends.push({ id, nickname, remark: "" });
  }

  removeFriend(id: number): void {
    this.friends = this.friends.filter((f) => f.id !== id);
  }

  addGroup(id: number, name: string): void {
    if (this.group(id)) return;
    const now = seconds();
    this.groups.push({
      id,
      name,
      members: [{ id: this.selfId, nickname: this.selfNickname, card: "", role: "member", join_time: now, last_sent_time: 0 }],
    });
  }

  removeGroup(id: number): void {
    this.groups = this.groups.filter((g) => g.id !== id);
  }

  addMember(group: number, id: number, nickname: string): void {
    const g = this.group(group);
    if (!g || g.members.some((m) => m.id === id)) return;
    g.members.push({ id, nickname, card: "", role: "member", join_time: seconds(), last_sent_time: 0 });
  }

  removeMember(group: number, id: number): void {
    const g = this.group(group);
    if (g) g.members = g.members.filter((m) => m.id !== id);
  }

  setRole(group: number, id: number, admin: boolean): void {
    const m = this.member(group, id);
    if (m && m.role !== "owner") m.role = admin ? "admin" : "member";
  }

  #sampleForward(time: number): ForwardNode[] {
    return [
      { id: FRIEND, time: time - 120, nickname: "张伟", msgContent: [{ type: "text", text: "周五的发布推迟到下周一" }] },
      { id: FRIEND_2, time: time - 60, nickname: "李娜", msgContent: [{ type: "text", text: "收到，我同步给测试" }] },
    ];
  }

  anyMember(id: number): Member | undefined {
    for (const g of this.groups) {
      const m = g.members.find((x) => x.id === id);
      if (m) return m;
    }
    return undefined;
  }
}
