// The example frames of seed 001 (chat68), verbatim: whitespace, key order, bare numbers, the
// seed's own placeholders ("webscoket消息id"). Then the pushed frames the seed leaves out, from its
// public origin (yee338024/68chat-bot: docs/msg.md, readme.md), with the origin's inline 👈 notes
// removed so that they are JSON. Test fixtures for the simulator and the adapter.

/** 获取个人资料 */
export const userInfoRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "UserInfo",
    "url": "https://webbiz.angg1.com/user/userInfo"
  }
}`;

/** 获取个人资料 */
export const userInfoAnswer = String.raw`{
	"id": "1",
	"type": "request",
	"data": {
		"commonResult": {
			"errCode": 200
		},
		"userInfo": {
			"uid": "4008697",
			"nickName": "ID采集机器人🤖",
			"icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
			"signature": "专业定制各类聊天软件自动化机器人",
			"identify": "k7m5tzmya2",
			"createTime": "1746527494000"
		},
		"bfPassword": true,
		"privacy": 4256,
		"signature": "专业定制各类聊天软件自动化机器人"
	}
}`;

/** 获取联系人列表 */
export const contactsListRequest = String.raw`{
  "id": "2",
  "type": "request",
  "data": {
    "type": "ContactsList",
    "url": "https://webbiz.angg1.com/contacts/contactsList",
    "data": {}
  }
}`;

/** 获取联系人列表 */
export const contactsListAnswer = String.raw`{
  "id": "2",
  "type": "request",
  "data": {
    "commonResult": {
      "errCode": 200
    },
    "contactsList": [
      {
        "userInfo": {
          "uid": "5858052",
          "nickName": "12🌽34🌽收cu商",
          "friendRelation": {
            "bfFriend": true
          },
          "userOnOrOffline": {
            "uid": "5858052",
            "createTime": "1765734028244",
            "bfShow": true
          },
          "identify": "b6jo6y4p8h"
        },
        "letter": "#",
        "msgCancelTime": 30,
        "bfReadReceipt": true
      }
    ],
    "count": 36,
    "pageNum": 1,
    "lastUpdateTime": "1766113547565"
  }
}`;

/** 报错测试 */
export const errorRequest = String.raw`{
  "id": "error-test",
  "type": "request",
  "data": {
    "type": "GroupReqList",
    "url": "https://webbiz.angg1.com/group/groupReqList",
    "data": {
      "pageNum": 0,
      "pageSize": 100
    }
  }
}`;

/** 报错测试 */
export const errorAnswer = String.raw`{
  "id": "error-test",
  "type": "request",
  "error": {
    "errorCode": 300,
    "errorDesc": "很抱歉，服务繁忙，请联系客服 #A0030"
  }
}`;

/** 获取群组列表（发送请求示例） */
export const getGroupsRequest = String.raw`{
  "id": "webscoket消息id",
  "type": "getGroups"
}`;

/** 获取群组列表（发送请求示例） */
export const getGroupsAnswer = String.raw`{
  "id": "1",
  "type": "getGroups",
  "data": [
    {
      "id": 389284,
      "hostId": 7237423,
      "name": "huimei",
      "pic": "http://r22.aiolet.xyz/config/default_group_icon.png",
      "groupAliasName": "k7d2dng8q8",
      "memberCount": 4,
      "groupMsgCancelTime": 30,
      "memberType": 1,
      "qrExpire": 4070908800000,
      "qrUrl": "https://68chat.com?qrCode=CW3W6NMT&imQrCodeType=1&IdCode=DFA39FEAF43382DCDE35927E641A1D83&fromUid=4008697",
      "bfShutup": false,
      "bfGroupReadCancel": false,
      "bfJoinCheck": true,
      "bfJoinFriend": true,
      "bfAddress": true,
      "groupNotice": {
        "editUser": {
          "user": {
            "uid": "7237423",
            "nickName": "Pwgen",
            "icon": "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg",
            "identify": "--",
            "createTime": "1746529904000"
          },
          "groupId": "389284",
          "score": "807415200000"
        },
        "notice": "asdd",
        "releaseTime": "1766201544598",
        "noticeId": "1043631"
      },
      "bfPushNotice": true,
      "bfResetQrcode": false,
      "bfUpdateData": true,
      "type": "group"
    }
  ]
}`;

/** 发送好友信息（示例） */
export const sendFriendText = String.raw`{
  "id": "webscoket消息id",
  "type": "sendMsg",
  "data": {
    "id": 7237423,
    "type": "friend",
    "list": [
      {
        "type": "text",
        "values": {
          "chatType": 0,
          "content": "这里改成你的消息"
        }
      }
    ],
    "quoteInfo": null
  }
}`;

/** 发送群组信息（示例） */
export const sendGroupText = String.raw`{
  "id": "webscoket消息id",
  "type": "sendMsg",
  "data": {
    "id": 389284,
    "type": "group",
    "list": [
      {
        "type": "text",
        "values": {
          "chatType": 0,
          "content": "这里改成你的消息"
        }
      }
    ],
    "quoteInfo": null
  }
}`;

/** 获取群组列表（请求示例2） */
export const getGroupsRequest2 = String.raw`{
  "id": "getGroups-1",
  "type": "getGroups"
}`;

/** 获取群组成员 */
export const groupMemberListRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "GroupMemberList",
    "protoType": "group",
    "url": "https://webbiz.kngg3.com/group/groupMemberListV2",
    "data": {
      "groupId": 389284,
      "pageSize": 1000,
      "pageNum": 1
    }
  }
}`;

