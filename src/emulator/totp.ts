import { createHmac } from "node:crypto";

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 (what virtual MFA devices show as the seed), padding and spaces ignored, case-insensitive. */
export function base32Decode(value: string): Buffer {
  const clean = value.replace(/[\s=]/g, "").toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char);
    if (index === -1) throw new Error(`not a base32 character: ${char}`);
    buffer = (buffer << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

export function base32Encode(data: Buffer): string {
  let out = "";
  let bits = 0;
  let buffer = 0;
  for (const byte of data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += base32Alphabet[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += base32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** RFC 4226 HOTP over a raw key, truncated to `digits`. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac("sha1", key).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** RFC 6238 TOTP as AWS virtual MFA devices use it: SHA-1, 30-second steps, 6 digits. */
export function totp(secretBase32: string, timeMs: number, digits = 6): string {
  return hotp(base32Decode(secretBase32), Math.floor(timeMs / 30_000), digits);
}

/** Accept the current step and one either side, as AWS tolerates a little clock drift. */
export function verifyTotp(secretBase32: string, code: string, timeMs: number): boolean {
  const key = base32Decode(secretBase32);
  const step = Math.floor(timeMs / 30_000);
  return [step - 1, step, step + 1].some(
    (candidate) => candidate >= 0 && hotp(key, candidate) === code,
  );
}
