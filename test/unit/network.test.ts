/** The network guard: every spelling of a non-public address is refused, public ones pass. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressKind, networkRefusal } from "../../src/lib/network.ts";

const refused = (url: string) => networkRefusal(url, false);

describe("the network guard", () => {
  it("refuses loopback however it is written", () => {
    for (const host of [
      "127.0.0.1",
      "127.255.0.9",
      "2130706433",
      "0x7f000001",
      "0177.0.0.1",
      "127.1",
      "0x7f.1",
      "%31%32%37.0.0.1",
      "[::1]",
      "[0:0:0:0:0:0:0:1]",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[::127.0.0.1]",
      "[64:ff9b::127.0.0.1]",
      "localhost",
      "LOCALHOST.",
      "api.localhost",
      "ip6-localhost",
    ]) {
      const reason = refused(`http://${host}:8080/x`);
      expect(reason, host).toMatch(/is a loopback address/);
      expect(reason).toMatch(/ALLOW_PRIVATE_NETWORKS=true/);
      expect(reason).toMatch(/tunnel/);
    }
  });

  it("refuses private, link-local, unique-local, shared, unspecified and metadata addresses", () => {
    const cases: [string, string][] = [
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["192.168.1.1", "private"],
      ["3232235777", "private"], // 192.168.1.1 as one number
      ["169.254.169.254", "metadata"],
      ["169.254.1.1", "link-local"],
      ["100.64.0.1", "shared (CGNAT)"],
      ["100.127.255.255", "shared (CGNAT)"],
      ["0.0.0.0", "unspecified"],
      ["0", "unspecified"],
      ["0.1.2.3", "unspecified"],
      ["[::]", "unspecified"],
      ["[fe80::1]", "link-local"],
      ["[febf::1]", "link-local"],
      ["[fc00::1]", "unique-local"],
      ["[fd12:3456::1]", "unique-local"],
      ["[::ffff:10.0.0.1]", "private"],
      ["[::ffff:169.254.169.254]", "metadata"],
      ["metadata.google.internal", "metadata"],
      ["metadata", "metadata"],
      ["printer.local", "private"],
      ["239.1.1.1", "multicast or reserved"],
      ["255.255.255.255", "multicast or reserved"],
    ];
    for (const [host, kind] of cases) expect(refused(`https://${host}/hook`), host).toContain(`is a ${kind} address`);
  });

  it("lets public addresses and names through, including neighbours of the refused ranges", () => {
    for (const host of [
      "bot.example.com",
      "8.8.8.8",
      "172.15.255.255",
      "172.32.0.1",
      "100.63.255.255",
      "100.128.0.1",
      "169.253.1.1",
      "11.0.0.1",
      "[2606:4700::1111]",
      "[::ffff:8.8.8.8]",
      "[fec0::1]",
      "localhost.example.com",
      "xn--localhost",
    ]) {
      expect(refused(`wss://${host}/ws`), host).toBeNull();
    }
  });

  it("takes http(s) and ws(s) only, and no credentials in the URL, even where private networks are allowed", () => {
    expect(refused("ftp://bot.example.com/")).toMatch(/http\(s\) or ws\(s\)/);
    expect(refused("javascript:alert(1)")).toMatch(/http\(s\) or ws\(s\)/);
    expect(refused("not a url")).toMatch(/absolute URL/);
    expect(networkRefusal("https://user:pass@bot.example.com/", true)).toMatch(/credentials/);
    expect(networkRefusal("https://token@bot.example.com/", true)).toMatch(/credentials/);
    expect(networkRefusal("https://bot.example.com/?token=x", false)).toBeNull();
  });

  it("ALLOW_PRIVATE_NETWORKS lifts the address rule", () => {
    expect(networkRefusal("http://127.0.0.1:8787/hooks", true)).toBeNull();
    expect(networkRefusal("ws://[::1]/", true)).toBeNull();
  });

  it("every IPv4 address, written as one number, in hex or dotted, is judged the same", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const dotted = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
        const kind = addressKind(dotted);
        expect(refused(`http://${n}/`)).toBe(refused(`http://${dotted}/`));
        expect(refused(`http://0x${n.toString(16)}/`)).toBe(refused(`http://${dotted}/`));
        expect(addressKind(`[::ffff:${dotted}]`)).toBe(kind);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("webhook redirects", () => {
  it("are never followed: a 3xx is a failed attempt and its Location is never requested", async () => {
    const { createServer } = await import("node:http");
    const { attemptDelivery } = await import("../../src/delivery/attempt.ts");
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url!);
      if (req.url === "/hook") res.writeHead(307, { location: "/elsewhere" }).end();
      else res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const result = await attemptDelivery(`http://127.0.0.1:${port}/hook`, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "evt_1", "{}");
      expect(result).toMatchObject({ delivered: false, status: 307 });
      expect(hits).toEqual(["/hook"]);
    } finally {
      server.close();
    }
  });
});
