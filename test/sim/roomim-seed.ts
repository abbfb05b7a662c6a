// The example frames of seed 004 (roomim), verbatim: whitespace, key order, bare numbers.
// Test fixtures for the simulator and the adapter; `compact` strips the layout whitespace.

/** 发送文本消息 */
export const sendText = `{
    "request":1,
    "msgType": 1,
    "localId": "asdfads-ad3f-eadf",
    "room": 1858415724765278210,
    "msgText": "你好的消息",
    "payload": {
        "extras": "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    }
}`;

/** 响应:发送成功 */
export const sendOk = `{
    "msgType": 1,
    "localId": "asdfads-ad3f-1231",
    "msgText": "你好1的消息",
    "room": "1858689382414958593",
    "payload": {
        "extras": "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    },
    "response": 1,
    "from": "1858679205636755457",
    "msgId": "1858689625873399809",
    "roomSeq": "2",
    "timestamp": "1731981114242"
}`;

/** 接收到别人发来的文字消息 */
export const received = `{
    "msgType": 1,
    "localId": "asdfads-ad3f-1231",
    "msgText": "你好1的消息",
    "room": "1858689382414958593",
    "payload": {
        "extras": "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    },
    "response": 2,
    "from": "1858679205636755457",
    "msgId": "1858689625873399809",
    "roomSeq": "2",
    "timestamp": "1731981114242"
}`;

/** 响应:被拉黑发送失败 */
export const blocked = `{
    "response": 2002,
    "localId": "asdfads-ad3f-eadf",
    "from": 456456,
    "room": 123123,
    "msgType": 1,
    "msgText": "你好",
    "timestamp": 1454355545,
    "payload": {
        "extras": "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    }
}`;

/** 其它设备自己发送的消息 */
export const selfSynced = `{
    "msgType": 1,
    "localId": "asdfads-ad3f-eadf",
    "msgText": "你好的消息",
    "room": "1858415724765278210",
    "payload": {
        "extras": "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    },
    "response": null,
    "from": null,
    "msgId": "1858416424207454209",
    "roomSeq": "2",
    "timestamp": "1731915977869"
}`;

/** 同步其它设备已读 */
export const readSynced = `{
    "response": 302,
    "msgType": 1,
    "from": 456456,
    "msgId": 10001,
    "roomSeq": 1,
    "room": 123123,
    "msgText": "你好",
    "timestamp": 1454355545,
    "payload": {
        "extras": "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    }
}`;

/** 其它设备清除会话红点 */
export const clearedSynced = `{
    "response": 303,
    "timestamp": 1454355545,
    "room": 123123
}`;

/** 发送图片消息 */
export const sendImages = `{
    "request":2,
    "msgType": 3,
    "localId": "asdfads-ad3f-eadf",
    "room": 123123,
    "msgText": "你好",
    "payload": {
        "imgs":[
            {
                "url":"BAIDU.COM/IMG/1",
                "thumbnail":"BAIDU.COM/IMG/1/mimi",
                
                "width":720,
                "hight":360
            },
            {
                "url":"BAIDU.COM/IMG/1",
                "thumbnail":"BAIDU.COM/IMG/1/mimi",
                "width":720,
                "hight":360
            }  
        ],
        "extras": "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    }
}`;

/** 发送撤回消息 (incomplete in the seed: no msgId) */
export const sendRevoke = `{
    "request":2,
    "msgType": 1,
    "localId": "asdfads-ad3f-eadf",
    "room": 123123,
    "msgText": "你好",
    "payload": {
        "extras": "任意可扩展的自定义数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    }
}`;

/** at艾特 发送 */
export const sendMention = `{
    "request":1,
    "msgType": 1,
    "localId": "asdfads-ad3f-eadf",
    "room": 123123,
    "msgText": "你好",
    "payload": {
        "mentionedInfo": {
            "type": 2,
            "userIdList": [
                "zhangsan"
            ],
            "mentionedContent": "有人@你"
        },
    	"extras": "任意可扩展的自定义数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}"
    }
}`;

/** 102 有人申请加你为好友 */
export const friendRequest = `{
    "msgType": 102,
    "localId": "",
    "msgText": "请求加你amet velit",
    "room": 1860868440666071042,
    "payload": {
        "mianDeleteStatus": 0,
        "subDeleteStatus": 0,
        "fkMianUserId": 1860863094709035009,
        "createTime": 1732501048277,
        "noteNickname": "平治文",
        "requestMsg": "请求加你amet velit",
        "id": 1860870387213197314,
        "fkRoomId": null,
        "fkTeamId": null,
        "fkSubUserId": 1860868421903028226,
        "requestStatus": 0
    },
    "response": 2,
    "from": 1860863094709035009,
    "msgId": 1860870387464847361,
    "roomSeq": 1,
    "timestamp": 1732501048300,
    "pts": 1
}`;

/** 107同意好友后 初始化房间 */
export const roomInit = `{
    "msgType": 107,
    "localId": "",
    "msgText": "",
    "room": 1860881053449904129,
    "payload": {
        "forbidAddFriendFlag": 0,
        "fkCreatorUserId": 1860863094709035009,
        "forbidSendLinkFlag": 0,
        "memberCount": 2,
        "forbidSendPicFlag": 0,
        "extras": "",
        "roomName": "",
        "disbandFlag": 0,
        "allMuted": 0,
        "fkTeamId": 0,
        "headPortrait": "",
        "roomType": 1,
        "forbidSendRedPacketsFlag": 0
    },
    "response": 2,
    "from": 1860868421903028226,
    "msgId": 1860881054242619394,
    "roomSeq": 1,
    "timestamp": 1732503591387,
    "pts": 1
}`;

/** The JSON text without insignificant whitespace (string contents untouched). */
export function compact(json: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charAt(i);
    if (inString) {
      out += c;
      if (c === "\\") out += json.charAt(++i);
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/** The seed's default "extras" text. */
export const EXTRAS = "任意扩展数据内容,可填入JSON字符串格式如：{'扩展字段名称':'扩展字段value'}";
