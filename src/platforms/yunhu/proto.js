/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const yunhu = $root.yunhu = (() => {

    const yunhu = {};

    yunhu.ChatType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "CHAT_TYPE_UNSPECIFIED"] = 0;
        values[valuesById[1] = "user"] = 1;
        values[valuesById[2] = "group"] = 2;
        values[valuesById[3] = "bot"] = 3;
        return values;
    })();

    yunhu.ContentType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "CONTENT_TYPE_UNSPECIFIED"] = 0;
        values[valuesById[1] = "text"] = 1;
        values[valuesById[2] = "image"] = 2;
        values[valuesById[3] = "markdown"] = 3;
        values[valuesById[4] = "file"] = 4;
        values[valuesById[5] = "form"] = 5;
        values[valuesById[7] = "sticker"] = 7;
        values[valuesById[8] = "html"] = 8;
        values[valuesById[11] = "audio"] = 11;
        values[valuesById[13] = "call"] = 13;
        return values;
    })();

    yunhu.Any = (function() {

        const Any = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        Any.prototype.type_url = "";
        Any.prototype.value = $util.newBuffer([]);

        Any.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.type_url != null && $Object.hasOwnProperty.call(message, "type_url") && message.type_url !== "")
                writer.uint32(10).string(message.type_url);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value.length)
                writer.uint32(18).bytes(message.value);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        Any.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.Any();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.type_url = value;
                        else
                            delete message.type_url;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        Any.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.Any)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.Any: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.Any();
            if (object.type_url != null)
                if (typeof object.type_url !== "string" || object.type_url.length)
                    message.type_url = $String(object.type_url);
            if (object.value != null)
                if (object.value.length)
                    if (typeof object.value === "string")
                        $util.base64.decode(object.value, message.value = $util.newBuffer($util.base64.length(object.value)), 0);
                    else if (object.value.length >= 0)
                        message.value = object.value;
            return message;
        };

        Any.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.type_url = "";
                if (options.bytes === $String)
                    object.value = "";
                else {
                    object.value = [];
                    if (options.bytes !== $Array)
                        object.value = $util.newBuffer(object.value);
                }
            }
            if (message.type_url != null && $Object.hasOwnProperty.call(message, "type_url"))
                object.type_url = message.type_url;
            if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                object.value = options.bytes === $String ? $util.base64.encode(message.value, 0, message.value.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.value) : message.value;
            return object;
        };

        Any.prototype.toJSON = function() {
            return Any.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Any;
    })();

    yunhu.WsInfo = (function() {

        const WsInfo = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        WsInfo.prototype.seq = "";
        WsInfo.prototype.cmd = "";

        WsInfo.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== "")
                writer.uint32(10).string(message.seq);
            if (message.cmd != null && $Object.hasOwnProperty.call(message, "cmd") && message.cmd !== "")
                writer.uint32(18).string(message.cmd);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        WsInfo.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.WsInfo();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.cmd = value;
                        else
                            delete message.cmd;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        WsInfo.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.WsInfo)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.WsInfo: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.WsInfo();
            if (object.seq != null)
                if (typeof object.seq !== "string" || object.seq.length)
                    message.seq = $String(object.seq);
            if (object.cmd != null)
                if (typeof object.cmd !== "string" || object.cmd.length)
                    message.cmd = $String(object.cmd);
            return message;
        };

        WsInfo.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.seq = "";
                object.cmd = "";
            }
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                object.seq = message.seq;
            if (message.cmd != null && $Object.hasOwnProperty.call(message, "cmd"))
                object.cmd = message.cmd;
            return object;
        };

        WsInfo.prototype.toJSON = function() {
            return WsInfo.toObject(this, $protobuf.util.toJSONOptions);
        };

        return WsInfo;
    })();

    yunhu.WsWrapper = (function() {

        const WsWrapper = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        WsWrapper.prototype.info = null;
        WsWrapper.prototype.data = null;

        WsWrapper.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.info != null && $Object.hasOwnProperty.call(message, "info"))
                $root.yunhu.WsInfo.encode(message.info, writer.uint32(10).fork(), _depth + 1).ldelim();
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                $root.yunhu.Any.encode(message.data, writer.uint32(18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        WsWrapper.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.WsWrapper();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.info = $root.yunhu.WsInfo.decode(reader, reader.size(), $undefined, _depth + 1, message.info);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.data = $root.yunhu.Any.decode(reader, reader.size(), $undefined, _depth + 1, message.data);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        WsWrapper.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.WsWrapper)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.WsWrapper: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.WsWrapper();
            if (object.info != null) {
                if (!$util.isObject(object.info))
                    throw $TypeError(".yunhu.WsWrapper.info: object expected");
                message.info = $root.yunhu.WsInfo.fromObject(object.info, _depth + 1);
            }
            if (object.data != null) {
                if (!$util.isObject(object.data))
                    throw $TypeError(".yunhu.WsWrapper.data: object expected");
                message.data = $root.yunhu.Any.fromObject(object.data, _depth + 1);
            }
            return message;
        };

        WsWrapper.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.info = null;
                object.data = null;
            }
            if (message.info != null && $Object.hasOwnProperty.call(message, "info"))
                object.info = $root.yunhu.WsInfo.toObject(message.info, options, _depth + 1);
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                object.data = $root.yunhu.Any.toObject(message.data, options, _depth + 1);
            return object;
        };

        WsWrapper.prototype.toJSON = function() {
            return WsWrapper.toObject(this, $protobuf.util.toJSONOptions);
        };

        return WsWrapper;
    })();

    yunhu.Tag = (function() {

        const Tag = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        Tag.prototype.id = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        Tag.prototype.group_id = "";
        Tag.prototype.text = "";
        Tag.prototype.color = "";

        Tag.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.id != null && $Object.hasOwnProperty.call(message, "id") && (typeof message.id === "object" ? message.id.low || message.id.high : message.id !== 0))
                writer.uint32(8).uint64(message.id);
            if (message.group_id != null && $Object.hasOwnProperty.call(message, "group_id") && message.group_id !== "")
                writer.uint32(18).string(message.group_id);
            if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                writer.uint32(26).string(message.text);
            if (message.color != null && $Object.hasOwnProperty.call(message, "color") && message.color !== "")
                writer.uint32(34).string(message.color);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        Tag.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.Tag();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.id = value;
                        else
                            delete message.id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.group_id = value;
                        else
                            delete message.group_id;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.text = value;
                        else
                            delete message.text;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.color = value;
                        else
                            delete message.color;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        Tag.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.Tag)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.Tag: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.Tag();
            if (object.id != null)
                if (typeof object.id === "object" ? object.id.low || object.id.high : $Number(object.id) !== 0)
                    if ($util.Long)
                        message.id = $util.Long.fromValue(object.id, true);
                    else if (typeof object.id === "string")
                        message.id = $parseInt(object.id, 10);
                    else if (typeof object.id === "number")
                        message.id = object.id;
                    else if (typeof object.id === "object")
                        message.id = new $util.LongBits(object.id.low >>> 0, object.id.high >>> 0).toNumber(true);
            if (object.group_id != null)
                if (typeof object.group_id !== "string" || object.group_id.length)
                    message.group_id = $String(object.group_id);
            if (object.text != null)
                if (typeof object.text !== "string" || object.text.length)
                    message.text = $String(object.text);
            if (object.color != null)
                if (typeof object.color !== "string" || object.color.length)
                    message.color = $String(object.color);
            return message;
        };

        Tag.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.id = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.id = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.group_id = "";
                object.text = "";
                object.color = "";
            }
            if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.id = typeof message.id === "number" ? $BigInt(message.id) : $util.Long.fromBits(message.id.low >>> 0, message.id.high >>> 0, true).toBigInt();
                else if (typeof message.id === "number")
                    object.id = options.longs === $String ? $String(message.id) : message.id;
                else
                    object.id = options.longs === $String ? $util.Long.prototype.toString.call(message.id) : options.longs === $Number ? new $util.LongBits(message.id.low >>> 0, message.id.high >>> 0).toNumber(true) : message.id;
            if (message.group_id != null && $Object.hasOwnProperty.call(message, "group_id"))
                object.group_id = message.group_id;
            if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                object.text = message.text;
            if (message.color != null && $Object.hasOwnProperty.call(message, "color"))
                object.color = message.color;
            return object;
        };

        Tag.prototype.toJSON = function() {
            return Tag.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Tag;
    })();

    yunhu.Sender = (function() {

        const Sender = function (properties) {
            this.tag_old = [];
            this.tag = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        Sender.prototype.chat_id = "";
        Sender.prototype.chat_type = 0;
        Sender.prototype.name = "";
        Sender.prototype.avatar_url = "";
        Sender.prototype.is_vip = false;
        Sender.prototype.tag_old = $util.emptyArray;
        Sender.prototype.tag = $util.emptyArray;

        Sender.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id") && message.chat_id !== "")
                writer.uint32(10).string(message.chat_id);
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type") && message.chat_type !== 0)
                writer.uint32(16).int32(message.chat_type);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(26).string(message.name);
            if (message.avatar_url != null && $Object.hasOwnProperty.call(message, "avatar_url") && message.avatar_url !== "")
                writer.uint32(34).string(message.avatar_url);
            if (message.is_vip != null && $Object.hasOwnProperty.call(message, "is_vip") && message.is_vip !== false)
                writer.uint32(40).bool(message.is_vip);
            if (message.tag_old != null && message.tag_old.length)
                for (let i = 0; i < message.tag_old.length; ++i)
                    writer.uint32(50).string(message.tag_old[i]);
            if (message.tag != null && message.tag.length)
                for (let i = 0; i < message.tag.length; ++i)
                    $root.yunhu.Tag.encode(message.tag[i], writer.uint32(58).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        Sender.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.Sender();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.chat_id = value;
                        else
                            delete message.chat_id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.chat_type = value;
                        else
                            delete message.chat_type;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.avatar_url = value;
                        else
                            delete message.avatar_url;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.is_vip = value;
                        else
                            delete message.is_vip;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if (!(message.tag_old && message.tag_old.length))
                            message.tag_old = [];
                        message.tag_old.push(reader.stringVerify());
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if (!(message.tag && message.tag.length))
                            message.tag = [];
                        message.tag.push($root.yunhu.Tag.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        Sender.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.Sender)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.Sender: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.Sender();
            if (object.chat_id != null)
                if (typeof object.chat_id !== "string" || object.chat_id.length)
                    message.chat_id = $String(object.chat_id);
            if (object.chat_type !== 0 && (typeof object.chat_type !== "string" || $root.yunhu.ChatType[object.chat_type] !== 0))
                switch (object.chat_type) {
                case "CHAT_TYPE_UNSPECIFIED":
                case 0:
                    message.chat_type = 0;
                    break;
                case "user":
                case 1:
                    message.chat_type = 1;
                    break;
                case "group":
                case 2:
                    message.chat_type = 2;
                    break;
                case "bot":
                case 3:
                    message.chat_type = 3;
                    break;
                default:
                    if (typeof object.chat_type === "number" && (object.chat_type | 0) === object.chat_type)
                        message.chat_type = object.chat_type;
                }
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            if (object.avatar_url != null)
                if (typeof object.avatar_url !== "string" || object.avatar_url.length)
                    message.avatar_url = $String(object.avatar_url);
            if (object.is_vip != null)
                if (object.is_vip)
                    message.is_vip = $Boolean(object.is_vip);
            if (object.tag_old) {
                if (!$Array.isArray(object.tag_old))
                    throw $TypeError(".yunhu.Sender.tag_old: array expected");
                message.tag_old = $Array(object.tag_old.length);
                for (let i = 0; i < object.tag_old.length; ++i)
                    message.tag_old[i] = $String(object.tag_old[i]);
            }
            if (object.tag) {
                if (!$Array.isArray(object.tag))
                    throw $TypeError(".yunhu.Sender.tag: array expected");
                message.tag = $Array(object.tag.length);
                for (let i = 0; i < object.tag.length; ++i) {
                    if (!$util.isObject(object.tag[i]))
                        throw $TypeError(".yunhu.Sender.tag: object expected");
                    message.tag[i] = $root.yunhu.Tag.fromObject(object.tag[i], _depth + 1);
                }
            }
            return message;
        };

        Sender.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.tag_old = [];
                object.tag = [];
            }
            if (options.defaults) {
                object.chat_id = "";
                object.chat_type = options.enums === $String ? "CHAT_TYPE_UNSPECIFIED" : 0;
                object.name = "";
                object.avatar_url = "";
                object.is_vip = false;
            }
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id"))
                object.chat_id = message.chat_id;
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type"))
                object.chat_type = options.enums === $String ? $root.yunhu.ChatType[message.chat_type] === $undefined ? message.chat_type : $root.yunhu.ChatType[message.chat_type] : message.chat_type;
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.avatar_url != null && $Object.hasOwnProperty.call(message, "avatar_url"))
                object.avatar_url = message.avatar_url;
            if (message.is_vip != null && $Object.hasOwnProperty.call(message, "is_vip"))
                object.is_vip = message.is_vip;
            if (message.tag_old && message.tag_old.length) {
                object.tag_old = $Array(message.tag_old.length);
                for (let j = 0; j < message.tag_old.length; ++j)
                    object.tag_old[j] = message.tag_old[j];
            }
            if (message.tag && message.tag.length) {
                object.tag = $Array(message.tag.length);
                for (let j = 0; j < message.tag.length; ++j)
                    object.tag[j] = $root.yunhu.Tag.toObject(message.tag[j], options, _depth + 1);
            }
            return object;
        };

        Sender.prototype.toJSON = function() {
            return Sender.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Sender;
    })();

    yunhu.Cmd = (function() {

        const Cmd = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        Cmd.prototype.cmd_id = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        Cmd.prototype.name = "";
        Cmd.prototype.type = 0;

        Cmd.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.cmd_id != null && $Object.hasOwnProperty.call(message, "cmd_id") && (typeof message.cmd_id === "object" ? message.cmd_id.low || message.cmd_id.high : message.cmd_id !== 0))
                writer.uint32(8).uint64(message.cmd_id);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(18).string(message.name);
            if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                writer.uint32(32).int32(message.type);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        Cmd.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.Cmd();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.cmd_id = value;
                        else
                            delete message.cmd_id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.type = value;
                        else
                            delete message.type;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        Cmd.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.Cmd)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.Cmd: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.Cmd();
            if (object.cmd_id != null)
                if (typeof object.cmd_id === "object" ? object.cmd_id.low || object.cmd_id.high : $Number(object.cmd_id) !== 0)
                    if ($util.Long)
                        message.cmd_id = $util.Long.fromValue(object.cmd_id, true);
                    else if (typeof object.cmd_id === "string")
                        message.cmd_id = $parseInt(object.cmd_id, 10);
                    else if (typeof object.cmd_id === "number")
                        message.cmd_id = object.cmd_id;
                    else if (typeof object.cmd_id === "object")
                        message.cmd_id = new $util.LongBits(object.cmd_id.low >>> 0, object.cmd_id.high >>> 0).toNumber(true);
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            if (object.type != null)
                if ($Number(object.type) !== 0)
                    message.type = object.type | 0;
            return message;
        };

        Cmd.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.cmd_id = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.cmd_id = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.name = "";
                object.type = 0;
            }
            if (message.cmd_id != null && $Object.hasOwnProperty.call(message, "cmd_id"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.cmd_id = typeof message.cmd_id === "number" ? $BigInt(message.cmd_id) : $util.Long.fromBits(message.cmd_id.low >>> 0, message.cmd_id.high >>> 0, true).toBigInt();
                else if (typeof message.cmd_id === "number")
                    object.cmd_id = options.longs === $String ? $String(message.cmd_id) : message.cmd_id;
                else
                    object.cmd_id = options.longs === $String ? $util.Long.prototype.toString.call(message.cmd_id) : options.longs === $Number ? new $util.LongBits(message.cmd_id.low >>> 0, message.cmd_id.high >>> 0).toNumber(true) : message.cmd_id;
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                object.type = message.type;
            return object;
        };

        Cmd.prototype.toJSON = function() {
            return Cmd.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Cmd;
    })();

    yunhu.MsgContent = (function() {

        const MsgContent = function (properties) {
            this.mentioned_id = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        MsgContent.prototype.text = "";
        MsgContent.prototype.buttons = "";
        MsgContent.prototype.image_url = "";
        MsgContent.prototype.file_name = "";
        MsgContent.prototype.file_url = "";
        MsgContent.prototype.mentioned_id = $util.emptyArray;
        MsgContent.prototype.form = "";
        MsgContent.prototype.quote_msg_text = "";
        MsgContent.prototype.sticker_url = "";
        MsgContent.prototype.post_id = "";
        MsgContent.prototype.post_title = "";
        MsgContent.prototype.post_content = "";
        MsgContent.prototype.post_content_type = "";
        MsgContent.prototype.expression_id = "";
        MsgContent.prototype.quote_image_url = "";
        MsgContent.prototype.quote_image_name = "";
        MsgContent.prototype.file_size = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        MsgContent.prototype.video_url = "";
        MsgContent.prototype.video_time = 0;
        MsgContent.prototype.audio_url = "";
        MsgContent.prototype.audio_time = 0;
        MsgContent.prototype.quote_video_url = "";
        MsgContent.prototype.quote_video_time = 0;
        MsgContent.prototype.sticker_item_id = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        MsgContent.prototype.sticker_pack_id = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        MsgContent.prototype.call_text = "";
        MsgContent.prototype.call_status_text = "";
        MsgContent.prototype.width = 0;
        MsgContent.prototype.height = 0;
        MsgContent.prototype.tip = "";

        MsgContent.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                writer.uint32(10).string(message.text);
            if (message.buttons != null && $Object.hasOwnProperty.call(message, "buttons") && message.buttons !== "")
                writer.uint32(18).string(message.buttons);
            if (message.image_url != null && $Object.hasOwnProperty.call(message, "image_url") && message.image_url !== "")
                writer.uint32(26).string(message.image_url);
            if (message.file_name != null && $Object.hasOwnProperty.call(message, "file_name") && message.file_name !== "")
                writer.uint32(34).string(message.file_name);
            if (message.file_url != null && $Object.hasOwnProperty.call(message, "file_url") && message.file_url !== "")
                writer.uint32(42).string(message.file_url);
            if (message.mentioned_id != null && message.mentioned_id.length)
                for (let i = 0; i < message.mentioned_id.length; ++i)
                    writer.uint32(50).string(message.mentioned_id[i]);
            if (message.form != null && $Object.hasOwnProperty.call(message, "form") && message.form !== "")
                writer.uint32(58).string(message.form);
            if (message.quote_msg_text != null && $Object.hasOwnProperty.call(message, "quote_msg_text") && message.quote_msg_text !== "")
                writer.uint32(66).string(message.quote_msg_text);
            if (message.sticker_url != null && $Object.hasOwnProperty.call(message, "sticker_url") && message.sticker_url !== "")
                writer.uint32(74).string(message.sticker_url);
            if (message.post_id != null && $Object.hasOwnProperty.call(message, "post_id") && message.post_id !== "")
                writer.uint32(82).string(message.post_id);
            if (message.post_title != null && $Object.hasOwnProperty.call(message, "post_title") && message.post_title !== "")
                writer.uint32(90).string(message.post_title);
            if (message.post_content != null && $Object.hasOwnProperty.call(message, "post_content") && message.post_content !== "")
                writer.uint32(98).string(message.post_content);
            if (message.post_content_type != null && $Object.hasOwnProperty.call(message, "post_content_type") && message.post_content_type !== "")
                writer.uint32(106).string(message.post_content_type);
            if (message.expression_id != null && $Object.hasOwnProperty.call(message, "expression_id") && message.expression_id !== "")
                writer.uint32(122).string(message.expression_id);
            if (message.quote_image_url != null && $Object.hasOwnProperty.call(message, "quote_image_url") && message.quote_image_url !== "")
                writer.uint32(130).string(message.quote_image_url);
            if (message.quote_image_name != null && $Object.hasOwnProperty.call(message, "quote_image_name") && message.quote_image_name !== "")
                writer.uint32(138).string(message.quote_image_name);
            if (message.file_size != null && $Object.hasOwnProperty.call(message, "file_size") && (typeof message.file_size === "object" ? message.file_size.low || message.file_size.high : message.file_size !== 0))
                writer.uint32(144).int64(message.file_size);
            if (message.video_url != null && $Object.hasOwnProperty.call(message, "video_url") && message.video_url !== "")
                writer.uint32(154).string(message.video_url);
            if (message.video_time != null && $Object.hasOwnProperty.call(message, "video_time") && message.video_time !== 0)
                writer.uint32(160).int32(message.video_time);
            if (message.audio_url != null && $Object.hasOwnProperty.call(message, "audio_url") && message.audio_url !== "")
                writer.uint32(170).string(message.audio_url);
            if (message.audio_time != null && $Object.hasOwnProperty.call(message, "audio_time") && message.audio_time !== 0)
                writer.uint32(176).int32(message.audio_time);
            if (message.quote_video_url != null && $Object.hasOwnProperty.call(message, "quote_video_url") && message.quote_video_url !== "")
                writer.uint32(186).string(message.quote_video_url);
            if (message.quote_video_time != null && $Object.hasOwnProperty.call(message, "quote_video_time") && message.quote_video_time !== 0)
                writer.uint32(192).int32(message.quote_video_time);
            if (message.sticker_item_id != null && $Object.hasOwnProperty.call(message, "sticker_item_id") && (typeof message.sticker_item_id === "object" ? message.sticker_item_id.low || message.sticker_item_id.high : message.sticker_item_id !== 0))
                writer.uint32(200).int64(message.sticker_item_id);
            if (message.sticker_pack_id != null && $Object.hasOwnProperty.call(message, "sticker_pack_id") && (typeof message.sticker_pack_id === "object" ? message.sticker_pack_id.low || message.sticker_pack_id.high : message.sticker_pack_id !== 0))
                writer.uint32(208).int64(message.sticker_pack_id);
            if (message.call_text != null && $Object.hasOwnProperty.call(message, "call_text") && message.call_text !== "")
                writer.uint32(234).string(message.call_text);
            if (message.call_status_text != null && $Object.hasOwnProperty.call(message, "call_status_text") && message.call_status_text !== "")
                writer.uint32(258).string(message.call_status_text);
            if (message.width != null && $Object.hasOwnProperty.call(message, "width") && message.width !== 0)
                writer.uint32(264).int32(message.width);
            if (message.height != null && $Object.hasOwnProperty.call(message, "height") && message.height !== 0)
                writer.uint32(272).int32(message.height);
            if (message.tip != null && $Object.hasOwnProperty.call(message, "tip") && message.tip !== "")
                writer.uint32(298).string(message.tip);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        MsgContent.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.MsgContent();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.text = value;
                        else
                            delete message.text;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.buttons = value;
                        else
                            delete message.buttons;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.image_url = value;
                        else
                            delete message.image_url;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.file_name = value;
                        else
                            delete message.file_name;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.file_url = value;
                        else
                            delete message.file_url;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if (!(message.mentioned_id && message.mentioned_id.length))
                            message.mentioned_id = [];
                        message.mentioned_id.push(reader.stringVerify());
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.form = value;
                        else
                            delete message.form;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.quote_msg_text = value;
                        else
                            delete message.quote_msg_text;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.sticker_url = value;
                        else
                            delete message.sticker_url;
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.post_id = value;
                        else
                            delete message.post_id;
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.post_title = value;
                        else
                            delete message.post_title;
                        continue;
                    }
                case 12: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.post_content = value;
                        else
                            delete message.post_content;
                        continue;
                    }
                case 13: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.post_content_type = value;
                        else
                            delete message.post_content_type;
                        continue;
                    }
                case 15: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.expression_id = value;
                        else
                            delete message.expression_id;
                        continue;
                    }
                case 16: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.quote_image_url = value;
                        else
                            delete message.quote_image_url;
                        continue;
                    }
                case 17: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.quote_image_name = value;
                        else
                            delete message.quote_image_name;
                        continue;
                    }
                case 18: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.file_size = value;
                        else
                            delete message.file_size;
                        continue;
                    }
                case 19: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.video_url = value;
                        else
                            delete message.video_url;
                        continue;
                    }
                case 20: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.video_time = value;
                        else
                            delete message.video_time;
                        continue;
                    }
                case 21: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.audio_url = value;
                        else
                            delete message.audio_url;
                        continue;
                    }
                case 22: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.audio_time = value;
                        else
                            delete message.audio_time;
                        continue;
                    }
                case 23: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.quote_video_url = value;
                        else
                            delete message.quote_video_url;
                        continue;
                    }
                case 24: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.quote_video_time = value;
                        else
                            delete message.quote_video_time;
                        continue;
                    }
                case 25: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.sticker_item_id = value;
                        else
                            delete message.sticker_item_id;
                        continue;
                    }
                case 26: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.sticker_pack_id = value;
                        else
                            delete message.sticker_pack_id;
                        continue;
                    }
                case 29: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.call_text = value;
                        else
                            delete message.call_text;
                        continue;
                    }
                case 32: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.call_status_text = value;
                        else
                            delete message.call_status_text;
                        continue;
                    }
                case 33: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.width = value;
                        else
                            delete message.width;
                        continue;
                    }
                case 34: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.height = value;
                        else
                            delete message.height;
                        continue;
                    }
                case 37: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.tip = value;
                        else
                            delete message.tip;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        MsgContent.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.MsgContent)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.MsgContent: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.MsgContent();
            if (object.text != null)
                if (typeof object.text !== "string" || object.text.length)
                    message.text = $String(object.text);
            if (object.buttons != null)
                if (typeof object.buttons !== "string" || object.buttons.length)
                    message.buttons = $String(object.buttons);
            if (object.image_url != null)
                if (typeof object.image_url !== "string" || object.image_url.length)
                    message.image_url = $String(object.image_url);
            if (object.file_name != null)
                if (typeof object.file_name !== "string" || object.file_name.length)
                    message.file_name = $String(object.file_name);
            if (object.file_url != null)
                if (typeof object.file_url !== "string" || object.file_url.length)
                    message.file_url = $String(object.file_url);
            if (object.mentioned_id) {
                if (!$Array.isArray(object.mentioned_id))
                    throw $TypeError(".yunhu.MsgContent.mentioned_id: array expected");
                message.mentioned_id = $Array(object.mentioned_id.length);
                for (let i = 0; i < object.mentioned_id.length; ++i)
                    message.mentioned_id[i] = $String(object.mentioned_id[i]);
            }
            if (object.form != null)
                if (typeof object.form !== "string" || object.form.length)
                    message.form = $String(object.form);
            if (object.quote_msg_text != null)
                if (typeof object.quote_msg_text !== "string" || object.quote_msg_text.length)
                    message.quote_msg_text = $String(object.quote_msg_text);
            if (object.sticker_url != null)
                if (typeof object.sticker_url !== "string" || object.sticker_url.length)
                    message.sticker_url = $String(object.sticker_url);
            if (object.post_id != null)
                if (typeof object.post_id !== "string" || object.post_id.length)
                    message.post_id = $String(object.post_id);
            if (object.post_title != null)
                if (typeof object.post_title !== "string" || object.post_title.length)
                    message.post_title = $String(object.post_title);
            if (object.post_content != null)
                if (typeof object.post_content !== "string" || object.post_content.length)
                    message.post_content = $String(object.post_content);
            if (object.post_content_type != null)
                if (typeof object.post_content_type !== "string" || object.post_content_type.length)
                    message.post_content_type = $String(object.post_content_type);
            if (object.expression_id != null)
                if (typeof object.expression_id !== "string" || object.expression_id.length)
                    message.expression_id = $String(object.expression_id);
            if (object.quote_image_url != null)
                if (typeof object.quote_image_url !== "string" || object.quote_image_url.length)
                    message.quote_image_url = $String(object.quote_image_url);
            if (object.quote_image_name != null)
                if (typeof object.quote_image_name !== "string" || object.quote_image_name.length)
                    message.quote_image_name = $String(object.quote_image_name);
            if (object.file_size != null)
                if (typeof object.file_size === "object" ? object.file_size.low || object.file_size.high : $Number(object.file_size) !== 0)
                    if ($util.Long)
                        message.file_size = $util.Long.fromValue(object.file_size, false);
                    else if (typeof object.file_size === "string")
                        message.file_size = $parseInt(object.file_size, 10);
                    else if (typeof object.file_size === "number")
                        message.file_size = object.file_size;
                    else if (typeof object.file_size === "object")
                        message.file_size = new $util.LongBits(object.file_size.low >>> 0, object.file_size.high >>> 0).toNumber();
            if (object.video_url != null)
                if (typeof object.video_url !== "string" || object.video_url.length)
                    message.video_url = $String(object.video_url);
            if (object.video_time != null)
                if ($Number(object.video_time) !== 0)
                    message.video_time = object.video_time | 0;
            if (object.audio_url != null)
                if (typeof object.audio_url !== "string" || object.audio_url.length)
                    message.audio_url = $String(object.audio_url);
            if (object.audio_time != null)
                if ($Number(object.audio_time) !== 0)
                    message.audio_time = object.audio_time | 0;
            if (object.quote_video_url != null)
                if (typeof object.quote_video_url !== "string" || object.quote_video_url.length)
                    message.quote_video_url = $String(object.quote_video_url);
            if (object.quote_video_time != null)
                if ($Number(object.quote_video_time) !== 0)
                    message.quote_video_time = object.quote_video_time | 0;
            if (object.sticker_item_id != null)
                if (typeof object.sticker_item_id === "object" ? object.sticker_item_id.low || object.sticker_item_id.high : $Number(object.sticker_item_id) !== 0)
                    if ($util.Long)
                        message.sticker_item_id = $util.Long.fromValue(object.sticker_item_id, false);
                    else if (typeof object.sticker_item_id === "string")
                        message.sticker_item_id = $parseInt(object.sticker_item_id, 10);
                    else if (typeof object.sticker_item_id === "number")
                        message.sticker_item_id = object.sticker_item_id;
                    else if (typeof object.sticker_item_id === "object")
                        message.sticker_item_id = new $util.LongBits(object.sticker_item_id.low >>> 0, object.sticker_item_id.high >>> 0).toNumber();
            if (object.sticker_pack_id != null)
                if (typeof object.sticker_pack_id === "object" ? object.sticker_pack_id.low || object.sticker_pack_id.high : $Number(object.sticker_pack_id) !== 0)
                    if ($util.Long)
                        message.sticker_pack_id = $util.Long.fromValue(object.sticker_pack_id, false);
                    else if (typeof object.sticker_pack_id === "string")
                        message.sticker_pack_id = $parseInt(object.sticker_pack_id, 10);
                    else if (typeof object.sticker_pack_id === "number")
                        message.sticker_pack_id = object.sticker_pack_id;
                    else if (typeof object.sticker_pack_id === "object")
                        message.sticker_pack_id = new $util.LongBits(object.sticker_pack_id.low >>> 0, object.sticker_pack_id.high >>> 0).toNumber();
            if (object.call_text != null)
                if (typeof object.call_text !== "string" || object.call_text.length)
                    message.call_text = $String(object.call_text);
            if (object.call_status_text != null)
                if (typeof object.call_status_text !== "string" || object.call_status_text.length)
                    message.call_status_text = $String(object.call_status_text);
            if (object.width != null)
                if ($Number(object.width) !== 0)
                    message.width = object.width | 0;
            if (object.height != null)
                if ($Number(object.height) !== 0)
                    message.height = object.height | 0;
            if (object.tip != null)
                if (typeof object.tip !== "string" || object.tip.length)
                    message.tip = $String(object.tip);
            return message;
        };

        MsgContent.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.mentioned_id = [];
            if (options.defaults) {
                object.text = "";
                object.buttons = "";
                object.image_url = "";
                object.file_name = "";
                object.file_url = "";
                object.form = "";
                object.quote_msg_text = "";
                object.sticker_url = "";
                object.post_id = "";
                object.post_title = "";
                object.post_content = "";
                object.post_content_type = "";
                object.expression_id = "";
                object.quote_image_url = "";
                object.quote_image_name = "";
                if ($util.Long) {
                    let long = new $util.Long(0, 0, false);
                    object.file_size = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.file_size = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.video_url = "";
                object.video_time = 0;
                object.audio_url = "";
                object.audio_time = 0;
                object.quote_video_url = "";
                object.quote_video_time = 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, false);
                    object.sticker_item_id = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.sticker_item_id = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, false);
                    object.sticker_pack_id = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.sticker_pack_id = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.call_text = "";
                object.call_status_text = "";
                object.width = 0;
                object.height = 0;
                object.tip = "";
            }
            if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                object.text = message.text;
            if (message.buttons != null && $Object.hasOwnProperty.call(message, "buttons"))
                object.buttons = message.buttons;
            if (message.image_url != null && $Object.hasOwnProperty.call(message, "image_url"))
                object.image_url = message.image_url;
            if (message.file_name != null && $Object.hasOwnProperty.call(message, "file_name"))
                object.file_name = message.file_name;
            if (message.file_url != null && $Object.hasOwnProperty.call(message, "file_url"))
                object.file_url = message.file_url;
            if (message.mentioned_id && message.mentioned_id.length) {
                object.mentioned_id = $Array(message.mentioned_id.length);
                for (let j = 0; j < message.mentioned_id.length; ++j)
                    object.mentioned_id[j] = message.mentioned_id[j];
            }
            if (message.form != null && $Object.hasOwnProperty.call(message, "form"))
                object.form = message.form;
            if (message.quote_msg_text != null && $Object.hasOwnProperty.call(message, "quote_msg_text"))
                object.quote_msg_text = message.quote_msg_text;
            if (message.sticker_url != null && $Object.hasOwnProperty.call(message, "sticker_url"))
                object.sticker_url = message.sticker_url;
            if (message.post_id != null && $Object.hasOwnProperty.call(message, "post_id"))
                object.post_id = message.post_id;
            if (message.post_title != null && $Object.hasOwnProperty.call(message, "post_title"))
                object.post_title = message.post_title;
            if (message.post_content != null && $Object.hasOwnProperty.call(message, "post_content"))
                object.post_content = message.post_content;
            if (message.post_content_type != null && $Object.hasOwnProperty.call(message, "post_content_type"))
                object.post_content_type = message.post_content_type;
            if (message.expression_id != null && $Object.hasOwnProperty.call(message, "expression_id"))
                object.expression_id = message.expression_id;
            if (message.quote_image_url != null && $Object.hasOwnProperty.call(message, "quote_image_url"))
                object.quote_image_url = message.quote_image_url;
            if (message.quote_image_name != null && $Object.hasOwnProperty.call(message, "quote_image_name"))
                object.quote_image_name = message.quote_image_name;
            if (message.file_size != null && $Object.hasOwnProperty.call(message, "file_size"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.file_size = typeof message.file_size === "number" ? $BigInt(message.file_size) : $util.Long.fromBits(message.file_size.low >>> 0, message.file_size.high >>> 0, false).toBigInt();
                else if (typeof message.file_size === "number")
                    object.file_size = options.longs === $String ? $String(message.file_size) : message.file_size;
                else
                    object.file_size = options.longs === $String ? $util.Long.prototype.toString.call(message.file_size) : options.longs === $Number ? new $util.LongBits(message.file_size.low >>> 0, message.file_size.high >>> 0).toNumber() : message.file_size;
            if (message.video_url != null && $Object.hasOwnProperty.call(message, "video_url"))
                object.video_url = message.video_url;
            if (message.video_time != null && $Object.hasOwnProperty.call(message, "video_time"))
                object.video_time = message.video_time;
            if (message.audio_url != null && $Object.hasOwnProperty.call(message, "audio_url"))
                object.audio_url = message.audio_url;
            if (message.audio_time != null && $Object.hasOwnProperty.call(message, "audio_time"))
                object.audio_time = message.audio_time;
            if (message.quote_video_url != null && $Object.hasOwnProperty.call(message, "quote_video_url"))
                object.quote_video_url = message.quote_video_url;
            if (message.quote_video_time != null && $Object.hasOwnProperty.call(message, "quote_video_time"))
                object.quote_video_time = message.quote_video_time;
            if (message.sticker_item_id != null && $Object.hasOwnProperty.call(message, "sticker_item_id"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.sticker_item_id = typeof message.sticker_item_id === "number" ? $BigInt(message.sticker_item_id) : $util.Long.fromBits(message.sticker_item_id.low >>> 0, message.sticker_item_id.high >>> 0, false).toBigInt();
                else if (typeof message.sticker_item_id === "number")
                    object.sticker_item_id = options.longs === $String ? $String(message.sticker_item_id) : message.sticker_item_id;
                else
                    object.sticker_item_id = options.longs === $String ? $util.Long.prototype.toString.call(message.sticker_item_id) : options.longs === $Number ? new $util.LongBits(message.sticker_item_id.low >>> 0, message.sticker_item_id.high >>> 0).toNumber() : message.sticker_item_id;
            if (message.sticker_pack_id != null && $Object.hasOwnProperty.call(message, "sticker_pack_id"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.sticker_pack_id = typeof message.sticker_pack_id === "number" ? $BigInt(message.sticker_pack_id) : $util.Long.fromBits(message.sticker_pack_id.low >>> 0, message.sticker_pack_id.high >>> 0, false).toBigInt();
                else if (typeof message.sticker_pack_id === "number")
                    object.sticker_pack_id = options.longs === $String ? $String(message.sticker_pack_id) : message.sticker_pack_id;
                else
                    object.sticker_pack_id = options.longs === $String ? $util.Long.prototype.toString.call(message.sticker_pack_id) : options.longs === $Number ? new $util.LongBits(message.sticker_pack_id.low >>> 0, message.sticker_pack_id.high >>> 0).toNumber() : message.sticker_pack_id;
            if (message.call_text != null && $Object.hasOwnProperty.call(message, "call_text"))
                object.call_text = message.call_text;
            if (message.call_status_text != null && $Object.hasOwnProperty.call(message, "call_status_text"))
                object.call_status_text = message.call_status_text;
            if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                object.width = message.width;
            if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                object.height = message.height;
            if (message.tip != null && $Object.hasOwnProperty.call(message, "tip"))
                object.tip = message.tip;
            return object;
        };

        MsgContent.prototype.toJSON = function() {
            return MsgContent.toObject(this, $protobuf.util.toJSONOptions);
        };

        return MsgContent;
    })();

    yunhu.PushMessage = (function() {

        const PushMessage = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        PushMessage.prototype.msg_id = "";
        PushMessage.prototype.sender = null;
        PushMessage.prototype.recv_id = "";
        PushMessage.prototype.chat_id = "";
        PushMessage.prototype.chat_type = 0;
        PushMessage.prototype.content = null;
        PushMessage.prototype.content_type = 0;
        PushMessage.prototype.timestamp = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        PushMessage.prototype.cmd = null;
        PushMessage.prototype.delete_timestamp = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        PushMessage.prototype.quote_msg_id = "";
        PushMessage.prototype.msg_seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        PushMessage.prototype.edit_time = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        PushMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.msg_id != null && $Object.hasOwnProperty.call(message, "msg_id") && message.msg_id !== "")
                writer.uint32(10).string(message.msg_id);
            if (message.sender != null && $Object.hasOwnProperty.call(message, "sender"))
                $root.yunhu.Sender.encode(message.sender, writer.uint32(18).fork(), _depth + 1).ldelim();
            if (message.recv_id != null && $Object.hasOwnProperty.call(message, "recv_id") && message.recv_id !== "")
                writer.uint32(26).string(message.recv_id);
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id") && message.chat_id !== "")
                writer.uint32(34).string(message.chat_id);
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type") && message.chat_type !== 0)
                writer.uint32(40).int32(message.chat_type);
            if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                $root.yunhu.MsgContent.encode(message.content, writer.uint32(50).fork(), _depth + 1).ldelim();
            if (message.content_type != null && $Object.hasOwnProperty.call(message, "content_type") && message.content_type !== 0)
                writer.uint32(56).int32(message.content_type);
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp") && (typeof message.timestamp === "object" ? message.timestamp.low || message.timestamp.high : message.timestamp !== 0))
                writer.uint32(64).uint64(message.timestamp);
            if (message.cmd != null && $Object.hasOwnProperty.call(message, "cmd"))
                $root.yunhu.Cmd.encode(message.cmd, writer.uint32(74).fork(), _depth + 1).ldelim();
            if (message.delete_timestamp != null && $Object.hasOwnProperty.call(message, "delete_timestamp") && (typeof message.delete_timestamp === "object" ? message.delete_timestamp.low || message.delete_timestamp.high : message.delete_timestamp !== 0))
                writer.uint32(80).uint64(message.delete_timestamp);
            if (message.quote_msg_id != null && $Object.hasOwnProperty.call(message, "quote_msg_id") && message.quote_msg_id !== "")
                writer.uint32(90).string(message.quote_msg_id);
            if (message.msg_seq != null && $Object.hasOwnProperty.call(message, "msg_seq") && (typeof message.msg_seq === "object" ? message.msg_seq.low || message.msg_seq.high : message.msg_seq !== 0))
                writer.uint32(96).uint64(message.msg_seq);
            if (message.edit_time != null && $Object.hasOwnProperty.call(message, "edit_time") && (typeof message.edit_time === "object" ? message.edit_time.low || message.edit_time.high : message.edit_time !== 0))
                writer.uint32(112).uint64(message.edit_time);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        PushMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.PushMessage();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.msg_id = value;
                        else
                            delete message.msg_id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.sender = $root.yunhu.Sender.decode(reader, reader.size(), $undefined, _depth + 1, message.sender);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.recv_id = value;
                        else
                            delete message.recv_id;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.chat_id = value;
                        else
                            delete message.chat_id;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.chat_type = value;
                        else
                            delete message.chat_type;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        message.content = $root.yunhu.MsgContent.decode(reader, reader.size(), $undefined, _depth + 1, message.content);
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.content_type = value;
                        else
                            delete message.content_type;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.timestamp = value;
                        else
                            delete message.timestamp;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        message.cmd = $root.yunhu.Cmd.decode(reader, reader.size(), $undefined, _depth + 1, message.cmd);
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.delete_timestamp = value;
                        else
                            delete message.delete_timestamp;
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.quote_msg_id = value;
                        else
                            delete message.quote_msg_id;
                        continue;
                    }
                case 12: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.msg_seq = value;
                        else
                            delete message.msg_seq;
                        continue;
                    }
                case 14: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.edit_time = value;
                        else
                            delete message.edit_time;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        PushMessage.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.PushMessage)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.PushMessage: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.PushMessage();
            if (object.msg_id != null)
                if (typeof object.msg_id !== "string" || object.msg_id.length)
                    message.msg_id = $String(object.msg_id);
            if (object.sender != null) {
                if (!$util.isObject(object.sender))
                    throw $TypeError(".yunhu.PushMessage.sender: object expected");
                message.sender = $root.yunhu.Sender.fromObject(object.sender, _depth + 1);
            }
            if (object.recv_id != null)
                if (typeof object.recv_id !== "string" || object.recv_id.length)
                    message.recv_id = $String(object.recv_id);
            if (object.chat_id != null)
                if (typeof object.chat_id !== "string" || object.chat_id.length)
                    message.chat_id = $String(object.chat_id);
            if (object.chat_type !== 0 && (typeof object.chat_type !== "string" || $root.yunhu.ChatType[object.chat_type] !== 0))
                switch (object.chat_type) {
                case "CHAT_TYPE_UNSPECIFIED":
                case 0:
                    message.chat_type = 0;
                    break;
                case "user":
                case 1:
                    message.chat_type = 1;
                    break;
                case "group":
                case 2:
                    message.chat_type = 2;
                    break;
                case "bot":
                case 3:
                    message.chat_type = 3;
                    break;
                default:
                    if (typeof object.chat_type === "number" && (object.chat_type | 0) === object.chat_type)
                        message.chat_type = object.chat_type;
                }
            if (object.content != null) {
                if (!$util.isObject(object.content))
                    throw $TypeError(".yunhu.PushMessage.content: object expected");
                message.content = $root.yunhu.MsgContent.fromObject(object.content, _depth + 1);
            }
            if (object.content_type !== 0 && (typeof object.content_type !== "string" || $root.yunhu.ContentType[object.content_type] !== 0))
                switch (object.content_type) {
                case "CONTENT_TYPE_UNSPECIFIED":
                case 0:
                    message.content_type = 0;
                    break;
                case "text":
                case 1:
                    message.content_type = 1;
                    break;
                case "image":
                case 2:
                    message.content_type = 2;
                    break;
                case "markdown":
                case 3:
                    message.content_type = 3;
                    break;
                case "file":
                case 4:
                    message.content_type = 4;
                    break;
                case "form":
                case 5:
                    message.content_type = 5;
                    break;
                case "sticker":
                case 7:
                    message.content_type = 7;
                    break;
                case "html":
                case 8:
                    message.content_type = 8;
                    break;
                case "audio":
                case 11:
                    message.content_type = 11;
                    break;
                case "call":
                case 13:
                    message.content_type = 13;
                    break;
                default:
                    if (typeof object.content_type === "number" && (object.content_type | 0) === object.content_type)
                        message.content_type = object.content_type;
                }
            if (object.timestamp != null)
                if (typeof object.timestamp === "object" ? object.timestamp.low || object.timestamp.high : $Number(object.timestamp) !== 0)
                    if ($util.Long)
                        message.timestamp = $util.Long.fromValue(object.timestamp, true);
                    else if (typeof object.timestamp === "string")
                        message.timestamp = $parseInt(object.timestamp, 10);
                    else if (typeof object.timestamp === "number")
                        message.timestamp = object.timestamp;
                    else if (typeof object.timestamp === "object")
                        message.timestamp = new $util.LongBits(object.timestamp.low >>> 0, object.timestamp.high >>> 0).toNumber(true);
            if (object.cmd != null) {
                if (!$util.isObject(object.cmd))
                    throw $TypeError(".yunhu.PushMessage.cmd: object expected");
                message.cmd = $root.yunhu.Cmd.fromObject(object.cmd, _depth + 1);
            }
            if (object.delete_timestamp != null)
                if (typeof object.delete_timestamp === "object" ? object.delete_timestamp.low || object.delete_timestamp.high : $Number(object.delete_timestamp) !== 0)
                    if ($util.Long)
                        message.delete_timestamp = $util.Long.fromValue(object.delete_timestamp, true);
                    else if (typeof object.delete_timestamp === "string")
                        message.delete_timestamp = $parseInt(object.delete_timestamp, 10);
                    else if (typeof object.delete_timestamp === "number")
                        message.delete_timestamp = object.delete_timestamp;
                    else if (typeof object.delete_timestamp === "object")
                        message.delete_timestamp = new $util.LongBits(object.delete_timestamp.low >>> 0, object.delete_timestamp.high >>> 0).toNumber(true);
            if (object.quote_msg_id != null)
                if (typeof object.quote_msg_id !== "string" || object.quote_msg_id.length)
                    message.quote_msg_id = $String(object.quote_msg_id);
            if (object.msg_seq != null)
                if (typeof object.msg_seq === "object" ? object.msg_seq.low || object.msg_seq.high : $Number(object.msg_seq) !== 0)
                    if ($util.Long)
                        message.msg_seq = $util.Long.fromValue(object.msg_seq, true);
                    else if (typeof object.msg_seq === "string")
                        message.msg_seq = $parseInt(object.msg_seq, 10);
                    else if (typeof object.msg_seq === "number")
                        message.msg_seq = object.msg_seq;
                    else if (typeof object.msg_seq === "object")
                        message.msg_seq = new $util.LongBits(object.msg_seq.low >>> 0, object.msg_seq.high >>> 0).toNumber(true);
            if (object.edit_time != null)
                if (typeof object.edit_time === "object" ? object.edit_time.low || object.edit_time.high : $Number(object.edit_time) !== 0)
                    if ($util.Long)
                        message.edit_time = $util.Long.fromValue(object.edit_time, true);
                    else if (typeof object.edit_time === "string")
                        message.edit_time = $parseInt(object.edit_time, 10);
                    else if (typeof object.edit_time === "number")
                        message.edit_time = object.edit_time;
                    else if (typeof object.edit_time === "object")
                        message.edit_time = new $util.LongBits(object.edit_time.low >>> 0, object.edit_time.high >>> 0).toNumber(true);
            return message;
        };

        PushMessage.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.msg_id = "";
                object.sender = null;
                object.recv_id = "";
                object.chat_id = "";
                object.chat_type = options.enums === $String ? "CHAT_TYPE_UNSPECIFIED" : 0;
                object.content = null;
                object.content_type = options.enums === $String ? "CONTENT_TYPE_UNSPECIFIED" : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.timestamp = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.timestamp = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.cmd = null;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.delete_timestamp = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.delete_timestamp = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.quote_msg_id = "";
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.msg_seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.msg_seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.edit_time = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.edit_time = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (message.msg_id != null && $Object.hasOwnProperty.call(message, "msg_id"))
                object.msg_id = message.msg_id;
            if (message.sender != null && $Object.hasOwnProperty.call(message, "sender"))
                object.sender = $root.yunhu.Sender.toObject(message.sender, options, _depth + 1);
            if (message.recv_id != null && $Object.hasOwnProperty.call(message, "recv_id"))
                object.recv_id = message.recv_id;
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id"))
                object.chat_id = message.chat_id;
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type"))
                object.chat_type = options.enums === $String ? $root.yunhu.ChatType[message.chat_type] === $undefined ? message.chat_type : $root.yunhu.ChatType[message.chat_type] : message.chat_type;
            if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                object.content = $root.yunhu.MsgContent.toObject(message.content, options, _depth + 1);
            if (message.content_type != null && $Object.hasOwnProperty.call(message, "content_type"))
                object.content_type = options.enums === $String ? $root.yunhu.ContentType[message.content_type] === $undefined ? message.content_type : $root.yunhu.ContentType[message.content_type] : message.content_type;
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.timestamp = typeof message.timestamp === "number" ? $BigInt(message.timestamp) : $util.Long.fromBits(message.timestamp.low >>> 0, message.timestamp.high >>> 0, true).toBigInt();
                else if (typeof message.timestamp === "number")
                    object.timestamp = options.longs === $String ? $String(message.timestamp) : message.timestamp;
                else
                    object.timestamp = options.longs === $String ? $util.Long.prototype.toString.call(message.timestamp) : options.longs === $Number ? new $util.LongBits(message.timestamp.low >>> 0, message.timestamp.high >>> 0).toNumber(true) : message.timestamp;
            if (message.cmd != null && $Object.hasOwnProperty.call(message, "cmd"))
                object.cmd = $root.yunhu.Cmd.toObject(message.cmd, options, _depth + 1);
            if (message.delete_timestamp != null && $Object.hasOwnProperty.call(message, "delete_timestamp"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.delete_timestamp = typeof message.delete_timestamp === "number" ? $BigInt(message.delete_timestamp) : $util.Long.fromBits(message.delete_timestamp.low >>> 0, message.delete_timestamp.high >>> 0, true).toBigInt();
                else if (typeof message.delete_timestamp === "number")
                    object.delete_timestamp = options.longs === $String ? $String(message.delete_timestamp) : message.delete_timestamp;
                else
                    object.delete_timestamp = options.longs === $String ? $util.Long.prototype.toString.call(message.delete_timestamp) : options.longs === $Number ? new $util.LongBits(message.delete_timestamp.low >>> 0, message.delete_timestamp.high >>> 0).toNumber(true) : message.delete_timestamp;
            if (message.quote_msg_id != null && $Object.hasOwnProperty.call(message, "quote_msg_id"))
                object.quote_msg_id = message.quote_msg_id;
            if (message.msg_seq != null && $Object.hasOwnProperty.call(message, "msg_seq"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.msg_seq = typeof message.msg_seq === "number" ? $BigInt(message.msg_seq) : $util.Long.fromBits(message.msg_seq.low >>> 0, message.msg_seq.high >>> 0, true).toBigInt();
                else if (typeof message.msg_seq === "number")
                    object.msg_seq = options.longs === $String ? $String(message.msg_seq) : message.msg_seq;
                else
                    object.msg_seq = options.longs === $String ? $util.Long.prototype.toString.call(message.msg_seq) : options.longs === $Number ? new $util.LongBits(message.msg_seq.low >>> 0, message.msg_seq.high >>> 0).toNumber(true) : message.msg_seq;
            if (message.edit_time != null && $Object.hasOwnProperty.call(message, "edit_time"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.edit_time = typeof message.edit_time === "number" ? $BigInt(message.edit_time) : $util.Long.fromBits(message.edit_time.low >>> 0, message.edit_time.high >>> 0, true).toBigInt();
                else if (typeof message.edit_time === "number")
                    object.edit_time = options.longs === $String ? $String(message.edit_time) : message.edit_time;
                else
                    object.edit_time = options.longs === $String ? $util.Long.prototype.toString.call(message.edit_time) : options.longs === $Number ? new $util.LongBits(message.edit_time.low >>> 0, message.edit_time.high >>> 0).toNumber(true) : message.edit_time;
            return object;
        };

        PushMessage.prototype.toJSON = function() {
            return PushMessage.toObject(this, $protobuf.util.toJSONOptions);
        };

        return PushMessage;
    })();

    yunhu.StreamMessage = (function() {

        const StreamMessage = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        StreamMessage.prototype.msg_id = "";
        StreamMessage.prototype.recv_id = "";
        StreamMessage.prototype.chat_id = "";
        StreamMessage.prototype.content = "";

        StreamMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.msg_id != null && $Object.hasOwnProperty.call(message, "msg_id") && message.msg_id !== "")
                writer.uint32(10).string(message.msg_id);
            if (message.recv_id != null && $Object.hasOwnProperty.call(message, "recv_id") && message.recv_id !== "")
                writer.uint32(18).string(message.recv_id);
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id") && message.chat_id !== "")
                writer.uint32(26).string(message.chat_id);
            if (message.content != null && $Object.hasOwnProperty.call(message, "content") && message.content !== "")
                writer.uint32(34).string(message.content);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        StreamMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.StreamMessage();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.msg_id = value;
                        else
                            delete message.msg_id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.recv_id = value;
                        else
                            delete message.recv_id;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.chat_id = value;
                        else
                            delete message.chat_id;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.content = value;
                        else
                            delete message.content;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        StreamMessage.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.StreamMessage)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.StreamMessage: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.StreamMessage();
            if (object.msg_id != null)
                if (typeof object.msg_id !== "string" || object.msg_id.length)
                    message.msg_id = $String(object.msg_id);
            if (object.recv_id != null)
                if (typeof object.recv_id !== "string" || object.recv_id.length)
                    message.recv_id = $String(object.recv_id);
            if (object.chat_id != null)
                if (typeof object.chat_id !== "string" || object.chat_id.length)
                    message.chat_id = $String(object.chat_id);
            if (object.content != null)
                if (typeof object.content !== "string" || object.content.length)
                    message.content = $String(object.content);
            return message;
        };

        StreamMessage.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.msg_id = "";
                object.recv_id = "";
                object.chat_id = "";
                object.content = "";
            }
            if (message.msg_id != null && $Object.hasOwnProperty.call(message, "msg_id"))
                object.msg_id = message.msg_id;
            if (message.recv_id != null && $Object.hasOwnProperty.call(message, "recv_id"))
                object.recv_id = message.recv_id;
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id"))
                object.chat_id = message.chat_id;
            if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                object.content = message.content;
            return object;
        };

        StreamMessage.prototype.toJSON = function() {
            return StreamMessage.toObject(this, $protobuf.util.toJSONOptions);
        };

        return StreamMessage;
    })();

    yunhu.MsgInput = (function() {

        const MsgInput = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        MsgInput.prototype.chat_id = "";
        MsgInput.prototype.input = "";

        MsgInput.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id") && message.chat_id !== "")
                writer.uint32(10).string(message.chat_id);
            if (message.input != null && $Object.hasOwnProperty.call(message, "input") && message.input !== "")
                writer.uint32(18).string(message.input);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        MsgInput.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.MsgInput();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.chat_id = value;
                        else
                            delete message.chat_id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.input = value;
                        else
                            delete message.input;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        MsgInput.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.MsgInput)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.MsgInput: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.MsgInput();
            if (object.chat_id != null)
                if (typeof object.chat_id !== "string" || object.chat_id.length)
                    message.chat_id = $String(object.chat_id);
            if (object.input != null)
                if (typeof object.input !== "string" || object.input.length)
                    message.input = $String(object.input);
            return message;
        };

        MsgInput.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.chat_id = "";
                object.input = "";
            }
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id"))
                object.chat_id = message.chat_id;
            if (message.input != null && $Object.hasOwnProperty.call(message, "input"))
                object.input = message.input;
            return object;
        };

        MsgInput.prototype.toJSON = function() {
            return MsgInput.toObject(this, $protobuf.util.toJSONOptions);
        };

        return MsgInput;
    })();

    yunhu.FileSendMessage = (function() {

        const FileSendMessage = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        FileSendMessage.prototype.send_user_id = "";
        FileSendMessage.prototype.user_id = "";
        FileSendMessage.prototype.temp_code = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        FileSendMessage.prototype.send_type = "";
        FileSendMessage.prototype.data = "";
        FileSendMessage.prototype.send_deviceId = "";

        FileSendMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.send_user_id != null && $Object.hasOwnProperty.call(message, "send_user_id") && message.send_user_id !== "")
                writer.uint32(10).string(message.send_user_id);
            if (message.user_id != null && $Object.hasOwnProperty.call(message, "user_id") && message.user_id !== "")
                writer.uint32(18).string(message.user_id);
            if (message.temp_code != null && $Object.hasOwnProperty.call(message, "temp_code") && (typeof message.temp_code === "object" ? message.temp_code.low || message.temp_code.high : message.temp_code !== 0))
                writer.uint32(24).uint64(message.temp_code);
            if (message.send_type != null && $Object.hasOwnProperty.call(message, "send_type") && message.send_type !== "")
                writer.uint32(34).string(message.send_type);
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data !== "")
                writer.uint32(42).string(message.data);
            if (message.send_deviceId != null && $Object.hasOwnProperty.call(message, "send_deviceId") && message.send_deviceId !== "")
                writer.uint32(50).string(message.send_deviceId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        FileSendMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.FileSendMessage();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.send_user_id = value;
                        else
                            delete message.send_user_id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.user_id = value;
                        else
                            delete message.user_id;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.temp_code = value;
                        else
                            delete message.temp_code;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.send_type = value;
                        else
                            delete message.send_type;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.send_deviceId = value;
                        else
                            delete message.send_deviceId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        FileSendMessage.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.FileSendMessage)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.FileSendMessage: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.FileSendMessage();
            if (object.send_user_id != null)
                if (typeof object.send_user_id !== "string" || object.send_user_id.length)
                    message.send_user_id = $String(object.send_user_id);
            if (object.user_id != null)
                if (typeof object.user_id !== "string" || object.user_id.length)
                    message.user_id = $String(object.user_id);
            if (object.temp_code != null)
                if (typeof object.temp_code === "object" ? object.temp_code.low || object.temp_code.high : $Number(object.temp_code) !== 0)
                    if ($util.Long)
                        message.temp_code = $util.Long.fromValue(object.temp_code, true);
                    else if (typeof object.temp_code === "string")
                        message.temp_code = $parseInt(object.temp_code, 10);
                    else if (typeof object.temp_code === "number")
                        message.temp_code = object.temp_code;
                    else if (typeof object.temp_code === "object")
                        message.temp_code = new $util.LongBits(object.temp_code.low >>> 0, object.temp_code.high >>> 0).toNumber(true);
            if (object.send_type != null)
                if (typeof object.send_type !== "string" || object.send_type.length)
                    message.send_type = $String(object.send_type);
            if (object.data != null)
                if (typeof object.data !== "string" || object.data.length)
                    message.data = $String(object.data);
            if (object.send_deviceId != null)
                if (typeof object.send_deviceId !== "string" || object.send_deviceId.length)
                    message.send_deviceId = $String(object.send_deviceId);
            return message;
        };

        FileSendMessage.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.send_user_id = "";
                object.user_id = "";
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.temp_code = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.temp_code = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.send_type = "";
                object.data = "";
                object.send_deviceId = "";
            }
            if (message.send_user_id != null && $Object.hasOwnProperty.call(message, "send_user_id"))
                object.send_user_id = message.send_user_id;
            if (message.user_id != null && $Object.hasOwnProperty.call(message, "user_id"))
                object.user_id = message.user_id;
            if (message.temp_code != null && $Object.hasOwnProperty.call(message, "temp_code"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.temp_code = typeof message.temp_code === "number" ? $BigInt(message.temp_code) : $util.Long.fromBits(message.temp_code.low >>> 0, message.temp_code.high >>> 0, true).toBigInt();
                else if (typeof message.temp_code === "number")
                    object.temp_code = options.longs === $String ? $String(message.temp_code) : message.temp_code;
                else
                    object.temp_code = options.longs === $String ? $util.Long.prototype.toString.call(message.temp_code) : options.longs === $Number ? new $util.LongBits(message.temp_code.low >>> 0, message.temp_code.high >>> 0).toNumber(true) : message.temp_code;
            if (message.send_type != null && $Object.hasOwnProperty.call(message, "send_type"))
                object.send_type = message.send_type;
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                object.data = message.data;
            if (message.send_deviceId != null && $Object.hasOwnProperty.call(message, "send_deviceId"))
                object.send_deviceId = message.send_deviceId;
            return object;
        };

        FileSendMessage.prototype.toJSON = function() {
            return FileSendMessage.toObject(this, $protobuf.util.toJSONOptions);
        };

        return FileSendMessage;
    })();

    yunhu.SendMsgRequest = (function() {

        const SendMsgRequest = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        SendMsgRequest.prototype.msg_id = "";
        SendMsgRequest.prototype.chat_id = "";
        SendMsgRequest.prototype.chat_type = 0;
        SendMsgRequest.prototype.content = null;
        SendMsgRequest.prototype.content_type = 0;
        SendMsgRequest.prototype.command_id = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        SendMsgRequest.prototype.quote_msg_id = "";

        SendMsgRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.msg_id != null && $Object.hasOwnProperty.call(message, "msg_id") && message.msg_id !== "")
                writer.uint32(18).string(message.msg_id);
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id") && message.chat_id !== "")
                writer.uint32(26).string(message.chat_id);
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type") && message.chat_type !== 0)
                writer.uint32(32).int32(message.chat_type);
            if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                $root.yunhu.MsgContent.encode(message.content, writer.uint32(42).fork(), _depth + 1).ldelim();
            if (message.content_type != null && $Object.hasOwnProperty.call(message, "content_type") && message.content_type !== 0)
                writer.uint32(48).int32(message.content_type);
            if (message.command_id != null && $Object.hasOwnProperty.call(message, "command_id") && (typeof message.command_id === "object" ? message.command_id.low || message.command_id.high : message.command_id !== 0))
                writer.uint32(56).int64(message.command_id);
            if (message.quote_msg_id != null && $Object.hasOwnProperty.call(message, "quote_msg_id") && message.quote_msg_id !== "")
                writer.uint32(66).string(message.quote_msg_id);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        SendMsgRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.SendMsgRequest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.msg_id = value;
                        else
                            delete message.msg_id;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.chat_id = value;
                        else
                            delete message.chat_id;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.chat_type = value;
                        else
                            delete message.chat_type;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        message.content = $root.yunhu.MsgContent.decode(reader, reader.size(), $undefined, _depth + 1, message.content);
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.content_type = value;
                        else
                            delete message.content_type;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.command_id = value;
                        else
                            delete message.command_id;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.quote_msg_id = value;
                        else
                            delete message.quote_msg_id;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        SendMsgRequest.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.SendMsgRequest)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.SendMsgRequest: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.SendMsgRequest();
            if (object.msg_id != null)
                if (typeof object.msg_id !== "string" || object.msg_id.length)
                    message.msg_id = $String(object.msg_id);
            if (object.chat_id != null)
                if (typeof object.chat_id !== "string" || object.chat_id.length)
                    message.chat_id = $String(object.chat_id);
            if (object.chat_type !== 0 && (typeof object.chat_type !== "string" || $root.yunhu.ChatType[object.chat_type] !== 0))
                switch (object.chat_type) {
                case "CHAT_TYPE_UNSPECIFIED":
                case 0:
                    message.chat_type = 0;
                    break;
                case "user":
                case 1:
                    message.chat_type = 1;
                    break;
                case "group":
                case 2:
                    message.chat_type = 2;
                    break;
                case "bot":
                case 3:
                    message.chat_type = 3;
                    break;
                default:
                    if (typeof object.chat_type === "number" && (object.chat_type | 0) === object.chat_type)
                        message.chat_type = object.chat_type;
                }
            if (object.content != null) {
                if (!$util.isObject(object.content))
                    throw $TypeError(".yunhu.SendMsgRequest.content: object expected");
                message.content = $root.yunhu.MsgContent.fromObject(object.content, _depth + 1);
            }
            if (object.content_type !== 0 && (typeof object.content_type !== "string" || $root.yunhu.ContentType[object.content_type] !== 0))
                switch (object.content_type) {
                case "CONTENT_TYPE_UNSPECIFIED":
                case 0:
                    message.content_type = 0;
                    break;
                case "text":
                case 1:
                    message.content_type = 1;
                    break;
                case "image":
                case 2:
                    message.content_type = 2;
                    break;
                case "markdown":
                case 3:
                    message.content_type = 3;
                    break;
                case "file":
                case 4:
                    message.content_type = 4;
                    break;
                case "form":
                case 5:
                    message.content_type = 5;
                    break;
                case "sticker":
                case 7:
                    message.content_type = 7;
                    break;
                case "html":
                case 8:
                    message.content_type = 8;
                    break;
                case "audio":
                case 11:
                    message.content_type = 11;
                    break;
                case "call":
                case 13:
                    message.content_type = 13;
                    break;
                default:
                    if (typeof object.content_type === "number" && (object.content_type | 0) === object.content_type)
                        message.content_type = object.content_type;
                }
            if (object.command_id != null)
                if (typeof object.command_id === "object" ? object.command_id.low || object.command_id.high : $Number(object.command_id) !== 0)
                    if ($util.Long)
                        message.command_id = $util.Long.fromValue(object.command_id, false);
                    else if (typeof object.command_id === "string")
                        message.command_id = $parseInt(object.command_id, 10);
                    else if (typeof object.command_id === "number")
                        message.command_id = object.command_id;
                    else if (typeof object.command_id === "object")
                        message.command_id = new $util.LongBits(object.command_id.low >>> 0, object.command_id.high >>> 0).toNumber();
            if (object.quote_msg_id != null)
                if (typeof object.quote_msg_id !== "string" || object.quote_msg_id.length)
                    message.quote_msg_id = $String(object.quote_msg_id);
            return message;
        };

        SendMsgRequest.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.msg_id = "";
                object.chat_id = "";
                object.chat_type = options.enums === $String ? "CHAT_TYPE_UNSPECIFIED" : 0;
                object.content = null;
                object.content_type = options.enums === $String ? "CONTENT_TYPE_UNSPECIFIED" : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, false);
                    object.command_id = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.command_id = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.quote_msg_id = "";
            }
            if (message.msg_id != null && $Object.hasOwnProperty.call(message, "msg_id"))
                object.msg_id = message.msg_id;
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id"))
                object.chat_id = message.chat_id;
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type"))
                object.chat_type = options.enums === $String ? $root.yunhu.ChatType[message.chat_type] === $undefined ? message.chat_type : $root.yunhu.ChatType[message.chat_type] : message.chat_type;
            if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                object.content = $root.yunhu.MsgContent.toObject(message.content, options, _depth + 1);
            if (message.content_type != null && $Object.hasOwnProperty.call(message, "content_type"))
                object.content_type = options.enums === $String ? $root.yunhu.ContentType[message.content_type] === $undefined ? message.content_type : $root.yunhu.ContentType[message.content_type] : message.content_type;
            if (message.command_id != null && $Object.hasOwnProperty.call(message, "command_id"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.command_id = typeof message.command_id === "number" ? $BigInt(message.command_id) : $util.Long.fromBits(message.command_id.low >>> 0, message.command_id.high >>> 0, false).toBigInt();
                else if (typeof message.command_id === "number")
                    object.command_id = options.longs === $String ? $String(message.command_id) : message.command_id;
                else
                    object.command_id = options.longs === $String ? $util.Long.prototype.toString.call(message.command_id) : options.longs === $Number ? new $util.LongBits(message.command_id.low >>> 0, message.command_id.high >>> 0).toNumber() : message.command_id;
            if (message.quote_msg_id != null && $Object.hasOwnProperty.call(message, "quote_msg_id"))
                object.quote_msg_id = message.quote_msg_id;
            return object;
        };

        SendMsgRequest.prototype.toJSON = function() {
            return SendMsgRequest.toObject(this, $protobuf.util.toJSONOptions);
        };

        return SendMsgRequest;
    })();

    yunhu.RecallMsg = (function() {

        const RecallMsg = function (properties) {
            this.msg_id = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        RecallMsg.prototype.msg_id = $util.emptyArray;
        RecallMsg.prototype.chat_id = "";
        RecallMsg.prototype.chat_type = 0;

        RecallMsg.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.msg_id != null && message.msg_id.length)
                for (let i = 0; i < message.msg_id.length; ++i)
                    writer.uint32(18).string(message.msg_id[i]);
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id") && message.chat_id !== "")
                writer.uint32(26).string(message.chat_id);
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type") && message.chat_type !== 0)
                writer.uint32(32).int32(message.chat_type);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        RecallMsg.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.RecallMsg();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.msg_id && message.msg_id.length))
                            message.msg_id = [];
                        message.msg_id.push(reader.stringVerify());
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.chat_id = value;
                        else
                            delete message.chat_id;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.chat_type = value;
                        else
                            delete message.chat_type;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        RecallMsg.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.RecallMsg)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.RecallMsg: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.RecallMsg();
            if (object.msg_id) {
                if (!$Array.isArray(object.msg_id))
                    throw $TypeError(".yunhu.RecallMsg.msg_id: array expected");
                message.msg_id = $Array(object.msg_id.length);
                for (let i = 0; i < object.msg_id.length; ++i)
                    message.msg_id[i] = $String(object.msg_id[i]);
            }
            if (object.chat_id != null)
                if (typeof object.chat_id !== "string" || object.chat_id.length)
                    message.chat_id = $String(object.chat_id);
            if (object.chat_type !== 0 && (typeof object.chat_type !== "string" || $root.yunhu.ChatType[object.chat_type] !== 0))
                switch (object.chat_type) {
                case "CHAT_TYPE_UNSPECIFIED":
                case 0:
                    message.chat_type = 0;
                    break;
                case "user":
                case 1:
                    message.chat_type = 1;
                    break;
                case "group":
                case 2:
                    message.chat_type = 2;
                    break;
                case "bot":
                case 3:
                    message.chat_type = 3;
                    break;
                default:
                    if (typeof object.chat_type === "number" && (object.chat_type | 0) === object.chat_type)
                        message.chat_type = object.chat_type;
                }
            return message;
        };

        RecallMsg.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.msg_id = [];
            if (options.defaults) {
                object.chat_id = "";
                object.chat_type = options.enums === $String ? "CHAT_TYPE_UNSPECIFIED" : 0;
            }
            if (message.msg_id && message.msg_id.length) {
                object.msg_id = $Array(message.msg_id.length);
                for (let j = 0; j < message.msg_id.length; ++j)
                    object.msg_id[j] = message.msg_id[j];
            }
            if (message.chat_id != null && $Object.hasOwnProperty.call(message, "chat_id"))
                object.chat_id = message.chat_id;
            if (message.chat_type != null && $Object.hasOwnProperty.call(message, "chat_type"))
                object.chat_type = options.enums === $String ? $root.yunhu.ChatType[message.chat_type] === $undefined ? message.chat_type : $root.yunhu.ChatType[message.chat_type] : message.chat_type;
            return object;
        };

        RecallMsg.prototype.toJSON = function() {
            return RecallMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        return RecallMsg;
    })();

    yunhu.Status = (function() {

        const Status = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        Status.prototype.request_id = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        Status.prototype.code = 0;
        Status.prototype.msg = "";

        Status.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.request_id != null && $Object.hasOwnProperty.call(message, "request_id") && (typeof message.request_id === "object" ? message.request_id.low || message.request_id.high : message.request_id !== 0))
                writer.uint32(8).int64(message.request_id);
            if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                writer.uint32(16).int32(message.code);
            if (message.msg != null && $Object.hasOwnProperty.call(message, "msg") && message.msg !== "")
                writer.uint32(26).string(message.msg);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        Status.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.Status();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.request_id = value;
                        else
                            delete message.request_id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.code = value;
                        else
                            delete message.code;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.msg = value;
                        else
                            delete message.msg;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        Status.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.Status)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.Status: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.Status();
            if (object.request_id != null)
                if (typeof object.request_id === "object" ? object.request_id.low || object.request_id.high : $Number(object.request_id) !== 0)
                    if ($util.Long)
                        message.request_id = $util.Long.fromValue(object.request_id, false);
                    else if (typeof object.request_id === "string")
                        message.request_id = $parseInt(object.request_id, 10);
                    else if (typeof object.request_id === "number")
                        message.request_id = object.request_id;
                    else if (typeof object.request_id === "object")
                        message.request_id = new $util.LongBits(object.request_id.low >>> 0, object.request_id.high >>> 0).toNumber();
            if (object.code != null)
                if ($Number(object.code) !== 0)
                    message.code = object.code | 0;
            if (object.msg != null)
                if (typeof object.msg !== "string" || object.msg.length)
                    message.msg = $String(object.msg);
            return message;
        };

        Status.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if ($util.Long) {
                    let long = new $util.Long(0, 0, false);
                    object.request_id = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.request_id = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.code = 0;
                object.msg = "";
            }
            if (message.request_id != null && $Object.hasOwnProperty.call(message, "request_id"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.request_id = typeof message.request_id === "number" ? $BigInt(message.request_id) : $util.Long.fromBits(message.request_id.low >>> 0, message.request_id.high >>> 0, false).toBigInt();
                else if (typeof message.request_id === "number")
                    object.request_id = options.longs === $String ? $String(message.request_id) : message.request_id;
                else
                    object.request_id = options.longs === $String ? $util.Long.prototype.toString.call(message.request_id) : options.longs === $Number ? new $util.LongBits(message.request_id.low >>> 0, message.request_id.high >>> 0).toNumber() : message.request_id;
            if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                object.code = message.code;
            if (message.msg != null && $Object.hasOwnProperty.call(message, "msg"))
                object.msg = message.msg;
            return object;
        };

        Status.prototype.toJSON = function() {
            return Status.toObject(this, $protobuf.util.toJSONOptions);
        };

        return Status;
    })();

    yunhu.StatusResponse = (function() {

        const StatusResponse = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        StatusResponse.prototype.status = null;

        StatusResponse.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                $root.yunhu.Status.encode(message.status, writer.uint32(10).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        StatusResponse.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.yunhu.StatusResponse();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.status = $root.yunhu.Status.decode(reader, reader.size(), $undefined, _depth + 1, message.status);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        StatusResponse.fromObject = function (object, _depth) {
            if (object instanceof $root.yunhu.StatusResponse)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".yunhu.StatusResponse: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.yunhu.StatusResponse();
            if (object.status != null) {
                if (!$util.isObject(object.status))
                    throw $TypeError(".yunhu.StatusResponse.status: object expected");
                message.status = $root.yunhu.Status.fromObject(object.status, _depth + 1);
            }
            return message;
        };

        StatusResponse.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults)
                object.status = null;
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                object.status = $root.yunhu.Status.toObject(message.status, options, _depth + 1);
            return object;
        };

        StatusResponse.prototype.toJSON = function() {
            return StatusResponse.toObject(this, $protobuf.util.toJSONOptions);
        };

        return StatusResponse;
    })();

    return yunhu;
})();

export {
  $root as default
};
