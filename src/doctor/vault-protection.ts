import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { silentLogger } from "../io/logger.js";
import type { ScryptCost } from "../vault/encrypted-file.js";
import { openVault } from "../vault/open-vault.js";

/** What doctor learns of the vault from its header alone. */
export type VaultProtection =
  | { state: "plain" }
  /** kdf: the file's cost; undefined in the OS keychain, which the OS protects. */
  | { state: "encrypted"; kdf: ScryptCost | undefined }
  | { state: "damaged"; problem: string; hint: string };

/**
 * The vault's protection, read from its header alone: no passphrase is asked
 * (status() derives no key). A file credo refuses to read is reported as
 * damaged, never as unencrypted.
 */
export async function readVaultProtection(
  home: string,
  env: Env,
  files: FileReader,
): Promise<VaultProtection | undefined> {
  try {
    const vault = await openVault({
      home,
      env,
      files,
      logger: silentLogger,
      askPassphrase: () => Promise.reject(new Error("credo doctor never asks for the passphrase")),
      warn: () => undefined,
    });
    const status = await vault.status();
    if (!status.exists) return undefined;
    return status.encrypted ? { state: "encrypted", kdf: status.kdf } : { state: "plain" };
  } catch (error) {
    if (!(error instanceof CredoError) || error.exitCode !== "vault") throw error;
    return { state: "damaged", problem: error.message, hint: error.hint ?? "" };
  }
}
