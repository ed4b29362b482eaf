import { createCipheriv, createDecipheriv, randomBytes, scrypt } from "node:crypto";
import { CredoError } from "../errors.js";
import type { EncryptedVaultDocument, ScryptParams, VaultEntries } from "./vault-document.js";
import { isEntries, vaultFormat, vaultVersion } from "./vault-document.js";

/**
 * scrypt cost for new passphrases, and the least an existing vault keeps:
 * N=2^17, r=8, p=1, the current guidance for scrypt (OWASP's password storage
 * cheat sheet). On the 2-core build machine, idle, a derivation took a
 * median 642 ms (2^16: 327 ms; seven runs each; test/vault/scrypt-timing.test.ts
 * reports one in every run of the suite): paid once per process that unlocks the vault, never on a cache hit. The cost is stored in the header, so a
 * vault written with a lower one still opens; its next write re-derives the
 * key at this cost with a new salt (encrypted-file.ts).
 */
export const defaultScryptCost: ScryptWorkFactors = { N: 2 ** 17, r: 8, p: 1 };

export type ScryptWorkFactors = Pick<ScryptParams, "N" | "r" | "p">;

/** Whether a stored cost is below the minimum, so the next write strengthens it. */
export function isBelowMinimumCost(
  kdf: ScryptWorkFactors,
  minimum: ScryptWorkFactors = defaultScryptCost,
): boolean {
  return kdf.N < minimum.N || kdf.r < minimum.r || kdf.p < minimum.p;
}

/** "N=2^17" as users read a cost: N as the power of two it always is (the parser checks), r and p when not 8 and 1. */
export function describeScryptCost({ N, r, p }: ScryptWorkFactors): string {
  return [
    `N=2^${Math.log2(N)}`,
    ...(r === 8 ? [] : [`r=${r}`]),
    ...(p === 1 ? [] : [`p=${p}`]),
  ].join(" ");
}

export function newScryptParams(cost: ScryptWorkFactors = defaultScryptCost): ScryptParams {
  const { N, r, p } = cost;
  return { name: "scrypt", N, r, p, salt: randomBytes(16).toString("base64") };
}

export async function deriveVaultKey(passphrase: string, kdf: ScryptParams): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is below what N=2^17, r=8 needs (128*N*r = 128 MiB).
  const options = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize("NFC"),
      Buffer.from(kdf.salt, "base64"),
      32,
      options,
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Encrypts the entries with a fresh 12-byte nonce; the header is the additional authenticated data. */
export function encryptEntries(
  entries: VaultEntries,
  key: Buffer,
  kdf: ScryptParams,
): EncryptedVaultDocument {
  const nonce = randomBytes(12).toString("base64");
  const cipher = createCipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"), {
    authTagLength: 16,
  });
  cipher.setAAD(authenticatedHeader(kdf, nonce));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(entries), "utf8"),
    cipher.final(),
  ]);
  return {
    kind: "encrypted",
    kdf,
    nonce,
    ciphertext: ciphertext.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
  };
}

export function decryptEntries(document: EncryptedVaultDocument, key: Buffer): VaultEntries {
  // authTagLength pins the tag to 16 bytes: without it Node accepts a
  // truncated tag, which would weaken the authentication.
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(document.nonce, "base64"), {
    authTagLength: 16,
  });
  decipher.setAAD(authenticatedHeader(document.kdf, document.nonce));
  decipher.setAuthTag(Buffer.from(document.tag, "base64"));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(document.ciphertext, "base64")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new CredoError("could not decrypt the vault: wrong passphrase or the file was modified", {
      exitCode: "vault",
      hint: "Check the passphrase (and CREDO_PASSPHRASE, if set). The vault file was left as it is.",
    });
  }
  const entries: unknown = JSON.parse(plaintext);
  // Authenticated, so only a credo bug could produce this; still refuse it rather than misread it.
  if (!isEntries(entries))
    throw new CredoError("The decrypted vault does not hold a map of strings.", {
      exitCode: "vault",
    });
  return entries;
}

/**
 * The file's header (every field but ciphertext and tag: format, version,
 * kdf, cipher, nonce) with keys sorted at every level and no whitespace, so
 * the AAD does not depend on how the JSON file is formatted. The parser
 * refuses any other field, so the header authenticated is the whole header.
 */
function authenticatedHeader(kdf: ScryptParams, nonce: string): Buffer {
  const { name, N, r, p, salt } = kdf;
  const header = {
    format: vaultFormat,
    version: vaultVersion,
    kdf: { name, N, r, p, salt },
    cipher: "aes-256-gcm",
    nonce,
  };
  return Buffer.from(canonicalJson(header), "utf8");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const fields = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`);
    return `{${fields.join(",")}}`;
  }
  return JSON.stringify(value);
}
