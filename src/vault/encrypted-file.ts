import { CredoError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import { mkdir, open, rm, stat } from "node:fs/promises";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { Keyring } from "./keyring.js";
import {
  decryptEntries,
  defaultScryptCost,
  deriveVaultKey,
  encryptEntries,
  isBelowMinimumCost,
  newScryptParams,
} from "./vault-cipher.js";
import type { ScryptWorkFactors } from "./vault-cipher.js";
import type { ScryptParams, VaultDocument, VaultEntries } from "./vault-document.js";
import { parseVaultDocument, serializeVaultDocument } from "./vault-document.js";
import { withFileLock } from "../io/file-lock.js";

/*
 * The default vault backend: ONE file, CREDO_HOME/vault.json, mode 0600 in a
 * 0700 directory.
 *
 * Encrypted (the default, from the first write):
 *   {
 *     "format": "credo-vault",
 *     "version": 1,
 *     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": "<base64, 16 random bytes>" },
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
 * memory only. The cost is N=2^17, r=8, p=1 (vault-cipher.ts); a vault at a
 * lower cost opens, and its next write re-derives the key at that cost with a
 * new salt, from the passphrase that unlocked it (not asked again).
 *
 * Plain (only after an explicit `credo crypto disable`):
 *   { "format": "credo-vault", "version": 1, "plain": true, "entries": { ... } }
 *
 * A file holds exactly the fields of one of these (vault-document.ts): any
 * other field, at the top or in kdf, is refused as damaged or tampered with
 * before a passphrase is asked, and no field an attacker can add unseen
 * (outside the authenticated header) can make an encrypted vault read, or
 * written, as a plain one. Only storePlain() writes a plain vault.
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
  /**
   * The scrypt cost of new keys and the least a vault keeps (default
   * defaultScryptCost). Only in-process callers set it: tests that create
   * many vaults; nothing a user sets reaches it.
   */
  scryptCost?: ScryptWorkFactors;
  /** Called after a write re-encrypted a vault whose key cost was below the minimum. */
  onKeyStrengthened?: (from: ScryptCost, to: ScryptCost) => void;
  /** Injectable for crash tests: the rename that publishes a write. */
  renameFile?: (from: string, to: string) => Promise<void>;
}

export type ScryptCost = Omit<ScryptParams, "salt">;

export interface VaultFileStatus {
  exists: boolean;
  encrypted: boolean;
  kdf?: ScryptCost;
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
  const scryptCost = options.scryptCost ?? defaultScryptCost;
  const isWeak = (kdf: ScryptWorkFactors) => isBelowMinimumCost(kdf, scryptCost);
  // Keys derived in this process, by salt and cost, so each passphrase is stretched once.
  const derivedKeys = new Map<string, Buffer>();
  // For a vault whose cost is below the minimum, the passphrase that unlocked
  // it (by salt and cost), so its next write re-derives the key at the
  // minimum without asking again; and that stronger protection, derived once.
  const weakPassphrases = new Map<string, string>();
  const strengthened = new Map<string, Promise<Protection>>();

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
    if (purpose === "unlock" && isWeak(kdf)) weakPassphrases.set(id, passphrase);
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
    if (document.kind === "plain") {
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
      weakPassphrases.delete(kdfId(document.kdf));
      throw error;
    }
  }

  async function newProtection(passphrase: string | undefined): Promise<Protection> {
    const kdf = newScryptParams(scryptCost);
    if (passphrase !== undefined) {
      derivedKeys.set(kdfId(kdf), await deriveVaultKey(passphrase, kdf));
    }
    return { encrypted: true, kdf, key: await keyFor(kdf, "create") };
  }

  /**
   * The protection a write gives a vault whose key cost is below the minimum:
   * the minimum cost, a new salt, the passphrase that unlocked it. Derived
   * before the lock is taken (as every derivation) and once per process.
   */
  function strengthen(protection: Protection): Promise<Protection> | undefined {
    if (!protection.encrypted || !isWeak(protection.kdf)) return undefined;
    const id = kdfId(protection.kdf);
    const already = strengthened.get(id);
    if (already) return already;
    const passphrase = weakPassphrases.get(id);
    if (passphrase === undefined) return undefined;
    const stronger = newProtection(passphrase);
    strengthened.set(id, stronger);
    // Needed once: not kept in memory any longer than that.
    weakPassphrases.delete(id);
    return stronger;
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
      const current = await load();
      const next = await edit(current);
      if (next === undefined) return;
      await writeFileAtomic(path, serializeVaultDocument(toDocument(next)), {
        secret: true,
        exitCode: "vault",
        ...(options.renameFile
          ? { fileSystem: { open, rename: options.renameFile, stat, mkdir, rm } }
          : {}),
      });
      const [before, after] = [current?.protection, next.protection];
      if (before?.encrypted && after.encrypted && isWeak(before.kdf) && !isWeak(after.kdf))
        options.onKeyStrengthened?.(cost(before.kdf), cost(after.kdf));
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
        if (!changed) return undefined;
        if (current === undefined) return { entries, protection: await created() };
        // A key cost below the minimum is strengthened by the write, if the
        // file still has the cost and salt that were unlocked before the lock.
        const stronger = strengthened.get(
          current.protection.encrypted ? kdfId(current.protection.kdf) : "",
        );
        return { entries, protection: (await stronger) ?? current.protection };
      },
      // Removing from a vault not yet created changes nothing: no passphrase
      // to ask, no directory or file to create.
      async (before) => {
        if (before !== undefined) {
          if (change({ ...before.entries })) await strengthen(before.protection);
          return "write";
        }
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
        return {
          exists: false,
          encrypted: true,
          kdf: { name: "scrypt", N: scryptCost.N, r: scryptCost.r, p: scryptCost.p },
        };
      if (document.kind === "plain") return { exists: true, encrypted: false };
      return { exists: true, encrypted: true, kdf: cost(document.kdf) };
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
  if (!protection.encrypted) return { kind: "plain", entries };
  return encryptEntries(entries, protection.key, protection.kdf);
}

function cost({ name, N, r, p }: ScryptParams): ScryptCost {
  return { name, N, r, p };
}

function kdfId(kdf: ScryptParams): string {
  return `${kdf.name}:${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`;
}