/** 获取群组成员 */
export const groupMemberListAnswer = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "commonResult": {
      "errCode": 200
    },
    "members": [
      {
        "user": {
          "uid": "7237423",
          "nickName": "Pwgen",
          "icon": "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg",
          "friendRelation": {
            "bfFriend": true
          },
          "identify": "--"
        },
        "groupId": "389284",
        "score": "807415200000",
        "right": {}
      }
    ],
    "count": "4",
    "lastUpdateTime": "1766114002864"
  }
}`;

/** 获取联系人资料 */
export const contactsDetailRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "ContactsDetail",
    "url": "https://webbiz.angg1.com/contacts/contactsDetail",
    "data": {
      "targetUid": 7237423
    }
  }
}`;

/** 获取联系人资料 */
export const contactsDetailAnswer = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "commonResult": {
      "errCode": 200
    },
    "contactsDetailBase": {
      "userInfo": {
        "uid": "7237423",
        "nickName": "Pwgen",
        "icon": "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg",
        "friendRelation": {
          "bfFriend": true
        },
        "userOnOrOffline": {
          "uid": "7237423",
          "createTime": "1766242839299",
          "bfShow": true
        },
        "identify": "02lx0l99q6",
        "createTime": "1746529904000"
      },
      "letter": "P",
      "msgCancelTime": 30,
      "commonGroupNum": 1,
      "bfReadReceipt": true,
      "bfIdSearch": true
    }
  }
}`;

/** 获取好友请求列表 */
export const contactsApplyListRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "ContactsApplyList",
    "url": "https://webbiz.angg1.com/contacts/contactsApplyList"
  }
}`;

/** 获取好友请求列表 */
export const contactsApplyListAnswer = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "commonResult": {
      "errCode": 200
    },
    "recordList": [
      {
        "userInfo": {
          "uid": "5138518",
          "nickName": "八方发财4",
          "icon": "http://r11.aiolet.xyz/common/pic/202509/07/a77c66e78a2c23d817e5ab00ca326baf.jpg",
          "identify": "am6gqf58go",
          "createTime": "1757214075000"
        },
        "msg": "验证：我是八方发财4",
        "modifyTime": "1759928661000",
        "type": "IDENTIFY",
        "bfIdSearch": true
      }
    ]
  }
}`;

/** 获取群成员在线状态 */
export const onlineStatusRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "protoType": "group",
    "type": "GroupMemberOnLineStatusList",
    "url": "https://webbiz.angg1.com/group/groupMemberOnLineStatusList",
    "data": {
      "groupId": 389284,
      "uids": [7237423, 4008697, 4017572, 7128348]
    }
  }
}`;

/** 获取群成员在线状态 */
export const onlineStatusAnswer = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "commonResult": {
      "errCode": 200
    },
    "userOnLineStatusList": [
      {
        "uid": "7237423",
        "createTime": "1766242839299",
        "bfShow": true
      },
      {
        "uid": "4008697",
        "online": true,
        "createTime": "1766280644006",
        "bfShow": true
      },
      {
        "uid": "4017572",
        "createTime": "1761010560062",
        "bfShow": true
      },
      {
        "uid": "7128348",
        "createTime": "1766141350379",
        "bfShow": true
      }
    ]
  }
}`;

/** 获取群组信息 */
export const groupDetailRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "GroupDetail",
    "url": "https://webbiz.angg1.com/group/groupDetail",
    "data": {
      "groupId": 389284
    }
  }
}`;

