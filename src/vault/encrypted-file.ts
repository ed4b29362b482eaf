import { CredoError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import * as nodeFs from "node:fs/promises";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { Keyring } from "./keyring.js";
import {
  decryptEntries,
  defaultScryptCost,
  deriveVaultKey,
  encryptEntries,
  newScryptParams,
} from "./vault-cipher.js";
import type { ScryptParams, VaultDocument, VaultEntries } from "./vault-document.js";
import {
  parseVaultDocument,
  serializeVaultDocument,
  vaultFormat,
  vaultVersion,
} from "./vault-document.js";
import { withFileLock } from "../profile-files/lock.js";

/*
 * The default vault backend: ONE file, CREDO_HOME/vault.json, mode 0600 in a
 * 0700 directory.
 *
 * Encrypted (the default, from the first write):
 *   {
 *     "format": "credo-vault",
 *     "version": 1,
 *     "kdf": { "name": "scrypt", "N": 65536, "r": 8, "p": 1, "salt": "<base64, 16 random bytes>" },
 *     "cipher": "aes-256-gcm",
 *     "nonce": "<base64, 12 random bytes, new on every write>",
 *     "ciphertext": "<base64>",
 *     "tag": "<base64, 16 bytes>"
 *   }
 * The key is scrypt(passphrase NFC-normalised, salt, 32 bytes). The plaintext
 * is the JSON of all entries ({"hub:acme": "...", ...}). The header (every
 * field but ciphertext and tag, serialised with sorted keys and no
 * whitespace) is the GCM additional authenticated data, so a changed header
 * field, nonce, ciphertext or tag fails to decrypt. A new salt is drawn for
 * every new passphrase; the key is derived once per process and kept in
 * memory only.
 *
 * Plain (only after an explicit `credo crypto disable`):
 *   { "format": "credo-vault", "version": 1, "plain": true, "entries": { ... } }
 *
 * Every write re-reads the file under a lock on vault.json.lock and replaces
 * it atomically (temp file, fsync, rename); any failure leaves it untouched.
 */

export type PassphraseSource = (purpose: "unlock" | "create") => Promise<string>;

export interface EncryptedFileVaultOptions {
  path: string;
  files: FileReader;
  logger: Logger;
  passphrase: PassphraseSource;
  /** Called on every read of a plain vault; openVault turns it into one warning. */
  onPlainRead: () => void;
  /** Injectable for crash tests: the rename that publishes a write. */
  renameFile?: (from: string, to: string) => Promise<void>;
}

export interface VaultFileStatus {
  exists: boolean;
  encrypted: boolean;
  kdf?: Omit<ScryptParams, "salt">;
}

export interface EncryptedFileVault extends Keyring {
  readonly path: string;
  exists(): Promise<boolean>;
  status(): Promise<VaultFileStatus>;
  /** Re-encrypts every entry under a new passphrase (new salt); creates an empty vault if none. */
  encryptWith(newPassphrase: string): Promise<void>;
  /** Rewrites the vault in plain mode. */
  storePlain(): Promise<void>;
}

type Protection = { encrypted: true; kdf: ScryptParams; key: Buffer } | { encrypted: false };

interface VaultContents {
  entries: VaultEntries;
  protection: Protection;
}

export function encryptedFileVault(options: EncryptedFileVaultOptions): EncryptedFileVault {
  const { path, logger } = options;
  // Keys derived in this process, by salt and cost, so each passphrase is stretched once.
  const derivedKeys = new Map<string, Buffer>();

  async function readDocument(): Promise<VaultDocument | undefined> {
    const text = await options.files.readText(path);
    return text === undefined ? undefined : parseVaultDocument(text, path);
  }

  async function keyFor(kdf: ScryptParams, purpose: "unlock" | "create"): Promise<Buffer> {
    const id = kdfId(kdf);
    const cached = derivedKeys.get(id);
    if (cached) return cached;
    const passphrase = await options.passphrase(purpose);
    if (passphrase === "") {
      throw new CredoError("The vault passphrase must not be empty.", {
        exitCode: "vault",
        hint: "Choose a passphrase, or keep the vault unencrypted with `credo crypto disable` (not recommended).",
      });
    }
    const started = performance.now();
    const key = await deriveVaultKey(passphrase, kdf);
    logger.debug(
      `vault: derived key with scrypt N=${kdf.N} r=${kdf.r} p=${kdf.p} in ${Math.round(performance.now() - started)} ms`,
    );
    derivedKeys.set(id, key);
    return key;
  }

  async function load(): Promise<VaultContents | undefined> {
    const document = await readDocument();
    if (document === undefined) return undefined;
    if ("plain" in document) {
      options.onPlainRead();
      return { entries: document.entries, protection: { encrypted: false } };
    }
    const key = await keyFor(document.kdf, "unlock");
    try {
      return {
        entries: decryptEntries(document, key),
        protection: { encrypted: true, kdf: document.kdf, key },
      };
    } catch (error) {
      // A wrong passphrase must be asked again next time, not remembered.
      derivedKeys.delete(kdfId(document.kdf));
      throw error;
    }
  }

  async function newProtection(passphrase: string | undefined): Promise<Protection> {
    const kdf = newScryptParams();
    if (passphrase !== undefined) {
      derivedKeys.set(kdfId(kdf), await deriveVaultKey(passphrase, kdf));
    }
    return { encrypted: true, kdf, key: await keyFor(kdf, "create") };
  }

  /**
   * Read-modify-write under the lock. The file is read (so the key is
   * derived) and `prepare` runs (which may ask for a new passphrase) BEFORE
   * taking the lock, so no prompt and no scrypt run holds other processes up;
   * inside the lock the file is read again, which costs no derivation unless
   * another process changed the salt meanwhile. `edit` returning undefined
   * means there is nothing to write; so does `prepare` saying so.
   */
  async function update(
    edit: (current: VaultContents | undefined) => Promise<VaultContents | undefined>,
    prepare?: (before: VaultContents | undefined) => Promise<"write" | "nothing to do">,
  ): Promise<void> {
    if ((await prepare?.(await load())) === "nothing to do") return;
    await withFileLock(path, async () => {
      const next = await edit(await load());
      if (next === undefined) return;
      await writeFileAtomic(path, serializeVaultDocument(toDocument(next)), {
        secret: true,
        exitCode: "vault",
        ...(options.renameFile ? { fileSystem: { ...nodeFs, rename: options.renameFile } } : {}),
      });
    });
  }

  /** Changes entries; the first change creates the vault, encrypted under a new passphrase. */
  async function editEntries(change: (entries: VaultEntries) => boolean): Promise<boolean> {
    let creation: Promise<Protection> | undefined;
    const created = () => (creation ??= newProtection(undefined));
    let changed = false;
    await update(
      async (current) => {
        const entries = { ...(current?.entries ?? {}) };
        changed = change(entries);
        return changed
          ? { entries, protection: current?.protection ?? (await created()) }
          : undefined;
      },
      // Removing from a vault not yet created changes nothing: no passphrase
      // to ask, no directory or file to create.
      async (before) => {
        if (before !== undefined) return "write";
        if (!change({})) return "nothing to do";
        await created();
        return "write";
      },
    );
    return changed;
  }

  return {
    path,
    async get(key) {
      const entries = (await load())?.entries;
      return entries !== undefined && Object.hasOwn(entries, key) ? entries[key] : undefined;
    },
    async set(key, value) {
      await editEntries((entries) => {
        entries[key] = value;
        return true;
      });
    },
    async remove(key) {
      return editEntries((entries) => {
        if (!Object.hasOwn(entries, key)) return false;
        delete entries[key];
        return true;
      });
    },
    async keys() {
      return Object.keys((await load())?.entries ?? {}).sort();
    },
    async exists() {
      return (await options.files.readText(path)) !== undefined;
    },
    async status() {
      const document = await readDocument();
      // A vault not yet created will be encrypted with the default cost.
      if (document === undefined)
        return { exists: false, encrypted: true, kdf: { name: "scrypt", ...defaultScryptCost } };
      if ("plain" in document) return { exists: true, encrypted: false };
      const { name, N, r, p } = document.kdf;
      return { exists: true, encrypted: true, kdf: { name, N, r, p } };
    },
    async encryptWith(newPassphrase) {
      if (newPassphrase === "") {
        throw new CredoError("The new vault passphrase must not be empty.", {
          exitCode: "vault",
          hint: "Choose a non-empty passphrase.",
        });
      }
      const protection = await newProtection(newPassphrase);
      await update(async (current) => ({ entries: current?.entries ?? {}, protection }));
    },
    async storePlain() {
      await update(async (current) => ({
        entries: current?.entries ?? {},
        protection: { encrypted: false },
      }));
    },
  };
}

function toDocument({ entries, protection }: VaultContents): VaultDocument {
  if (!protection.encrypted)
    return { format: vaultFormat, version: vaultVersion, plain: true, entries };
  return encryptEntries(entries, protection.key, protection.kdf);
}

function kdfId(kdf: ScryptParams): string {
  return `${kdf.name}:${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`;
}
