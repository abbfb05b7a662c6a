/**
 * Monotonic ULIDs: 48-bit millisecond time + 80 random bits, Crockford base32, 26 chars.
 * Within one isolate, ids made in the same millisecond increment the random part, so ids
 * sort in creation order (event ids are the order receivers may rely on).
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

let lastTime = -1;
const lastRandom = new Uint8Array(10);

function encodeTime(time: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 chars, most significant first.
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

function increment(bytes: Uint8Array): void {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 255) {
      bytes[i]!++;
      return;
    }
    bytes[i] = 0;
  }
}

export function ulid(now: number = Date.now()): string {
  if (now <= lastTime) {
    increment(lastRandom);
  } else {
    lastTime = now;
    crypto.getRandomValues(lastRandom);
    lastRandom[0]! &= 0x7f; // headroom so increments never overflow into the time part
  }
  return encodeTime(lastTime) + encodeRandom(lastRandom);
}

/** The millisecond time encoded in a ULID (or an `evt_` id). */
export function ulidTime(id: string): number {
  const body = id.startsWith("evt_") ? id.slice(4) : id;
  let time = 0;
  for (const char of body.slice(0, 10)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}

export const eventId = (now?: number): string => `evt_${ulid(now)}`;

/** The smallest event id of millisecond `time`: `after` it means "from that moment on". */
export const eventIdAt = (time: number): string => `evt_${encodeTime(time)}${"0".repeat(16)}`;
