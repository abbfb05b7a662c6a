import { describe, expect, it } from "vitest";
import { SimClient, useSim } from "./client.ts";
import { startRoomim } from "./roomim.ts";
import type { RoomimSim } from "./roomim.ts";
import * as seed from "./roomim-seed.ts";
import { compact, EXTRAS } from "./roomim-seed.ts";

/** Replace the values of top-level-or-nested scalar fields in compact JSON text. */
function withFields(text: string, fields: Record<string, string>): string {
  let out = text;
  for (const [key, raw] of Object.entries(fields)) {
    const pattern = new RegExp(`("${key}":)("(?:[^"\\\\]|\\\\.)*"|-?\\d+|null)`);
    if (!pattern.test(out)) throw new Error(`no field ${key} in ${out}`);
    out = out.replace(pattern, `$1${raw}`);
  }
  return out;
}

/** A scalar field's raw JSON text in a compact frame: `"msgId":"185..."` → `"185..."`. */
function rawField(text: string, key: string): string {
  const match = new RegExp(`"${key}":("(?:[^"\\\\]|\\\\.)*"|-?\\d+|null)`).exec(text);
  if (!match?.[1]) throw new Error(`no field ${key} in ${text}`);
  return match[1];
}

let sim: RoomimSim;
const fixture = useSim(async () => (sim = await startRoomim()));
const { control } = fixture;

function connect(path = "/ws", headers: Record<string, string> = {}): Promise<SimClient> {
  return fixture.connect(path, { headers });
}

describe("answers to sends", () => {
  it("acks a text send in the seed's 发送成功 shape, key order and types", async () => {
    const client = await connect();
    const request = seed.sendText
      .replace("asdfads-ad3f-eadf", "asdfads-ad3f-1231")
      .replace("1858415724765278210", "1858689382414958593")
      .replace("你好的消息", "你好1的消息");
    client.send(request);
    const ack = await client.nextText();

    const msgId = rawField(ack, "msgId");
    expect(msgId).toMatch(/^"18\d{17}"$/);
    expect(rawField(ack, "roomSeq")).toMatch(/^"\d+"$/);
    expect(rawField(ack, "timestamp")).toMatch(/^"\d{13}"$/);
    const expected = withFields(compact(seed.sendOk), {
      msgId,
      roomSeq: rawField(ack, "roomSeq"),
      timestamp: rawField(ack, "timestamp"),
    });
    expect(ack).toBe(expected);
  });

  it("issues unique 19-digit ids and a per-room sequence starting at 1", async () => {
    const client = await connect();
    const send = (room: string) => client.send(`{"request":1,"msgType":1,"localId":"l","room":${room},"msgText":"x","payload":{}}`);
    send("1858415724765278210");
    send("1858415724765278210");
    send("1860881053449904129");
    const acks = [await client.nextText(), await client.nextText(), await client.nextText()];
    const ids = acks.map((a) => JSON.parse(rawField(a, "msgId")) as string);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^18\d{17}$/);
    expect(acks.map((a) => rawField(a, "roomSeq"))).toEqual(['"1"', '"2"', '"1"']);
  });

  it("keeps a bare 19-digit room exact both ways and echoes the payload's numbers as written", async () => {
    const client = await connect();
    client.send(compact(seed.sendText));
    const ack = await client.nextText();
    expect(ack).toContain('"room":"1858415724765278210"');
    const frame = await sim.waitForFrame((f) => f.text === compact(seed.sendText));
    expect((frame.parsed as { room: string }).room).toBe("1858415724765278210");

    client.send(`{"request":1,"msgType":1,"localId":"n","room":1,"msgText":"","payload":{"big":12345678901234567890,"f":1.50}}`);
    expect(await client.nextText()).toContain('"payload":{"big":12345678901234567890,"f":1.50}');
  });

  it("acks an image send (request 2, msgType 3) echoing imgs with the seed's 'hight'", async () => {
    const client = await connect();
    client.send(seed.sendImages);
    const ack = await client.nextText();
    const payload = compact(seed.sendImages).match(/"payload":(\{.*\})\}$/)?.[1];
    expect(ack).toMatch(/^\{"msgType":3,"localId":"asdfads-ad3f-eadf","msgText":"你好","room":"123123","payload":/);
    expect(ack).toContain(`"payload":${payload},"response":1,"from":"1858679205636755457","msgId":"18`);
    expect(ack).toContain('"hight":360');
  });

  it("acks a mention send with mentionedInfo echoed", async () => {
    const client = await connect();
    client.send(seed.sendMention);
    const ack = await client.nextText();
    expect(ack).toContain('"payload":{"mentionedInfo":{"type":2,"userIdList":["zhangsan"],"mentionedContent":"有人@你"}');
    expect(rawField(ack, "response")).toBe("1");
  });

  it("rejects a send to a blocked room with the seed's 2002 frame (bare numbers)", async () => {
    const blocking = await startRoomim({ selfId: "456456" });
    try {
      const client = await SimClient.open(blocking.url);
      blocking.block("123123");
      client.send(seed.sendText.replace("1858415724765278210", "123123").replace("你好的消息", "你好"));
      const rejection = await client.nextText();
      const timestamp = rawField(rejection, "timestamp");
      expect(timestamp).toMatch(/^\d{13}$/);
      expect(rejection).toBe(withFields(compact(seed.blocked), { timestamp }));
      client.close();
    } finally {
      await blocking.close();
    }
  });

  it("writes a blocked 19-digit room back as the same bare digits", async () => {
    const client = await connect();
    sim.block(1858415724765278210n);
    client.send(compact(seed.sendText));
    const rejection = await client.nextText();
    expect(rejection).toMatch(/^\{"response":2002,"localId":"asdfads-ad3f-eadf","from":1858679205636755457,"room":1858415724765278210,/);
    sim.unblock("1858415724765278210");
    client.send(compact(seed.sendText));
    expect(rawField(await client.nextText(), "response")).toBe("1");
  });
});

