/**
 * Standard Webhooks 1.0 signatures: `v1,` + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")),
 * where key is the base64 part of a `whsec_` secret.
 */
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

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
