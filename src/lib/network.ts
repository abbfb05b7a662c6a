/**
 * The network guard (API.md): which URLs the relay may be told to connect to.
 *
 * A webhook or upstream URL must be http(s) or ws(s), carry no credentials in its user info,
 * and name a public host: not a loopback, private, link-local, unique-local, shared (CGNAT),
 * unspecified or metadata address, whether written as a literal IP in any form the URL parser
 * accepts (2130706433, 0x7f000001, 0177.0.0.1, 127.1, [::ffff:127.0.0.1]) or as a name that
 * means one (localhost, *.localhost, metadata.google.internal). The WHATWG URL parser turns
 * every IPv4 spelling into its dotted form first, so one check covers them all. Names are not
 * resolved (a Worker cannot); the platform itself keeps Workers off private networks.
 *
 * `allowPrivate` (ALLOW_PRIVATE_NETWORKS=true) lifts the address rule for local development.
 */

const SCHEMES = new Set(["http:", "https:", "ws:", "wss:"]);

/** What kind of address a host is, or null for a public one. */
export type AddressKind = "loopback" | "private" | "link-local" | "unique-local" | "shared (CGNAT)" | "unspecified" | "metadata" | "multicast or reserved";

/** IPv4 ranges that are not public: [first octets as a 32-bit base, prefix length, kind]. */
const V4_RANGES: readonly [number, number, AddressKind][] = [
  [ip4(0, 0, 0, 0), 8, "unspecified"],
  [ip4(10, 0, 0, 0), 8, "private"],
  [ip4(100, 64, 0, 0), 10, "shared (CGNAT)"],
  [ip4(127, 0, 0, 0), 8, "loopback"],
  [ip4(169, 254, 169, 254), 32, "metadata"],
  [ip4(169, 254, 0, 0), 16, "link-local"],
  [ip4(172, 16, 0, 0), 12, "private"],
  [ip4(192, 0, 0, 0), 24, "private"],
  [ip4(192, 168, 0, 0), 16, "private"],
  [ip4(198, 18, 0, 0), 15, "private"],
  [ip4(224, 0, 0, 0), 3, "multicast or reserved"],
];

/** Names that mean this machine, its network or a cloud metadata service. */
const NAMES: readonly [RegExp, AddressKind][] = [
  [/^(localhost|ip6-localhost|ip6-loopback)$|\.localhost$/, "loopback"],
  [/^(metadata|instance-data)$|^metadata\.google\.internal$/, "metadata"],
  [/\.(internal|local|localdomain|home\.arpa|lan)$/, "private"],
];

function ip4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function v4Kind(n: number): AddressKind | null {
  for (const [base, bits, kind] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === base) return kind;
  }
  return null;
}

/** The 8 16-bit groups of a canonical (URL-serialised) IPv6 address, or null. */
function v6Groups(text: string): number[] | null {
  let s = text;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split("::") as [string, string | undefined];
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function v6Kind(g: number[]): AddressKind | null {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embedded = ((g[6]! << 16) | g[7]!) >>> 0;
  if (zeroUpTo(8)) return "unspecified";
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): the IPv4 inside decides.
  if (zeroUpTo(5) && g[5] === 0xffff) return v4Kind(embedded);
  if (zeroUpTo(6)) return v4Kind(embedded);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Kind(embedded);
  if ((g[0]! & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0]! & 0xfe00) === 0xfc00) return "unique-local";
  if ((g[0]! & 0xff00) === 0xff00) return "multicast or reserved";
  return null;
}

/** The kind of a URL's hostname (as `new URL` serialises it), or null when it is public. */
export function addressKind(hostname: string): AddressKind | null {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (host.startsWith("[")) {
    const groups = v6Groups(host.slice(1, -1));
    return groups ? v6Kind(groups) : "multicast or reserved";
  }
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) return v4Kind(ip4(...(v4.slice(1).map(Number) as [number, number, number, number])));
  for (const [pattern, kind] of NAMES) if (pattern.test(host)) return kind;
  return null;
}

/**
 * Why the relay refuses to connect to `url`, or null when it may. The reason is a sentence
 * for a problem+json `errors[].message`.
 */
export function networkRefusal(url: string, allowPrivate: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "must be an absolute URL";
  }
  if (!SCHEMES.has(u.protocol)) return `must be an http(s) or ws(s) URL, not ${u.protocol}`;
  if (u.username !== "" || u.password !== "")
    return "must not carry credentials (user:password@) in the URL; use the platform's own fields, a header or the query";
  if (allowPrivate) return null;
  const kind = addressKind(u.hostname);
  if (kind === null) return null;
  const allow = "the relay refuses private networks unless the Worker var ALLOW_PRIVATE_NETWORKS=true is set (meant for local development)";
  const tunnel = kind === "loopback" ? "; a deployed relay reaches a program on your machine through a tunnel (e.g. cloudflared) with a public URL" : "";
  return `${u.hostname} is a ${kind} address: ${allow}${tunnel}`;
}

/** ALLOW_PRIVATE_NETWORKS as the Worker sees it. */
export const privateNetworksAllowed = (env: { ALLOW_PRIVATE_NETWORKS?: string }): boolean => env.ALLOW_PRIVATE_NETWORKS === "true";
