import { CredoError } from "../errors.js";
import type { EncryptedFileVault } from "./encrypted-file.js";
import type { OpenedVault, VaultStatus } from "./open-vault.js";

/**
 * The seed's `crypto` command over the vault: status, enable, disable and
 * change the passphrase. Each rewrites the whole file atomically under the
 * vault lock, so an interruption leaves the vault as it was before.
 */
export function cryptoStatus(vault: OpenedVault): Promise<VaultStatus> {
  return vault.status();
}

/** Encrypts a plain vault (or creates an empty encrypted one) under newPassphrase. */
export async function enableEncryption(vault: OpenedVault, newPassphrase: string): Promise<void> {
  const file = fileBackend(vault);
  const { exists, encrypted } = await file.status();
  if (exists && encrypted) {
    throw new CredoError("The vault is already encrypted.", {
      exitCode: "vault",
      hint: "Use `credo crypto change-passphrase` to choose another passphrase.",
    });
  }
  await file.encryptWith(newPassphrase);
}

/** Stores the vault unencrypted (mode 0600): only ever at the user's explicit request. */
export async function disableEncryption(vault: OpenedVault): Promise<void> {
  const file = fileBackend(vault);
  const { exists, encrypted } = await file.status();
  if (exists && !encrypted) {
    throw new CredoError("The vault is already unencrypted.", {
      exitCode: "vault",
      hint: "Use `credo crypto enable` to encrypt it.",
    });
  }
  await file.storePlain();
}

/** Re-encrypts the vault under newPassphrase with a new salt (the current passphrase unlocks it first). */
export async function changePassphrase(vault: OpenedVault, newPassphrase: string): Promise<void> {
  const file = fileBackend(vault);
  const { exists, encrypted } = await file.status();
  if (!exists || !encrypted) {
    throw new CredoError(
      exists ? "The vault is not encrypted, so it has no passphrase." : "There is no vault yet.",
      {
        exitCode: "vault",
        hint: "Use `credo crypto enable` to encrypt it with a passphrase.",
      },
    );
  }
  await file.encryptWith(newPassphrase);
}

function fileBackend(vault: OpenedVault): EncryptedFileVault {
  if (vault.file) return vault.file;
  throw new CredoError(
    vault.backend === "pass"
      ? "The vault is in the pass password store, which GPG protects; it has no credo passphrase."
      : "The vault is in the OS keychain, which the operating system protects; it has no credo passphrase.",
    {
      exitCode: "vault",
      hint: "Passphrase settings apply only to the encrypted vault file.",
    },
  );
}
