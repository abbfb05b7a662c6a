// The wschat server's model (seed 002) for the simulator: users, who is online, offline
// storage, groups with their owner, invitations and notifications, with the seed's rules and
// status codes. No I/O: every operation returns what to answer and the frames to push, and
// the server (wschat.ts) does the sending.
//
// Users: a token `tok-<user>` is user `<user>`; any other token is refused (401). Everyone is
// everyone's friend unless `block(user, from)`: then `user` gets no private message and no
// notification from `from` ("如果被对方屏蔽/不是对方好友，对方不会收到私聊消息", group messages
// from a blocker's blocked users are not delivered either). Nobody is told ("发送方不会有任何
// 发送不成功的提醒").
//
// Online means: has an open socket. A message for a user who is offline is kept in the
// offline store (private and group messages alike, `type` filters them) and handed out by
// GET /api/message; a notification for an offline user is discarded ("如果目标用户不在线，
// 消息直接被丢弃").

export type Id = string;

/** A message as the socket carries it, in the seed's field order. */
export type MessageFrame =
  | { type: "unicast"; senderId: Id; receiverId: Id; content: unknown; timestamp: number }
  | { type: "multicast"; senderId: Id; groupId: Id; content: unknown; timestamp: number };

export interface NotificationFrame {
  type: "NOTIFICATION";
  notificationType: string;
  content: unknown;
}

export interface Group {
  id: Id;
  name: string;
  managerId: Id;
  usersId: Id[];
}

export interface Invitation {
  id: Id;
  groupName: string;
  groupId: Id;
  userId: Id;
  invitedBy: Id;
}

/** What an operation answers: an HTTP status and a JSON body (undefined: empty), plus frames to push. */
export interface Outcome {
  status: number;
  body?: unknown;
  push?: { to: Id; frame: MessageFrame | NotificationFrame }[];
}

const ok = (body?: unknown, push?: Outcome["push"]): Outcome => ({ status: 200, ...(body !== undefined && { body }), ...(push && { push }) });
const forbidden = (why: string): Outcome => ({ status: 403, body: { error: why } });
const badRequest = (why: string): Outcome => ({ status: 400, body: { error: why } });

export const TOKEN_PREFIX = "tok-";

/** The user a token stands for, or undefined when it is refused. */
export function userOf(token: string | null | undefined): Id | undefined {
  if (!token?.startsWith(TOKEN_PREFIX) || token.length === TOKEN_PREFIX.length) return undefined;
  return token.slice(TOKEN_PREFIX.length);
}

export const tokenOf = (user: Id): string => `${TOKEN_PREFIX}${user}`;

export class ServerState {
  groups = new Map<Id, Group>();
  invitations = new Map<Id, Invitation>();
  /** Per user, what waits for them: kept in arrival order. */
  offline = new Map<Id, MessageFrame[]>();
  /** user → the users they block. */
  blocks = new Map<Id, Set<Id>>();
  /** Frames discarded: for an offline user's notification, or a blocked sender's message. */
  discarded: { to: Id; frame: MessageFrame | NotificationFrame; why: string }[] = [];
  #online: (user: Id) => boolean;
  #seen: () => Iterable<Id>;
  #clock: () => number;
  #next = 1;

  /** `online`: whether a user has an open socket; `seen`: users who ever connected (everyone's friends). */
  constructor(world: { online(user: Id): boolean; seen(): Iterable<Id>; clock?(): number }) {
    this.#online = (user) => world.online(user);
    this.#seen = () => world.seen();
    this.#clock = world.clock ?? Date.now;
  }

  reset(): void {
    this.groups.clear();
    this.invitations.clear();
    this.offline.clear();
    this.blocks.clear();
    this.discarded = [];
  }

