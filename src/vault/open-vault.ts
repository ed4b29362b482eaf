import { join } from "node:path";
import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { nodeFileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { EncryptedFileVault, ScryptCost } from "./encrypted-file.js";
import { encryptedFileVault } from "./encrypted-file.js";
import type { KeychainEntry } from "./keychain.js";
import { detectKeychain, keychainKeyring, nativeKeychainEntry } from "./keychain.js";
import type { Keyring } from "./keyring.js";
import { requireNewPassphrase } from "./passphrase-rule.js";
import type { ScryptParams } from "./vault-document.js";
import type { ScryptWorkFactors } from "./vault-cipher.js";
import { describeScryptCost } from "./vault-cipher.js";
import { withFileLock } from "../io/file-lock.js";
import type { VaultBackendName } from "./vault-settings.js";
import { readVaultBackendSetting, settingsPath } from "./vault-settings.js";

/** "unlock" an existing vault, "create" a new one, "new" passphrase for change-passphrase (asked by the command). */
export type PassphrasePurpose = "unlock" | "create" | "new";

export interface OpenVaultOptions {
  /** CREDO_HOME, resolved by the caller. */
  home: string;
  env: Env;
  logger: Logger;
  /** A hidden prompt; for "create" and "new" the caller asks twice and compares. */
  askPassphrase: (purpose: PassphrasePurpose) => Promise<string>;
  /** One line on stderr. */
  warn: (message: string) => void;
  /** Overrides the backend saved in CREDO_HOME/settings.json (default: the encrypted file). */
  backend?: VaultBackendName;
  files?: FileReader;
  /** scrypt cost of new keys and the least a vault keeps; for in-process tests only (see encrypted-file.ts). */
  scryptCost?: ScryptWorkFactors;
  /** The OS keychain entry for an account; injectable because no keychain exists on a headless test machine. */
  keychainEntry?: (account: string) => Promise<KeychainEntry>;
}

export interface VaultStatus {
  backend: VaultBackendName;
  /** Encrypted by credo (file) or protected by the OS (keychain). */
  encrypted: boolean;
  exists: boolean;
  /** KDF of the encrypted file (for a vault not yet created: the cost it will get). */
  kdf?: Omit<ScryptParams, "salt">;
  /** The vault file, or where the keychain entry is. */
  path: string;
}

export interface OpenedVault extends Keyring {
  readonly backend: VaultBackendName;
  /** The file backend, for crypto-admin; undefined on the keychain. */
  readonly file: EncryptedFileVault | undefined;
  status(): Promise<VaultStatus>;
  exists(): Promise<boolean>;
}

export const plainVaultWarning = "warning: the vault is not encrypted; run `credo crypto enable`";

/** One line when a write re-derived a key whose cost was below the minimum. */
export function keyStrengthenedNotice(from: ScryptCost, to: ScryptCost): string {
  return `credo: vault key strengthened to scrypt ${describeScryptCost(to)} (was ${describeScryptCost(from)})`;
}

/**
 * Opens the vault credo is configured to use. The passphrase comes from
 * CREDO_PASSPHRASE (documented for automation: CI, scripts) or else from
 * askPassphrase, only when a read or write needs a key this process has
 * not derived yet. When the keychain was chosen but does not work here (headless
 * Linux), credo warns and falls back to the encrypted file rather than fail.
 */
export async function openVault(options: OpenVaultOptions): Promise<OpenedVault> {
  const { home, logger } = options;
  const files = options.files ?? nodeFileReader;
  const path = join(home, "vault.json");
  const chosen = options.backend ?? (await readVaultBackendSetting(home, files)) ?? "file";
  logger.debug(`vault: backend ${chosen}${options.backend ? " (requested)" : ""}`);

  if (chosen === "keychain") {
    const entryFor = options.keychainEntry ?? nativeKeychainEntry;
    const availability = await detectKeychain(logger, entryFor);
    if (availability.available) {
      // The setting is a plain file, as writable as vault.json: on its word
      // alone credo does not trade an encrypted vault for whatever the
      // keychain entry holds, unlocked without a passphrase.
      if ((await files.readText(path)) !== undefined) {
        throw new CredoError(
          `${settingsPath(home)} chooses the OS keychain, but the vault file ${path} exists; credo will not set it aside.`,
          {
            exitCode: "vault",
            hint: "Remove vaultBackend from settings.json to keep using the vault file, or move the vault file away to use the keychain.",
          },
        );
      }
      return keychainVault(await entryFor("vault"), path);
    }
    options.warn(
      `warning: the OS keychain is not available (${availability.reason}); using the encrypted vault file ${path}`,
    );
  }

  let warned = false;
  const file = encryptedFileVault({
    path,
    files,
    logger,
    passphrase: async (purpose) => {
      const fromEnv = envValue(options.env, "CREDO_PASSPHRASE");
      logger.debug(
        `vault: passphrase to ${purpose} from ${fromEnv === undefined ? "the prompt" : "CREDO_PASSPHRASE"}`,
      );
      if (fromEnv === undefined) return options.askPassphrase(purpose);
      return purpose === "create" ? requireNewPassphrase(fromEnv, "CREDO_PASSPHRASE") : fromEnv;
    },
    ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
    onKeyStrengthened: (from, to) => options.warn(keyStrengthenedNotice(from, to)),
    onPlainRead: () => {
      if (warned) return;
      warned = true;
      options.warn(plainVaultWarning);
    },
  });
  return {
    backend: "file",
    file,
    get: (key) => file.get(key),
    set: (key, value) => file.set(key, value),
    remove: (key) => file.remove(key),
    keys: () => file.keys(),
    exists: () => file.exists(),
    async status() {
      const { exists, encrypted, kdf } = await file.status();
      return { backend: "file", encrypted, exists, path, ...(kdf ? { kdf } : {}) };
    },
  };
}

function keychainVault(entry: KeychainEntry, lockPath: string): OpenedVault {
  const keyring = keychainKeyring(entry, (fn) => withFileLock(lockPath, fn));
  const exists = async () => (await entry.getPassword()) !== null;
  return {
    ...keyring,
    backend: "keychain",
    file: undefined,
    exists,
    status: async () => ({
      backend: "keychain",
      encrypted: true,
      exists: await exists(),
      path: 'OS keychain, service "credo", account "vault"',
    }),
  };
}
