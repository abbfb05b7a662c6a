// Seed 002 (wschat) as test fixtures. The seed shows no frame or body whole: it writes
// `ws.send(JSON.stringify({}))` and then lists each frame's and each answer's fields with
// their meaning. The field lists are copied here verbatim (name and description), and each
// frame is built from its list, fields in the seed's order, with realistic values. Tests of
// the adapter and of the simulator take their frames from here.

/** 建立连接 */
export const connect = `var ws = new WebSocket("ws://server-address/ws?access_token=<token>")`;

/** 发送消息 · 消息格式 (client → server) */
export const sendFields = {
  type: "unicast 表示私聊，multicast 表示群聊",
  receiverId: "接收用户的id，群聊不需要指定",
  groupId: "接收群组的 id，私聊不需要指定",
  content: "发送的消息内容",
} as const;

/** 接受消息回调函数 · 消息格式 (server → client) */
export const receiveFields = {
  type: "unicast 表示私聊，multicast 表示群聊",
  senderId: "发送用户的 id",
  receiverId: "接收用户的 id，群聊无此字段",
  groupId: "群组的 id，私聊无此字段",
  content: "发送的消息内容",
  timestamp: "消息到达服务器的时间",
} as const;

/** 获取离线私聊消息 · 返回值: 数组，数组中每个成员的字段如下 */
export const offlineFields = {
  id: "发送消息用户的 id",
  messages: "该 id 用户发送给请求用户的所有消息，格式与 WebSocket 接收的私聊消息格式相同",
} as const;

/** 获取群聊请求 · 返回值: 数组，成员字段如下 */
export const requestFields = {
  id: "请求 id",
  groupName: "群聊名称",
  groupId: "群聊 id",
  userId: "被邀请用户的 id",
  invitedBy: "发起邀请的用户成员",
} as const;

/** 获取某个群聊信息 · 返回值 (and each entry of 获取加入的所有群聊 with detailed=true) */
export const groupFields = {
  id: "群 id",
  name: "群名",
  managerId: "群主 id",
  usersId: "字符串数组，内容是所有成员的 id",
} as const;

/** 消息推送接口 · 请求体 */
export const notificationBodyFields = {
  notificationType: "字符串，通知的类型，前后端自行协调定义",
  content: "通知的内容",
} as const;

/** 消息推送接口: "WebSocket 收到的消息格式：与请求体相比多了一个 type，值为 NOTIFICATION，其他保持一致" */
export const NOTIFICATION_TYPE = "NOTIFICATION";

// ---- realistic values --------------------------------------------------------------------------

/** This account (the token's user). */
export const SELF = "u-10001";
/** A friend who writes privately. */
export const ALICE = "u-10002";
/** Another member of the group. */
export const BOB = "u-10003";
/** A group this account and both of the above are in; BOB is its owner. */
export const GROUP = "g-20001";
export const GROUP_NAME = "周末爬山";
/** 2026-11-30 08:00:00 UTC, in ms. */
export const T0 = 1796025600000;

/** A private message as the socket pushes it (fields in the seed's order). */
export const unicast = {
  type: "unicast",
  senderId: ALICE,
  receiverId: SELF,
  content: "周六几点出发？",
  timestamp: T0,
};

/** A group message as the socket pushes it: no receiverId. */
export const multicast = {
  type: "multicast",
  senderId: BOB,
  groupId: GROUP,
  content: "七点，地铁站集合",
  timestamp: T0 + 1500,
};

/** A notification as the socket pushes it: the request body plus `type`. */
export const notification = {
  type: NOTIFICATION_TYPE,
  notificationType: "friendRequest",
  content: { from: BOB, text: "加个好友" },
};

/** What a client sends: private, then group. */
export const sendUnicast = { type: "unicast", receiverId: ALICE, content: "八点吧" };
export const sendMulticast = { type: "multicast", groupId: GROUP, content: "收到" };

/** GET /api/message: one entry per sender, each message in the socket's private format. */
export const offline = [
  {
    id: ALICE,
    messages: [
      { type: "unicast", senderId: ALICE, receiverId: SELF, content: "在吗", timestamp: T0 - 60_000 },
      { type: "unicast", senderId: ALICE, receiverId: SELF, content: "明天见", timestamp: T0 - 20_000 },
    ],
  },
  {
    id: BOB,
    messages: [{ type: "unicast", senderId: BOB, receiverId: SELF, content: "票买好了", timestamp: T0 - 40_000 }],
  },
];

/** GET /api/request. */
export const requests = [{ id: "r-30001", groupName: "读书会", groupId: "g-20002", userId: SELF, invitedBy: BOB }];

/** GET /api/group/{groupId}. */
export const group = { id: GROUP, name: GROUP_NAME, managerId: BOB, usersId: [BOB, ALICE, SELF] };

/** POST /notification's body. */
export const notificationBody = { notificationType: "friendRequest", content: { from: BOB, text: "加个好友" } };

/** A frame as text. */
export const text = (value: unknown): string => JSON.stringify(value);
