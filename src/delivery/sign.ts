/**
 * Standard Webhooks 1.0 signatures: `v1,` + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")),
 * where key is the base64 part of a `whsec_` secret.
 */
import { base64, fromBase64 } from "../lib/bytes.ts";

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

export function newSecret(): string {
  return `whsec_${base64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** A secret is `whsec_` + base64 of 24 to 64 bytes. */
export function isValidSecret(secret: string): boolean {
  if (!secret.startsWith("whsec_")) return false;
  try {
    const n = fromBase64(secret.slice(6)).length;
    return n >= 24 && n <= 64;
  } catch {
    return false;
  }
}

function signingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 256) keys.clear();
    key = crypto.subtle.importKey("raw", fromBase64(secret.slice(6)), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

export async function sign(secret: string, id: string, timestampS: number, body: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await signingKey(secret), encoder.encode(`${id}.${timestampS}.${body}`));
  return `v1,${base64(new Uint8Array(mac))}`;
}