/** 获取群组信息 */
export const groupDetailAnswer = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "commonResult": {
      "errCode": 200
    },
    "group": {
      "groupId": "389284",
      "hostId": "7237423",
      "name": "huimei",
      "pic": "http://r22.aiolet.xyz/config/default_group_icon.png",
      "createTime": "1753495200000",
      "memberCount": "4",
      "bfJoinFriend": true,
      "groupMsgCancelTime": 30,
      "groupAliasName": "k7d2dng8q8"
    },
    "bfAddress": true,
    "right": {
      "bfUpdateData": true,
      "bfJoinCheck": true,
      "bfPushNotice": true
    },
    "groupNotice": {
      "editUser": {
        "user": {
          "uid": "7237423",
          "nickName": "Pwgen",
          "icon": "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg",
          "identify": "--",
          "createTime": "1746529904000"
        },
        "groupId": "389284",
        "score": "807415200000"
      },
      "notice": "asdd",
      "releaseTime": "1766201544598",
      "noticeId": "1043631"
    },
    "memberType": "MANAGE",
    "qrUrl": "https://68chat.com?qrCode=CW3W6NMT&imQrCodeType=1&IdCode=DFA39FEAF43382DCDE35927E641A1D83&fromUid=4008697",
    "qrExpire": "4070908800000"
  }
}`;

/** 发送文件（示例） */
export const sendFileRequest = String.raw`{
  "id": "1",
  "type": "sendFile",
  "data": {
    "file": "C:/Users/rtuge/Desktop/b.mp4",
    "type": "group",
    "id": 389284
  }
}`;

/** 获取 apiUrl */
export const getApiUrlRequest = String.raw`{
  "id": "request-1",
  "type": "getApiUrl"
}`;

/** 获取 apiUrl */
export const getApiUrlAnswer = String.raw`{
  "id": "request-1",
  "type": "getApiUrl",
  "data": "https://webbiz.qika.xyz"
}`;

/** 发送多行文本（示例） */
export const sendMultilineText = String.raw`{
  "id": "webscoket消息id",
  "type": "sendMsg",
  "data": {
    "id": 389284,
    "type": "group",
    "list": [
      {
        "type": "text",
        "values": {
          "chatType": 0,
          "content": "发送多行文本\\n123\\n1234"
        }
      }
    ],
    "quoteInfo": null
  }
}`;

/** 更新群简介 */
export const groupNoticeRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "GroupUpdate",
    "url": "https://webbiz.kngg3.com/group/groupUpdate",
    "data": {
      "op": 12,
      "groupParam": {
        "notice": "新的群通知",
        "bfAll": true,
        "groupId": 389284
      }
    }
  }
}`;

/** 更新群简介 */
export const groupNoticeAnswer = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "commonResult": {
      "errCode": 200
    },
    "noticeId": "1048785"
  }
}`;

/** 发送群简介变更通知（示例） */
export const sendNoticeMessage = String.raw`{
  "id": "webscoket消息id",
  "type": "sendMsg",
  "data": {
    "id": 389284,
    "type": "group",
    "list": [
      {
        "type": "text",
        "values": {
          "chatType": 8,
          "content": "新的群通知",
          "bfAll": true
        }
      }
    ]
  }
}`;

/** 群禁言（示例） */
export const groupShutupRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "GroupUpdate",
    "url": "https://webbiz.kngg3.com/group/groupUpdate",
    "data": {
      "op": 11,
      "groupParam": {
        "shutup": true,
        "groupId": 389284
      }
    }
  }
}`;

/** 发送群禁言消息（示例） */
export const sendShutupMessage = String.raw`{
  "id": "webscoket消息id",
  "type": "sendMsg",
  "data": {
    "id": 389284,
    "type": "group",
    "list": [
      {
        "type": "text",
        "values": {
          "chatType": 50,
          "content": "管理员开了全员禁言",
          "bfShutup": true
        }
      }
    ]
  }
}`;

/** 群成员禁言（示例） */
export const memberShutupRequest = String.raw`{
  "id": "1",
  "type": "request",
  "data": {
    "type": "GroupMemberShutup",
    "url": "https://webbiz.kngg3.com/group/groupMemberShutup",
    "data": {
      "targetUid": 7128348,
      "shutupTime": 3600,
      "groupId": 441298
    }
  }
}`;

/** 重启68（示例） */
export const restartRequest = String.raw`{
  "id": "1",
  "type": "restart68"
}`;
// ---- pushed frames, from the origin -------------------------------------------------------------

