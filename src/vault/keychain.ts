import { CredoError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import type { Keyring } from "./keyring.js";
import type { VaultEntries } from "./vault-document.js";
import { isEntries } from "./vault-document.js";

/**
 * One secret in the OS keychain (macOS Keychain, Windows Credential Manager,
 * Linux Secret Service), as @napi-rs/keyring's AsyncEntry exposes it.
 */
export interface KeychainEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deleteCredential(): Promise<boolean>;
}

export type KeychainAvailability = { available: true } | { available: false; reason: string };

export const keychainService = "credo";

/**
 * Loads the native module only when the keychain is used: it is a binary
 * addon that costs start-up time and may be missing on an unusual platform.
 */
export async function nativeKeychainEntry(account: string): Promise<KeychainEntry> {
  const { AsyncEntry } = await import("@napi-rs/keyring");
  return new AsyncEntry(keychainService, account);
}

/**
 * Whether the OS keychain works here, found by writing, reading back and
 * deleting a probe entry. Reading alone proves nothing: on headless Linux a
 * read answers "no such entry" while every write fails with "Couldn't access
 * platform storage" (no Secret Service on D-Bus).
 */
export async function detectKeychain(
  logger: Logger,
  entryFor: (account: string) => Promise<KeychainEntry> = nativeKeychainEntry,
): Promise<KeychainAvailability> {
  try {
    const probe = await entryFor("probe");
    const value = `probe-${process.pid}`;
    await probe.setPassword(value);
    const readBack = await probe.getPassword();
    await probe.deleteCredential();
    if (readBack !== value)
      return unavailable(logger, "the keychain did not return what was stored");
    logger.debug("vault: the OS keychain is available");
    return { available: true };
  } catch (error) {
    return unavailable(logger, error instanceof Error ? error.message : String(error));
  }
}

function unavailable(logger: Logger, reason: string): KeychainAvailability {
  logger.debug(`vault: the OS keychain is not available: ${reason}`);
  return { available: false, reason };
}

/**
 * The vault in the OS keychain: all entries as ONE JSON secret under service
 * "credo", account "vault". One secret rather than one per key because the
 * keychain cannot list a service's accounts portably (findCredentials needs
 * D-Bus on Linux, and is not an atomic view anywhere), and because one
 * secret makes every change a single atomic keychain write. The price: the
 * Windows Credential Manager caps a secret at 2560 bytes, about a dozen hubs.
 * `withLock` serialises read-modify-write across credo processes.
 */
export function keychainKeyring(
  entry: KeychainEntry,
  withLock: <T>(fn: () => Promise<T>) => Promise<T>,
): Keyring {
  async function read(): Promise<VaultEntries> {
    const text = await entry.getPassword();
    if (text === null) return {};
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!isEntries(value)) {
      throw new CredoError(
        `The credo entry in the OS keychain (service "${keychainService}", account "vault") is damaged.`,
        {
          exitCode: "vault",
          hint: "Delete that keychain entry and add your hubs again.",
        },
      );
    }
    return value;
  }

  async function edit(change: (entries: VaultEntries) => boolean): Promise<boolean> {
    return withLock(async () => {
      const entries = await read();
      const changed = change(entries);
      if (changed) await entry.setPassword(JSON.stringify(entries));
      return changed;
    });
  }

  return {
    get: async (key) => {
      const entries = await read();
      return Object.hasOwn(entries, key) ? entries[key] : undefined;
    },
    set: async (key, value) => {
      await edit((entries) => {
        entries[key] = value;
        return true;
      });
    },
    remove: (key) =>
      edit((entries) => {
        if (!Object.hasOwn(entries, key)) return false;
        delete entries[key];
        return true;
      }),
    keys: async () => Object.keys(await read()).sort(),
  };
}