  #id(prefix: string): Id {
    return `${prefix}${this.#clock().toString(36)}${(this.#next++).toString(36)}`;
  }

  block(user: Id, from: Id, blocked = true): void {
    const set = this.blocks.get(user) ?? new Set<Id>();
    if (blocked) set.add(from);
    else set.delete(from);
    this.blocks.set(user, set);
  }

  isBlocking(user: Id, from: Id): boolean {
    return this.blocks.get(user)?.has(from) ?? false;
  }

  /** Delivers over the socket when the user is online, else keeps it offline. */
  #deliver(to: Id, frame: MessageFrame, push: NonNullable<Outcome["push"]>): void {
    if (this.isBlocking(to, frame.senderId)) {
      this.discarded.push({ to, frame, why: "blocked" });
      return;
    }
    if (this.#online(to)) push.push({ to, frame });
    else this.offline.set(to, [...(this.offline.get(to) ?? []), frame]);
  }

  // ---- messages ---------------------------------------------------------------------------

  /** A private message from `from` (a client frame, or a test's push). */
  unicast(from: Id, to: Id, content: unknown, timestamp = this.#clock()): Outcome & { frame: MessageFrame } {
    const frame: MessageFrame = { type: "unicast", senderId: from, receiverId: to, content, timestamp };
    const push: NonNullable<Outcome["push"]> = [];
    this.#deliver(to, frame, push);
    return { ...ok(undefined, push), frame };
  }

  /** A group message from `from`: to every other member. A non-member's message goes nowhere. */
  multicast(from: Id, groupId: Id, content: unknown, timestamp = this.#clock()): Outcome & { frame: MessageFrame } {
    const frame: MessageFrame = { type: "multicast", senderId: from, groupId, content, timestamp };
    const push: NonNullable<Outcome["push"]> = [];
    const group = this.groups.get(groupId);
    if (!group?.usersId.includes(from)) {
      this.discarded.push({ to: groupId, frame, why: "not a member" });
      return { ...ok(undefined, push), frame };
    }
    for (const member of group.usersId) if (member !== from) this.#deliver(member, frame, push);
    return { ...ok(undefined, push), frame };
  }

  /** GET /api/message: the caller's offline messages, grouped by sender. */
  fetchOffline(user: Id, query: URLSearchParams): Outcome {
    const sort = query.get("sort") ?? "asc";
    const drop = query.get("drop") ?? "true";
    const type = query.get("type") ?? "all";
    if (sort !== "asc" && sort !== "desc") return badRequest("sort must be asc or desc");
    if (drop !== "true" && drop !== "false") return badRequest("drop must be true or false");
    if (type !== "all" && type !== "unicast" && type !== "multicast") return badRequest("type must be all, unicast or multicast");
    const waiting = this.offline.get(user) ?? [];
    const picked = waiting.filter((m) => type === "all" || m.type === type);
    if (drop === "true")
      this.offline.set(
        user,
        waiting.filter((m) => !picked.includes(m)),
      );
    const bySender = new Map<Id, MessageFrame[]>();
    for (const m of picked) bySender.set(m.senderId, [...(bySender.get(m.senderId) ?? []), m]);
    const order = sort === "asc" ? 1 : -1;
    return ok([...bySender].map(([id, messages]) => ({ id, messages: [...messages].sort((a, b) => order * (a.timestamp - b.timestamp)) })));
  }

  // ---- groups -----------------------------------------------------------------------------

  /** A group made directly (test setup). */
  addGroup(group: Omit<Group, "id"> & { id?: Id }): Group {
    const made: Group = {
      id: group.id ?? this.#id("g"),
      name: group.name,
      managerId: group.managerId,
      usersId: [...new Set([group.managerId, ...group.usersId])],
    };
    this.groups.set(made.id, made);
    return made;
  }

  /** POST /api/group?name=: the caller owns the new group; answers its id. */
  createGroup(user: Id, name: string | null): Outcome {
    if (name === null || name === "") return badRequest("name is required");
    return ok(this.addGroup({ name, managerId: user, usersId: [user] }).id);
  }

  /** PUT /api/group/{id}?name=: the owner only. */
  renameGroup(user: Id, id: Id, name: string | null): Outcome {
    const group = this.groups.get(id);
    if (!group || group.managerId !== user) return forbidden("不是群主，无权修改");
    if (name === null || name === "") return badRequest("name is required");
    group.name = name;
    return ok();
  }

  /** GET /api/group/{id}: members only. */
  groupInfo(user: Id, id: Id): Outcome {
    const group = this.groups.get(id);
    if (!group?.usersId.includes(user)) return forbidden("不在此群聊中，没有权限获取");
    return ok({ ...group, usersId: [...group.usersId] });
  }

  /** GET /api/group[?detailed=false]. */
  listGroups(user: Id, detailed: string | null): Outcome {
    const mine = [...this.groups.values()].filter((g) => g.usersId.includes(user));
    return ok(detailed === "false" ? mine.map((g) => g.id) : mine.map((g) => ({ ...g, usersId: [...g.usersId] })));
  }

  /**
   * DELETE /api/group/{id}: leave (a member), dissolve (the owner: "群主退出相当于解散群聊，
   * 所有人都会退出"), or with `userId` remove that member (the owner only).
   */
  deleteFromGroup(user: Id, id: Id, userId: string | null): Outcome {
    const group = this.groups.get(id);
    if (userId !== null) {
      if (!group || group.managerId !== user) return forbidden("不是群主，没有权限");
      if (userId === user) return this.deleteFromGroup(user, id, null);
      group.usersId = group.usersId.filter((u) => u !== userId);
      return ok();
    }
    if (!group?.usersId.includes(user)) return forbidden("不在此群聊中，没有权限");
    if (group.managerId === user) {
      this.groups.delete(id);
      for (const [rid, inv] of this.invitations) if (inv.groupId === id) this.invitations.delete(rid);
    } else group.usersId = group.usersId.filter((u) => u !== user);
    return ok();
  }

  // ---- invitations ------------------------------------------------------------------------

  /** POST /api/request {groupId, userId}: a member invites someone not in the group yet. */
  invite(user: Id, body: unknown): Outcome {
    const { groupId, userId } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    if ((typeof groupId !== "string" && typeof groupId !== "number") || (typeof userId !== "string" && typeof userId !== "number")) {
      return badRequest("groupId and userId are required");
    }
    const group = this.groups.get(String(groupId));
    if (!group?.usersId.includes(user)) return forbidden("不是群成员，无权邀请");
    if (group.usersId.includes(String(userId))) return forbidden("成员已在组内");
    const invitation: Invitation = { id: this.#id("r"), groupName: group.name, groupId: group.id, userId: String(userId), invitedBy: user };
    this.invitations.set(invitation.id, invitation);
    return ok();
  }

  /** GET /api/request: the invitations addressed to the caller. */
  listInvitations(user: Id): Outcome {
    return ok([...this.invitations.values()].filter((i) => i.userId === user));
  }

  /** PUT /api/request/{id} (accept) or DELETE (decline): the invited user only. */
  answerInvitation(user: Id, id: Id, accept: boolean): Outcome {
    const invitation = this.invitations.get(id);
    if (!invitation || invitation.userId !== user) return forbidden("该邀请不是发送给此用户的");
    this.invitations.delete(id);
    const group = this.groups.get(invitation.groupId);
    if (accept && group && !group.usersId.includes(user)) group.usersId.push(user);
    return ok();
  }

  // ---- notifications ----------------------------------------------------------------------

  /**
   * POST /notification?type=&to=&from= {notificationType, content}: to one user, to a group's
   * members, or to every friend of `from` (broadcast). With `from`, users who block `from`
   * get nothing; users who are offline get nothing. A request that does not fit is 403
   * ("请求有误").
   */
  notify(query: URLSearchParams, body: unknown): Outcome {
    const type = query.get("type") ?? "unicast";
    const to = query.get("to");
    const from = query.get("from");
    const b = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    if (typeof b.notificationType !== "string") return forbidden("请求有误: notificationType is required");
    let targets: Id[];
    switch (type) {
      case "unicast":
        if (!to) return forbidden("请求有误: to is required");
        targets = [to];
        break;
      case "multicast": {
        const group = to ? this.groups.get(to) : undefined;
        if (!group) return forbidden("请求有误: to must be a group");
        targets = group.usersId.filter((u) => u !== from);
        break;
      }
      case "broadcast":
        if (!from) return forbidden("请求有误: from is required for broadcast");
        targets = this.#friendsOf(from);
        break;
      default:
        return forbidden("请求有误: type must be unicast, multicast or broadcast");
    }
    const frame: NotificationFrame = { type: "NOTIFICATION", notificationType: b.notificationType, content: b.content };
    const push: NonNullable<Outcome["push"]> = [];
    for (const target of targets) {
      if (from && this.isBlocking(target, from)) this.discarded.push({ to: target, frame, why: "blocked" });
      else if (!this.#online(target)) this.discarded.push({ to: target, frame, why: "offline" });
      else push.push({ to: target, frame });
    }
    return ok(undefined, push);
  }

  /** Everyone the simulator has heard of but `user` (everyone is a friend). */
  #friendsOf(user: Id): Id[] {
    const known = new Set<Id>();
    for (const g of this.groups.values()) g.usersId.forEach((u) => known.add(u));
    for (const u of this.offline.keys()) known.add(u);
    for (const u of this.#seen()) known.add(u);
    known.delete(user);
    return [...known];
  }
}