describe("revoke", () => {
  it("confirms revoking an issued message and answers 2003 for an unknown one", async () => {
    const client = await connect();
    client.send(compact(seed.sendText));
    const msgId = JSON.parse(rawField(await client.nextText(), "msgId")) as string;

    client.send(`{"request":2,"msgType":1,"localId":"rv-1","room":1858415724765278210,"msgId":${msgId},"msgText":"","payload":{}}`);
    const done = await client.nextText();
    const timestamp = rawField(done, "timestamp");
    expect(done).toBe(
      `{"request":2,"msgType":1,"localId":"rv-1","room":"1858415724765278210","msgId":"${msgId}","response":1,"from":"1858679205636755457","timestamp":${timestamp}}`,
    );

    client.send(`{"request":2,"msgType":1,"localId":"rv-2","room":1858415724765278210,"msgId":"1234567890123456789","msgText":"","payload":{}}`);
    const missing = await client.nextText();
    expect(missing).toContain('"msgId":"1234567890123456789","response":2003,');
  });

  it("treats the seed's revoke example without msgId as a revoke of nothing", async () => {
    const client = await connect();
    client.send(seed.sendRevoke);
    expect(rawField(await client.nextText(), "response")).toBe("2003");
  });
});

describe("pushed frames match the seed byte for byte", () => {
  let client: SimClient;
  const sendsExactly = async (sent: string, expected: string) => {
    expect(sent).toBe(compact(expected));
    expect(await client.nextText()).toBe(sent);
  };

  it("message from someone else (response 2)", async () => {
    client = await connect();
    const sent = sim.message({
      localId: "asdfads-ad3f-1231",
      text: "你好1的消息",
      room: "1858689382414958593",
      extras: EXTRAS,
      from: "1858679205636755457",
      msgId: "1858689625873399809",
      roomSeq: 2,
      timestamp: 1731981114242,
    });
    await sendsExactly(sent, seed.received);
  });

  it("own message synced from another device (response null, from null)", async () => {
    client = await connect();
    const sent = sim.self({
      localId: "asdfads-ad3f-eadf",
      text: "你好的消息",
      room: 1858415724765278210n,
      extras: EXTRAS,
      msgId: "1858416424207454209",
      roomSeq: "2",
      timestamp: 1731915977869,
    });
    await sendsExactly(sent, seed.selfSynced);
  });

  it("read on another device (302)", async () => {
    client = await connect();
    const sent = sim.read({
      from: 456456,
      msgId: 10001,
      roomSeq: 1,
      room: 123123,
      text: "你好",
      timestamp: 1454355545,
      extras: EXTRAS,
    });
    await sendsExactly(sent, seed.readSynced);
  });

  it("unread cleared on another device (303)", async () => {
    client = await connect();
    await sendsExactly(sim.cleared({ timestamp: 1454355545, room: 123123 }), seed.clearedSynced);
  });

  it("friend request (102) with bare 19-digit ids and pts", async () => {
    client = await connect();
    const sent = sim.friendRequest({
      room: "1860868440666071042",
      from: "1860863094709035009",
      to: "1860868421903028226",
      requestId: "1860870387213197314",
      text: "请求加你amet velit",
      nickname: "平治文",
      createTime: 1732501048277,
      msgId: "1860870387464847361",
      roomSeq: 1,
      timestamp: 1732501048300,
    });
    await sendsExactly(sent, seed.friendRequest);
    expect(sent).toContain('"room":1860868440666071042');
  });

  it("room initialised after a friend accepted (107)", async () => {
    client = await connect();
    const sent = sim.roomInit({
      room: "1860881053449904129",
      from: "1860868421903028226",
      creator: "1860863094709035009",
      msgId: "1860881054242619394",
      roomSeq: 1,
      timestamp: 1732503591387,
    });
    await sendsExactly(sent, seed.roomInit);
  });

  it("defaults: generated ids, the sim's own id where the seed has the receiver", async () => {
    client = await connect();
    const sent = sim.friendRequest();
    expect(sent).toMatch(/"fkSubUserId":1858679205636755457,/);
    expect(sent).toMatch(/"msgId":18\d{17},"roomSeq":\d+,"timestamp":\d{13},"pts":1\}$/);
    expect(await client.nextText()).toBe(sent);
  });
});