/** msg.md 检测消息是否发送成功: a send failed */
export const sendFailed = String.raw`{
	"operator": "msgListPropertyUpdate",
	"data": {
		"id": 389284,
		"type": "group",
		"list": [
			{
				"customMsgId": "30984532587",
				"updated": {
					"readStatus": 0               
				}
			}
		],
		"readStatus": 0  
	}
}`;

/** msg.md 检测消息是否发送成功: a send succeeded */
export const sendSucceeded = String.raw`{
	"operator": "msgListPropertyUpdate",
	"data": {
		"id": 389284,
		"type": "group",
		"list": [
			{
				"customMsgId": "10441859254",
				"updated": {
					"MsgID": 4667081534,
					"readStatus": 1,
					"time": "1766222907461",
					"sendTime": "1766222907461"
				}
			}
		],
		"readStatus": 1   
	}
}`;

/** msg.md 新的文字消息: our own group message, echoed */
export const groupTextSelf = String.raw`{
	"operator": "msgNew",
	"data": {
		"msgType": 0,
		"atUids": [],
		"atUsers": [],
		"links": [],
		"sendUid": 4008697,
		"groupId": 389284,
		"content": "[微笑]",
		"sendTime": 1766282269132,
		"msgId": 4688172503,
		"sendMember": {
			"user": {
				"uid": "4008697",
				"nickName": "ID采集机器人🤖",
				"icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
				"signature": "专业定制各类聊天软件自动化机器人",
				"identify": "--",
				"createTime": "1746527494000"
			},
			"groupId": "389284",
			"type": "MANAGE",
			"score": "1135394003000",
			"right": {
				"bfUpdateData": true,
				"bfJoinCheck": true,
				"bfPushNotice": true
			}
		},
		"contentMd5": "252049bb117c5bd3c77cac9051f1d198",
		"groupName": "huimei",
		"sentOverTime": 1766282269132,
		"customMsgId": "70790767392",
		"MsgID": 4688172503,
		"UserID": 4008697,
		"isSelf": true,
		"ChatType": 0,
		"chatType": 0,
		"id": 389284,
		"name": "huimei",
		"readStatus": 1,
		"time": 1766282269132,
		"type": "group",
		"user": {
			"uid": "4008697",
			"nickName": "ID采集机器人🤖",
			"icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
			"signature": "专业定制各类聊天软件自动化机器人",
			"identify": "--",
			"createTime": "1746527494000"
		}
	}
}`;

/** msg.md 新的图片消息 */
export const groupImage = String.raw`{
	"operator": "msgNew",
	"data": {
		"msgType": 1,
		"atUids": [],
		"atUsers": [],
		"links": [],
		"sendUid": 4008697,
		"groupId": 389284,
		"content": "http://r11.aiolet.xyz/chat/pic/202512/21/2e11f6748829b59e3f11f9e1f71ccc10.jpeg||http://r11.aiolet.xyz/chat/pic/202512/21/48b807c116ffe851c96d43897e9813eb.jpeg||20310||0",
		"sendTime": 1766282182859,
		"msgId": 4688146125,
		"sendMember": {
			"user": {
				"uid": "4008697",
				"nickName": "ID采集机器人🤖",
				"icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
				"signature": "专业定制各类聊天软件自动化机器人",
				"identify": "--",
				"createTime": "1746527494000"
			},
			"groupId": "389284",
			"type": "MANAGE",
			"score": "1135394003000",
			"right": {
				"bfUpdateData": true,
				"bfJoinCheck": true,
				"bfPushNotice": true
			}
		},
		"contentMd5": "cc5c7d12c19bc3abe180f319197152f9",
		"groupName": "huimei",
		"sentOverTime": 1766282182859,
		"customMsgId": "10782894930",
		"MsgID": 4688146125,
		"UserID": 4008697,
		"isSelf": true,
		"ChatType": 1,
		"chatType": 1,
		"id": 389284,
		"name": "huimei",
		"fileKey": "fg187h7vj9wwsi42",
		"readStatus": 1,
		"time": 1766282182859,
		"type": "group",
		"user": {
			"uid": "4008697",
			"nickName": "ID采集机器人🤖",
			"icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
			"signature": "专业定制各类聊天软件自动化机器人",
			"identify": "--",
			"createTime": "1746527494000"
		}
	}
}`;

