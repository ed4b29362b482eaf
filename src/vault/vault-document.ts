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

/** vault.json as credo holds it in memory; the file's layout is in encrypted-file.ts. */
export interface EncryptedVaultDocument {
  kind: "encrypted";
  kdf: ScryptParams;
  nonce: string;
  ciphertext: string;
  tag: string;
}

export interface PlainVaultDocument {
  kind: "plain";
  entries: VaultEntries;
}

export type VaultDocument = EncryptedVaultDocument | PlainVaultDocument;

/**
 * The fields of each kind of vault file, in the order credo writes them. A
 * file has exactly one of these sets: whatever else it holds was not written
 * by credo, and is refused rather than read. Above all, no field outside the
 * authenticated data of an encrypted file (such as an added `"plain"`) may
 * change how it is read: an encrypted vault is never read as a plain one.
 */
const encryptedFields = ["format", "version", "kdf", "cipher", "nonce", "ciphertext", "tag"];
const plainFields = ["format", "version", "plain", "entries"];
const scryptFields = ["name", "N", "r", "p", "salt"];
const encryptedOnly = encryptedFields.filter((field) => !plainFields.includes(field));

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
  // An encrypted vault is one with any encrypted field; it is then read as
  // nothing else, whatever other fields claim.
  if (
    !encryptedOnly.some((field) => Object.hasOwn(value, field)) &&
    Object.hasOwn(value, "plain")
  ) {
    refuseOtherFields(path, value, plainFields, "it has fields a plain vault does not have");
    if (value["plain"] !== true) throw damaged(path, 'its "plain" field is not true');
    const entries = value["entries"];
    if (!isEntries(entries)) throw damaged(path, "its entries are not a map of strings");
    return { kind: "plain", entries };
  }
  refuseOtherFields(path, value, encryptedFields, "it has fields an encrypted vault does not have");
  const { kdf, cipher, nonce, ciphertext, tag } = value;
  if (cipher !== "aes-256-gcm")
    throw damaged(path, `its cipher ${JSON.stringify(cipher)} is not aes-256-gcm`);
  if (isRecord(kdf))
    refuseOtherFields(
      path,
      kdf,
      scryptFields,
      "its scrypt parameters have fields credo does not write",
    );
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
  const { name, N, r, p, salt } = kdf;
  return { kind: "encrypted", kdf: { name, N, r, p, salt }, nonce, ciphertext, tag };
}

/** The document as vault.json holds it: the fields of its kind, in the documented order. */
export function serializeVaultDocument(document: VaultDocument): string {
  const onDisk =
    document.kind === "plain"
      ? { format: vaultFormat, version: vaultVersion, plain: true, entries: document.entries }
      : {
          format: vaultFormat,
          version: vaultVersion,
          kdf: document.kdf,
          cipher: "aes-256-gcm",
          nonce: document.nonce,
          ciphertext: document.ciphertext,
          tag: document.tag,
        };
  return `${JSON.stringify(onDisk, null, 2)}\n`;
}

export function isEntries(value: unknown): value is VaultEntries {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === "string");
}

export function damaged(path: string, why: string): CredoError {
  return new CredoError(`The vault ${path} is damaged or was tampered with: ${why}.`, {
    exitCode: "vault",
    hint: "credo left the file as it is. Restore it from a backup, or move it away and add your hubs again.",
  });
}

/** Names the unexpected fields (never their values, which may be secrets), a few and shortened. */
function refuseOtherFields(
  path: string,
  record: Record<string, unknown>,
  allowed: readonly string[],
  why: string,
): void {
  const others = Object.keys(record)
    .filter((field) => !allowed.includes(field))
    .sort();
  if (others.length === 0) return;
  const shown = others.slice(0, 5).map((field) => {
    const name = JSON.stringify(field).slice(1, -1);
    return name.length > 40 ? `${name.slice(0, 40)}...` : name;
  });
  if (others.length > shown.length) shown.push(`and ${others.length - shown.length} more`);
  throw damaged(path, `${why}: ${shown.join(", ")}`);
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