describe("other pushes", () => {
  it("mentions and images build the payload in the seed's order", async () => {
    const client = await connect();
    const mention = sim.message({
      text: "@bot hi",
      mentionedInfo: { type: 2, userIdList: ["1858679205636755457"], mentionedContent: "有人@你" },
    });
    expect(mention).toContain(
      '"payload":{"mentionedInfo":{"type":2,"userIdList":["1858679205636755457"],"mentionedContent":"有人@你"},"extras":""},"response":2,',
    );
    const images = sim.images({ imgs: [{ url: "u", thumbnail: "t", width: 720, hight: 360 }] });
    expect(images).toMatch(/^\{"msgType":3,/);
    expect(images).toContain('"payload":{"imgs":[{"url":"u","thumbnail":"t","width":720,"hight":360}],"extras":""}');
    expect(await client.nextText()).toBe(mention);
    expect(await client.nextText()).toBe(images);
  });

  it("revoked by someone else defaults to the last issued message", async () => {
    const client = await connect();
    const message = sim.message({ room: "1858415724765278210" });
    const msgId = rawField(message, "msgId");
    const revoked = sim.revoked({ from: "1860863094709035009", timestamp: 1731981114242 });
    expect(revoked).toBe(
      `{"request":2,"msgType":1,"localId":"","room":"1858415724765278210","msgId":${msgId},"response":2,"from":"1860863094709035009","timestamp":"1731981114242"}`,
    );
    await client.nextText();
    expect(await client.nextText()).toBe(revoked);
  });

  it("raw text and binary frames go out as they are", async () => {
    const client = await connect();
    expect(sim.raw("{not json")).toBe("{not json");
    expect(await client.nextText()).toBe("{not json");
    sim.binary(new Uint8Array([1, 2, 3]));
    expect(await client.nextText()).toBe("\u0001\u0002\u0003");
  });
});

describe("modes", () => {
  it("silent: records the frame and answers nothing", async () => {
    const client = await connect();
    sim.mode("silent");
    client.send(compact(seed.sendText));
    await sim.waitForFrame((f) => f.text === compact(seed.sendText));
    expect(await client.quietFor(150)).toBe(true);
    sim.mode("ack");
    client.send(compact(seed.sendText));
    expect(rawField(await client.nextText(), "response")).toBe("1");
  });

  it("delay: answers after the delay", async () => {
    const client = await connect();
    sim.mode("delay", 200);
    const start = performance.now();
    client.send(compact(seed.sendText));
    await client.nextText();
    expect(performance.now() - start).toBeGreaterThanOrEqual(190);
  });

  it("records a client frame that is not JSON and does not answer it", async () => {
    const client = await connect();
    client.send("hello?");
    const frame = await sim.waitForFrame((f) => f.text === "hello?");
    expect(frame.parsed).toBeNull();
    expect(await client.quietFor(100)).toBe(true);
  });
});

describe("connections", () => {
  it("accepts any path and records query and headers", async () => {
    await connect("/any/path?token=abc&x=1", { authorization: "Bearer t" });
    const record = await sim.waitForConnection(1);
    expect(record).toMatchObject({ path: "/any/path", query: { token: "abc", x: "1" }, open: true, status: 101 });
    expect(record.headers.authorization).toBe("Bearer t");
    expect(sim.clients()).toBe(1);
  });

  it("refuses upgrades with the given status until cleared", async () => {
    sim.refuseUpgrades(401);
    await expect(connect()).rejects.toThrow("upgrade refused: 401");
    expect(sim.connections[0]).toMatchObject({ status: 401, open: false });
    sim.refuseUpgrades(null);
    await connect();
    expect((await sim.waitForConnection(1)).status).toBe(101);
  });

  it("drops clients with 1012 by default, or a given code and reason", async () => {
    const a = await connect();
    expect(sim.drop()).toBe(1);
    expect(await a.closed).toEqual({ code: 1012, reason: "" });
    const b = await connect();
    sim.drop(4000, "bye");
    expect(await b.closed).toEqual({ code: 4000, reason: "bye" });
  });

  it("terminate kills the connection without a close frame", async () => {
    const client = await connect();
    expect(sim.terminate()).toBe(1);
    expect((await client.closed).code).toBe(1006);
    await expect.poll(() => sim.clients()).toBe(0);
    expect(sim.connections[0]?.open).toBe(false);
  });

  it("reset clears recordings, mode, blocks and refusals", async () => {
    const client = await connect();
    client.send("x");
    await sim.waitForFrame(() => true);
    sim.mode("silent");
    sim.block(1);
    sim.refuseUpgrades(503);
    sim.reset();
    expect(sim.state()).toMatchObject({ received: 0, connections: 0, mode: "ack", delayMs: 0 });
    client.send(`{"request":1,"msgType":1,"localId":"l","room":1,"msgText":"","payload":{}}`);
    expect(rawField(await client.nextText(), "response")).toBe("1");
    await connect();
  });
});

describe("HTTP control API", () => {
  it("pushes frames and returns their text; ids in params may be bare big numbers", async () => {
    const client = await connect();
    const res = await fetch(`${sim.httpUrl}/control/push/message`, {
      method: "POST",
      body: '{"room":1858415724765278210,"from":"1860863094709035009","text":"hi"}',
    });
    expect(res.status).toBe(200);
    const { sent } = (await res.json()) as { sent: string };
    expect(sent).toContain('"msgText":"hi","room":"1858415724765278210"');
    expect(await client.nextText()).toBe(sent);

    for (const kind of ["images", "self", "read", "cleared", "friendRequest", "roomInit", "revoked"]) {
      const { status, json } = await control("POST", `/control/push/${kind}`, {});
      expect(status, kind).toBe(200);
      expect(await client.nextText()).toBe(json.sent);
    }
    expect((await control("POST", "/control/push/nope", {})).status).toBe(400);
  });

  it("raw, block, mode, received, connections, state, drop, refuse, reset", async () => {
    const client = await connect("/ws?token=t");
    expect((await control("POST", "/control/raw", "garbage{")).json).toEqual({ sent: "garbage{" });
    expect(await client.nextText()).toBe("garbage{");

    expect((await control("POST", "/control/block", '{"room":1858415724765278210,"blocked":true}')).status).toBe(200);
    client.send(compact(seed.sendText));
    expect(rawField(await client.nextText(), "response")).toBe("2002");
    await control("POST", "/control/block", { room: "1858415724765278210", blocked: false });

    expect((await control("POST", "/control/mode", { mode: "silent" })).json).toEqual({ mode: "silent", delayMs: 0 });
    client.send(compact(seed.sendText));
    await sim.waitForFrame(() => sim.received.length === 2);
    expect(await client.quietFor(100)).toBe(true);
    expect((await control("POST", "/control/mode", { mode: "loud" })).status).toBe(400);

    const received = (await control("GET", "/control/received")).json.received;
    expect(received).toHaveLength(2);
    expect(received[0].parsed.room).toBe("1858415724765278210");
    expect((await control("GET", "/control/received?since=1")).json.received).toHaveLength(1);

    const connections = (await control("GET", "/control/connections")).json.connections;
    expect(connections[0]).toMatchObject({ path: "/ws", query: { token: "t" }, open: true });
    expect((await control("GET", "/control/state")).json).toMatchObject({ clients: 1, received: 2, mode: "silent" });

    expect((await control("POST", "/control/drop", { code: 1001, reason: "going" })).json).toEqual({ dropped: 1 });
    expect(await client.closed).toEqual({ code: 1001, reason: "going" });

    expect((await control("POST", "/control/refuse", { status: 401 })).json).toEqual({ status: 401 });
    await expect(connect()).rejects.toThrow("401");
    await control("POST", "/control/refuse", { status: null });
    const again = await connect();
    expect((await control("POST", "/control/drop", { terminate: true })).json).toEqual({ dropped: 1 });
    expect((await again.closed).code).toBe(1006);

    expect((await control("POST", "/control/reset")).json).toEqual({ reset: true });
    expect((await control("GET", "/control/state")).json).toMatchObject({ received: 0, connections: 0, mode: "ack" });
  });

  it("answers 404 for unknown routes and 400 for bad bodies", async () => {
    expect((await control("GET", "/control/nothing")).status).toBe(404);
    expect((await control("POST", "/control/mode", "{oops")).status).toBe(400);
    expect((await control("POST", "/control/drop", { code: 999 })).status).toBe(400);
    const plain = await fetch(`${sim.httpUrl}/ws`);
    expect(plain.status).toBe(426);
  });
});