/** msg.md 新的文件消息 */
export const groupFile = String.raw`{
	"operator": "msgNew",
	"data": {
		"msgType": 7,
		"atUids": [],
		"atUsers": [],
		"links": [],
		"sendUid": 4008697,
		"groupId": 389284,
		"content": "http://r11.aiolet.xyz/chat/file/202512/21/e158596ff68fd6a4669a7a7f02283a61.xml||ui.xml||11994",
		"sendTime": 1766282345669,
		"msgId": 4688196815,
		"sendMember": {
			"user": {
				"uid": "4008697",
				"nickName": "ID采集机器人🤖",
				"icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
				"signature": "专业定制各类聊天软件自动化机器人",
				"identify": "--",
				"createTime": "1746527494000"
			},
			"groupId": "389284",
			"type": "MANAGE",
			"score": "1135394003000",
			"right": {
				"bfUpdateData": true,
				"bfJoinCheck": true,
				"bfPushNotice": true
			}
		},
		"contentMd5": "903b2ddcb647933ba7ba0afa182cc381",
		"groupName": "huimei",
		"sentOverTime": 1766282345669,
		"customMsgId": "10735110335",
		"MsgID": 4688196815,
		"UserID": 4008697,
		"isSelf": true,
		"ChatType": 7,
		"chatType": 7,
		"id": 389284,
		"name": "huimei",
		"fileKey": "rpon4f3vp33bzh7h",
		"readStatus": 1,
		"fileName": "ui.xml",
		"fileSize": "11994",
		"size": "11994",
		"time": 1766282345669,
		"type": "group",
		"user": {
			"uid": "4008697",
			"nickName": "ID采集机器人🤖",
			"icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
			"signature": "专业定制各类聊天软件自动化机器人",
			"identify": "--",
			"createTime": "1746527494000"
		}
	}
}`;

/** msg.md 🎲骰子消息 */
export const groupDice = String.raw`{
	"operator": "msgNew",
	"data": {
		"msgType": 12,
		"atUids": [],
		"atUsers": [],
		"links": [],
		"sendUid": 4008697,
		"groupId": 389284,
		"content": "1||4966349477",
		"sendTime": 1767006189933,
		"msgId": 4966349477,
		"sendMember": {
			"user": {
				"uid": "4008697",
				"nickName": "unknown",
				"icon": "http://r22.aiolet.xyz/common/pic/202512/29/35c3fd5007037906fdb972b6cd3d5ce1.jpg",
				"identify": "--",
				"createTime": "1746527494000"
			},
			"groupId": "389284",
			"type": "MANAGE",
			"score": "1135394003000",
			"right": {
				"bfUpdateData": true,
				"bfJoinCheck": true,
				"bfPushNotice": true
			}
		},
		"contentMd5": "7df4984661841fc912d7d62d59f71124",
		"groupName": "huimei",
		"sentOverTime": 1767006189933,
		"customMsgId": "60986865605",
		"MsgID": 4966349477,
		"UserID": 4008697,
		"isSelf": true,
		"ChatType": 12,
		"chatType": 12,
		"id": 389284,
		"name": "huimei",
		"readStatus": 1,
		"time": 1767006189933,
		"type": "group",
		"user": {
			"uid": "4008697",
			"nickName": "unknown",
			"icon": "http://r22.aiolet.xyz/common/pic/202512/29/35c3fd5007037906fdb972b6cd3d5ce1.jpg",
			"identify": "--",
			"createTime": "1746527494000"
		}
	}
}`;

/** msg.md 消息双向删除 */
export const recallBothSides = String.raw`{
	"operator": "recall_msg",
	"data": {
		"recallOneToOneMessages": [
			{
				"msgId": "2565552547",
				"msgTargetId": "4008697",
				"clearTime": "1773390253258"
			}
		]
	}
}`;

/** readme.md 好友消息 */
export const friendText = String.raw`{
    "operator": "msgNew",
    "data": {
        "msgType": 0,
        "msgId": 2409462397,
        "sendUid": 4008697,
        "receiveUid": 7128348,
        "content": "Ffg",
        "sendTime": 1766116051970,
        "version": 6,
        "contentMd5": "ac716825f65e990167a446e9f1fd111d",
        "sendUser": {
            "uid": "4008697",
            "nickName": "协议机器人🤖",
            "icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
            "signature": "专业定制各类聊天软件自动化机器人",
            "identify": "k7m5tzmya2",
            "createTime": "1746527494000"
        },
        "customMsgId": "80499052521",
        "MsgID": 2409462397,
        "UserID": 4008697,
        "isSelf": false,
        "ChatType": 0,
        "chatType": 0,
        "id": 4008697,
        "friendId": 4008697,
        "time": 1766116051970,
        "type": "friend",
        "user": {
            "uid": "4008697",
            "nickName": "协议机器人🤖",
            "icon": "http://r11.aiolet.xyz/common/pic/202507/27/44eff667aad9eaa434a0af55d9cd4048.jpg",
            "signature": "专业定制各类聊天软件自动化机器人",
            "identify": "k7m5tzmya2",
            "createTime": "1746527494000"
        }
    }
}`;

