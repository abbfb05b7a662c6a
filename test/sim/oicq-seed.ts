// The packet examples of seed 000 (the oicq daemon's docs/ws/README.md), verbatim but for
// one fix: the seed's joinRequest writes `"eventID", ""`, read here as `"eventID": ""`.
// The seed writes 0 for msgID; the daemon sends a base64 string. Test fixtures for the
// simulator and the adapter: their key order is the wire order.

/** 消息包结构 */
export const msg = `{
    "type": "msg",
    "data": {
        "type": "private|group",
    	"time": 0,
        "known": false,
        "channel": 0,
        "channel_name": "",
        "sender": 0,
        "sender_nick": "",
        "ref_channel": 0,
        "ref_channel_name": "",
        "msgID": 0,
        "msgContent": [],
        "msgString": "",
        "reply": {
            "to": 0,
            "time": 0,
            "summary": "",
            "id": ""
        }
    }
}`;

/** 撤回消息包结构 */
export const revoke = `{
    "type": "revoke",
    "data": {
        "type": "private|group",
    	"time": 0,
        "revoker": 0,
        "channel": 0,
        "known": true,
        "msgID": 0
    }
}`;

/** 上线、下线事件 */
export const onlineOffline = `{
    "type": "user",
    "data": {
        "type": "online|offline"
    }
}`;

/** 新好友请求 */
export const newFriendRequest = `{
    "type": "user",
    "data": {
        "type": "newFriendRequest",
        "who": 0,
        "nick": "",
        "source": "",
        "comment": "...",
        "eventID": ""
    }
}`;

/** 入群邀请 */
export const groupInvite = `{
    "type": "user",
    "data": {
        "type": "groupInvite",
        "group": 0,
        "groupName": "",
        "inviter": 0,
        "eventID": ""
    }
}`;

/** 好友变动 */
export const friendAdded = `{
    "type": "user",
    "data": {
        "type": "friendAdded",
        "who": 0,
        "nick": ""
    }
}`;

export const friendRemoved = `{
    "type": "user",
    "data": {
        "type": "friendRemoved",
        "who": 0,
        "nick": ""
    }
}`;

/** 群变动 */
export const groupJoined = `{
    "type": "user",
    "data": {
        "type": "groupJoined",
        "name": "",
        "which": 0
    }
}`;

export const groupLeft = `{
    "type": "user",
    "data": {
        "type": "groupLeft",
        "which": 0,
        "name": "",
        "operator": 0
    }
}`;

/** 申请入群 */
export const joinRequest = `{
    "type": "group",
    "data": {
        "type": "joinRequest",
        "who": 0,
        "group": 0,
        "comment": "",
        "inviter": 0,
        "eventID": ""
    }
}`;

/** 群禁言 */
export const mute = `{
    "type": "group",
    "data": {
        "type": "mute",
        "who": 0,
        "group": 0,
        "operator": 0,
        "duration": 0
    }
}`;

/** 群管理变更 */
export const admin = `{
    "type": "group",
    "data": {
        "type": "admin",
        "who": 0,
        "group": 0,
        "status": true
    }
}`;

/** 群员变动 */
export const memberJoined = `{
    "type": "group",
    "data": {
        "type": "memberJoined",
        "who": 0,
        "nick": "",
        "group": 0,
        "group_name": ""
    }
}`;

/** The seed's example has nick; its note says members leaving have none ("群员减少时无该字段"). */
export const memberLeft = `{
    "type": "group",
    "data": {
        "type": "memberLeft",
        "who": 0,
        "nick": "",
        "group": 0,
        "group_name": "",
        "operator": 0
    }
}`;
