import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace yunhu {

    enum ChatType {
        CHAT_TYPE_UNSPECIFIED = 0,
        user = 1,
        group = 2,
        bot = 3
    }

    enum ContentType {
        CONTENT_TYPE_UNSPECIFIED = 0,
        text = 1,
        image = 2,
        markdown = 3,
        file = 4,
        form = 5,
        sticker = 7,
        html = 8,
        audio = 11,
        call = 13
    }

    interface IAny extends yunhu.Any.$Properties {
    }

    class Any {
        constructor(properties?: yunhu.Any.$Properties);
        $unknowns?: Uint8Array[];
        type_url: string;
        value: Uint8Array;
        static encode(message: yunhu.Any.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.Any & yunhu.Any.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.Any;
        static toObject(message: yunhu.Any, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace Any {
        interface $Properties {
            type_url?: (string|null);
            value?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.Any.$Properties;
    }

    interface IWsInfo extends yunhu.WsInfo.$Properties {
    }

    class WsInfo {
        constructor(properties?: yunhu.WsInfo.$Properties);
        $unknowns?: Uint8Array[];
        seq: string;
        cmd: string;
        static encode(message: yunhu.WsInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.WsInfo & yunhu.WsInfo.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.WsInfo;
        static toObject(message: yunhu.WsInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace WsInfo {
        interface $Properties {
            seq?: (string|null);
            cmd?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.WsInfo.$Properties;
    }

    interface IWsWrapper extends yunhu.WsWrapper.$Properties {
    }

    class WsWrapper {
        constructor(properties?: yunhu.WsWrapper.$Properties);
        $unknowns?: Uint8Array[];
        info?: (yunhu.WsInfo.$Properties|null);
        data?: (yunhu.Any.$Properties|null);
        static encode(message: yunhu.WsWrapper.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.WsWrapper & yunhu.WsWrapper.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.WsWrapper;
        static toObject(message: yunhu.WsWrapper, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace WsWrapper {
        interface $Properties {
            info?: (yunhu.WsInfo.$Properties|null);
            data?: (yunhu.Any.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.WsWrapper.$Properties;
    }

    interface ITag extends yunhu.Tag.$Properties {
    }

    class Tag {
        constructor(properties?: yunhu.Tag.$Properties);
        $unknowns?: Uint8Array[];
        id: (number|Long);
        group_id: string;
        text: string;
        color: string;
        static encode(message: yunhu.Tag.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.Tag & yunhu.Tag.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.Tag;
        static toObject(message: yunhu.Tag, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace Tag {
        interface $Properties {
            id?: (number|Long|null);
            group_id?: (string|null);
            text?: (string|null);
            color?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.Tag.$Properties;
    }

    interface ISender extends yunhu.Sender.$Properties {
    }

    class Sender {
        constructor(properties?: yunhu.Sender.$Properties);
        $unknowns?: Uint8Array[];
        chat_id: string;
        chat_type: yunhu.ChatType;
        name: string;
        avatar_url: string;
        is_vip: boolean;
        tag_old: string[];
        tag: yunhu.Tag.$Properties[];
        static encode(message: yunhu.Sender.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.Sender & yunhu.Sender.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.Sender;
        static toObject(message: yunhu.Sender, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace Sender {
        interface $Properties {
            chat_id?: (string|null);
            chat_type?: (yunhu.ChatType|null);
            name?: (string|null);
            avatar_url?: (string|null);
            is_vip?: (boolean|null);
            tag_old?: (string[]|null);
            tag?: (yunhu.Tag.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.Sender.$Properties;
    }

    interface ICmd extends yunhu.Cmd.$Properties {
    }

    class Cmd {
        constructor(properties?: yunhu.Cmd.$Properties);
        $unknowns?: Uint8Array[];
        cmd_id: (number|Long);
        name: string;
        type: number;
        static encode(message: yunhu.Cmd.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.Cmd & yunhu.Cmd.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.Cmd;
        static toObject(message: yunhu.Cmd, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace Cmd {
        interface $Properties {
            cmd_id?: (number|Long|null);
            name?: (string|null);
            type?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.Cmd.$Properties;
    }

    interface IMsgContent extends yunhu.MsgContent.$Properties {
    }

    class MsgContent {
        constructor(properties?: yunhu.MsgContent.$Properties);
        $unknowns?: Uint8Array[];
        text: string;
        buttons: string;
        image_url: string;
        file_name: string;
        file_url: string;
        mentioned_id: string[];
        form: string;
        quote_msg_text: string;
        sticker_url: string;
        post_id: string;
        post_title: string;
        post_content: string;
        post_content_type: string;
        expression_id: string;
        quote_image_url: string;
        quote_image_name: string;
        file_size: (number|Long);
        video_url: string;
        video_time: number;
        audio_url: string;
        audio_time: number;
        quote_video_url: string;
        quote_video_time: number;
        sticker_item_id: (number|Long);
        sticker_pack_id: (number|Long);
        call_text: string;
        call_status_text: string;
        width: number;
        height: number;
        tip: string;
        static encode(message: yunhu.MsgContent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.MsgContent & yunhu.MsgContent.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.MsgContent;
        static toObject(message: yunhu.MsgContent, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace MsgContent {
        interface $Properties {
            text?: (string|null);
            buttons?: (string|null);
            image_url?: (string|null);
            file_name?: (string|null);
            file_url?: (string|null);
            mentioned_id?: (string[]|null);
            form?: (string|null);
            quote_msg_text?: (string|null);
            sticker_url?: (string|null);
            post_id?: (string|null);
            post_title?: (string|null);
            post_content?: (string|null);
            post_content_type?: (string|null);
            expression_id?: (string|null);
            quote_image_url?: (string|null);
            quote_image_name?: (string|null);
            file_size?: (number|Long|null);
            video_url?: (string|null);
            video_time?: (number|null);
            audio_url?: (string|null);
            audio_time?: (number|null);
            quote_video_url?: (string|null);
            quote_video_time?: (number|null);
            sticker_item_id?: (number|Long|null);
            sticker_pack_id?: (number|Long|null);
            call_text?: (string|null);
            call_status_text?: (string|null);
            width?: (number|null);
            height?: (number|null);
            tip?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.MsgContent.$Properties;
    }

    interface IPushMessage extends yunhu.PushMessage.$Properties {
    }

    class PushMessage {
        constructor(properties?: yunhu.PushMessage.$Properties);
        $unknowns?: Uint8Array[];
        msg_id: string;
        sender?: (yunhu.Sender.$Properties|null);
        recv_id: string;
        chat_id: string;
        chat_type: yunhu.ChatType;
        content?: (yunhu.MsgContent.$Properties|null);
        content_type: yunhu.ContentType;
        timestamp: (number|Long);
        cmd?: (yunhu.Cmd.$Properties|null);
        delete_timestamp: (number|Long);
        quote_msg_id: string;
        msg_seq: (number|Long);
        edit_time: (number|Long);
        static encode(message: yunhu.PushMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.PushMessage & yunhu.PushMessage.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.PushMessage;
        static toObject(message: yunhu.PushMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace PushMessage {
        interface $Properties {
            msg_id?: (string|null);
            sender?: (yunhu.Sender.$Properties|null);
            recv_id?: (string|null);
            chat_id?: (string|null);
            chat_type?: (yunhu.ChatType|null);
            content?: (yunhu.MsgContent.$Properties|null);
            content_type?: (yunhu.ContentType|null);
            timestamp?: (number|Long|null);
            cmd?: (yunhu.Cmd.$Properties|null);
            delete_timestamp?: (number|Long|null);
            quote_msg_id?: (string|null);
            msg_seq?: (number|Long|null);
            edit_time?: (number|Long|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.PushMessage.$Properties;
    }

    interface IStreamMessage extends yunhu.StreamMessage.$Properties {
    }

    class StreamMessage {
        constructor(properties?: yunhu.StreamMessage.$Properties);
        $unknowns?: Uint8Array[];
        msg_id: string;
        recv_id: string;
        chat_id: string;
        content: string;
        static encode(message: yunhu.StreamMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.StreamMessage & yunhu.StreamMessage.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.StreamMessage;
        static toObject(message: yunhu.StreamMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace StreamMessage {
        interface $Properties {
            msg_id?: (string|null);
            recv_id?: (string|null);
            chat_id?: (string|null);
            content?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.StreamMessage.$Properties;
    }

    interface IMsgInput extends yunhu.MsgInput.$Properties {
    }

    class MsgInput {
        constructor(properties?: yunhu.MsgInput.$Properties);
        $unknowns?: Uint8Array[];
        chat_id: string;
        input: string;
        static encode(message: yunhu.MsgInput.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.MsgInput & yunhu.MsgInput.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.MsgInput;
        static toObject(message: yunhu.MsgInput, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace MsgInput {
        interface $Properties {
            chat_id?: (string|null);
            input?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.MsgInput.$Properties;
    }

    interface IFileSendMessage extends yunhu.FileSendMessage.$Properties {
    }

    class FileSendMessage {
        constructor(properties?: yunhu.FileSendMessage.$Properties);
        $unknowns?: Uint8Array[];
        send_user_id: string;
        user_id: string;
        temp_code: (number|Long);
        send_type: string;
        data: string;
        send_deviceId: string;
        static encode(message: yunhu.FileSendMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.FileSendMessage & yunhu.FileSendMessage.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.FileSendMessage;
        static toObject(message: yunhu.FileSendMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace FileSendMessage {
        interface $Properties {
            send_user_id?: (string|null);
            user_id?: (string|null);
            temp_code?: (number|Long|null);
            send_type?: (string|null);
            data?: (string|null);
            send_deviceId?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.FileSendMessage.$Properties;
    }

    interface ISendMsgRequest extends yunhu.SendMsgRequest.$Properties {
    }

    class SendMsgRequest {
        constructor(properties?: yunhu.SendMsgRequest.$Properties);
        $unknowns?: Uint8Array[];
        msg_id: string;
        chat_id: string;
        chat_type: yunhu.ChatType;
        content?: (yunhu.MsgContent.$Properties|null);
        content_type: yunhu.ContentType;
        command_id: (number|Long);
        quote_msg_id: string;
        static encode(message: yunhu.SendMsgRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.SendMsgRequest & yunhu.SendMsgRequest.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.SendMsgRequest;
        static toObject(message: yunhu.SendMsgRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace SendMsgRequest {
        interface $Properties {
            msg_id?: (string|null);
            chat_id?: (string|null);
            chat_type?: (yunhu.ChatType|null);
            content?: (yunhu.MsgContent.$Properties|null);
            content_type?: (yunhu.ContentType|null);
            command_id?: (number|Long|null);
            quote_msg_id?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.SendMsgRequest.$Properties;
    }

    interface IRecallMsg extends yunhu.RecallMsg.$Properties {
    }

    class RecallMsg {
        constructor(properties?: yunhu.RecallMsg.$Properties);
        $unknowns?: Uint8Array[];
        msg_id: string[];
        chat_id: string;
        chat_type: yunhu.ChatType;
        static encode(message: yunhu.RecallMsg.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.RecallMsg & yunhu.RecallMsg.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.RecallMsg;
        static toObject(message: yunhu.RecallMsg, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace RecallMsg {
        interface $Properties {
            msg_id?: (string[]|null);
            chat_id?: (string|null);
            chat_type?: (yunhu.ChatType|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.RecallMsg.$Properties;
    }

    interface IStatus extends yunhu.Status.$Properties {
    }

    class Status {
        constructor(properties?: yunhu.Status.$Properties);
        $unknowns?: Uint8Array[];
        request_id: (number|Long);
        code: number;
        msg: string;
        static encode(message: yunhu.Status.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.Status & yunhu.Status.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.Status;
        static toObject(message: yunhu.Status, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace Status {
        interface $Properties {
            request_id?: (number|Long|null);
            code?: (number|null);
            msg?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.Status.$Properties;
    }

    interface IStatusResponse extends yunhu.StatusResponse.$Properties {
    }

    class StatusResponse {
        constructor(properties?: yunhu.StatusResponse.$Properties);
        $unknowns?: Uint8Array[];
        status?: (yunhu.Status.$Properties|null);
        static encode(message: yunhu.StatusResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): yunhu.StatusResponse & yunhu.StatusResponse.$Shape;
        static fromObject(object: { [k: string]: any }): yunhu.StatusResponse;
        static toObject(message: yunhu.StatusResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
    }

    namespace StatusResponse {
        interface $Properties {
            status?: (yunhu.Status.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = yunhu.StatusResponse.$Properties;
    }
}