/** readme.md 群聊消息 */
export const groupText = String.raw`{
  "operator": "msgNew",
  "data": {
    "msgType": 0,
    "atUids": [],
    "atUsers": [],
    "sendUid": 7237423,
    "groupId": 389284,
    "content": "hhh",
    "sendTime": 1766115963742,
    "msgId": 4626337038,
    "sendMember": {
      "user": {
        "uid": "7237423",
        "nickName": "Pwgen",
        "icon": "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg",
        "identify": "--",
        "createTime": "1746529904000"
      },
      "groupId": "389284",
      "score": "807415200000"
    },
    "contentMd5": "a6dc56281eb1b9f670ab84ec6fceeb44",
    "groupName": "huimei、🤖群成员ID采集机器人",
    "customMsgId": "20298293316",
    "MsgID": 4626337038,
    "UserID": 7237423,
    "isSelf": false,
    "ChatType": 0,
    "chatType": 0,
    "id": 389284,
    "name": "huimei、🤖群成员ID采集机器人",
    "sendUserName": "Pwgen：",
    "time": 1766115963742,
    "type": "group",
    "user": {
      "uid": "7237423",
      "nickName": "Pwgen",
      "icon": "http://r11.aiolet.xyz/common/pic/202509/06/d55d17285d3a7290c7dc953b25465722.jpg",
      "identify": "--",
      "createTime": "1746529904000"
    }
  }
}`;

/** readme.md 群组信息更新 */
export const groupRenamed = String.raw`{
  "operator": "groupUpdate",
  "data": {
    "type": "group",
    "id": 389284,
    "values": {
      "name": "新的群名"
    }
  }
}`;

/** readme.md 开启/关闭群禁言 (the origin writes `"bfShutup": true / false`: here the "on" half) */
export const groupMutedAll = String.raw`{
  "operator": "msgNew",
  "operatorType": "groupShutupAll",
  "data": {
    "id": 389284,
    "time": 1766116603039,
    "sendTime": 1766116603039,
    "type": "group",
    "targetId": 0,
    "groupId": 389284,
    "content": "管理员开启了全员禁言",
    "operator": "message",
    "chatType": 50,
    "msgType": 50,
    "notificationType": "groupShutupAll",
    "bfShutup": true
  }
}`;

/** readme.md 开启/关闭群禁言: the "off" half */
export const groupUnmutedAll = String.raw`{
  "operator": "msgNew",
  "operatorType": "groupShutupAll",
  "data": {
    "id": 389284,
    "time": 1766116603039,
    "sendTime": 1766116603039,
    "type": "group",
    "targetId": 0,
    "groupId": 389284,
    "content": "管理员关闭了全员禁言",
    "operator": "message",
    "chatType": 50,
    "msgType": 50,
    "notificationType": "groupShutupAll",
    "bfShutup": false
  }
}`;

/** readme.md 开启阅后即焚 */
export const readCancelOn = String.raw`{
  "operator": "msgNew",
  "operatorType": "operatorReadCancel",
  "data": {
    "id": 389284,
    "time": 1766116668353,
    "sendTime": 1766116668353,
    "type": "group",
    "targetId": 0,
    "groupId": 389284,
    "content": "「管理員設定了訊息已讀30秒後銷毀」",
    "operator": "message",
    "chatType": 50,
    "msgType": 50,
    "notificationType": "operatorReadCancel"
  }
}`;

/** readme.md 关闭阅后即焚 */
export const readCancelOff = String.raw`{
    "operator": "msgNew",
    "operatorType": "operatorReadCancel",
    "data": {
        "id": 389284,
        "time": 1766116798162,
        "sendTime": 1766116798162,
        "type": "group",
        "targetId": 0,
        "groupId": 389284,
        "content": "Pwgen  關閉了閱後即焚",
        "operator": "message",
        "chatType": 50,
        "msgType": 50,
        "notificationType": "operatorReadCancel"
    }
}`;

/** The client's greeting (readme.md 连接websocket). */
export const greeting = String.raw`{
	"message": "Hello"
}`;
