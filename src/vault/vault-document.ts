import { CredoError } from "../errors.js";

/** The secrets the vault holds: key -> opaque string value. */
export type VaultEntries = Record<string, string>;

export const vaultFormat = "credo-vault" as const;
export const vaultVersion = 1 as const;

export interface ScryptParams {
  name: "scrypt";
  N: number;
  r: number;
  p: number;
  /** base64 of 16 random bytes, new for every passphrase. */
  salt: string;
}

export interface EncryptedVaultDocument {
  format: typeof vaultFormat;
  version: typeof vaultVersion;
  kdf: ScryptParams;
  cipher: "aes-256-gcm";
  nonce: string;
  ciphertext: string;
  tag: string;
}

export interface PlainVaultDocument {
  format: typeof vaultFormat;
  version: typeof vaultVersion;
  plain: true;
  entries: VaultEntries;
}

export type VaultDocument = EncryptedVaultDocument | PlainVaultDocument;

/**
 * Parses and validates vault.json (format described in encrypted-file.ts).
 * Anything that is not exactly a version-1 document is refused before any
 * decryption is attempted, so a damaged file is reported as damaged and the
 * KDF is never run with parameters an attacker could inflate.
 */
export function parseVaultDocument(text: string, path: string): VaultDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(path, "it is not valid JSON (truncated or overwritten?)");
  }
  if (!isRecord(value) || value["format"] !== vaultFormat)
    throw damaged(path, "it is not a credo vault");
  if (value["version"] !== vaultVersion) {
    throw new CredoError(
      `The vault ${path} has format version ${JSON.stringify(value["version"])}, which this credo cannot read.`,
      {
        exitCode: "vault",
        hint: `This credo reads vault version ${vaultVersion}; upgrade credo, or restore the vault from a backup.`,
      },
    );
  }
  if (value["plain"] === true) {
    const entries = value["entries"];
    if (!isEntries(entries)) throw damaged(path, "its entries are not a map of strings");
    return { format: vaultFormat, version: vaultVersion, plain: true, entries };
  }
  const { kdf, cipher, nonce, ciphertext, tag } = value;
  if (cipher !== "aes-256-gcm")
    throw damaged(path, `its cipher ${JSON.stringify(cipher)} is not aes-256-gcm`);
  if (!isScryptParams(kdf))
    throw damaged(path, "its key-derivation parameters are missing or out of range");
  if (
    !isBase64(nonce, 12) ||
    !isBase64(tag, 16) ||
    typeof ciphertext !== "string" ||
    !isBase64(ciphertext)
  ) {
    throw damaged(path, "its nonce, ciphertext or tag is missing or malformed");
  }
  // Unknown extra fields are kept: they are part of the authenticated header,
  // so a field added by someone else makes decryption fail rather than pass unseen.
  return {
    ...value,
    format: vaultFormat,
    version: vaultVersion,
    kdf,
    cipher,
    nonce,
    ciphertext,
    tag,
  };
}

export function serializeVaultDocument(document: VaultDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function isEntries(value: unknown): value is VaultEntries {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === "string");
}

export function damaged(path: string, why: string): CredoError {
  return new CredoError(`The vault ${path} is damaged: ${why}.`, {
    exitCode: "vault",
    hint: "credo left the file as it is. Restore it from a backup, or move it away and add your hubs again.",
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Bounds on the stored cost: N a power of two from 2^10 (weaker is pointless)
 * to 2^20 (1 GiB of memory at r=8, beyond which a planted header could hang
 * the process), modest r and p, and a salt of at least 16 bytes.
 */
function isScryptParams(value: unknown): value is ScryptParams {
  if (!isRecord(value) || value["name"] !== "scrypt") return false;
  const { N, r, p, salt } = value;
  return (
    Number.isInteger(N) &&
    (N as number) >= 2 ** 10 &&
    (N as number) <= 2 ** 20 &&
    ((N as number) & ((N as number) - 1)) === 0 &&
    Number.isInteger(r) &&
    (r as number) >= 1 &&
    (r as number) <= 32 &&
    Number.isInteger(p) &&
    (p as number) >= 1 &&
    (p as number) <= 16 &&
    typeof salt === "string" &&
    isBase64(salt) &&
    Buffer.from(salt, "base64").length >= 16
  );
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isBase64(value: unknown, byteLength?: number): value is string {
  if (typeof value !== "string" || !base64Pattern.test(value)) return false;
  return byteLength === undefined || Buffer.from(value, "base64").length === byteLength;
}
