import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { silentLogger } from "../io/logger.js";
import { openVault } from "../vault/open-vault.js";

/**
 * Whether the file vault exists and is encrypted, read from its header alone:
 * no passphrase is asked (status() derives no key). A vault in the OS
 * keychain is protected by the OS, so it reports as encrypted.
 */
export async function readVaultProtection(
  home: string,
  env: Env,
  files: FileReader,
): Promise<{ encrypted: boolean } | undefined> {
  const vault = await openVault({
    home,
    env,
    files,
    logger: silentLogger,
    askPassphrase: () => Promise.reject(new Error("credo doctor never asks for the passphrase")),
    warn: () => undefined,
  });
  const status = await vault.status();
  return status.exists ? { encrypted: status.encrypted } : undefined;
}
