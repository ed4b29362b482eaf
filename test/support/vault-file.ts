import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScryptParams, VaultEntries } from "../../src/vault/vault-document.js";
import { serializeVaultDocument } from "../../src/vault/vault-document.js";
import { deriveVaultKey, encryptEntries, newScryptParams } from "../../src/vault/vault-cipher.js";

/**
 * Writes CREDO_HOME/vault.json holding `entries`, encrypted exactly as credo
 * encrypts it (scrypt at the default N=2^17, AES-256-GCM, a fresh nonce),
 * without a scrypt run per vault: within one test file every vault of a
 * passphrase shares a salt, so its key is derived once. credo opening such a
 * vault pays the full derivation as always; only the set-up is cheaper, and
 * nothing in credo changes for it.
 */
export async function writeEncryptedVault(
  credoHome: string,
  passphrase: string,
  entries: VaultEntries,
): Promise<void> {
  const { kdf, key } = await keyFor(passphrase);
  await mkdir(credoHome, { recursive: true, mode: 0o700 });
  await writeFile(
    join(credoHome, "vault.json"),
    serializeVaultDocument(encryptEntries(entries, key, kdf)),
    { mode: 0o600 },
  );
}

const keys = new Map<string, Promise<{ kdf: ScryptParams; key: Buffer }>>();

function keyFor(passphrase: string): Promise<{ kdf: ScryptParams; key: Buffer }> {
  let known = keys.get(passphrase);
  if (known === undefined) {
    const kdf = newScryptParams();
    known = deriveVaultKey(passphrase, kdf).then((key) => ({ kdf, key }));
    keys.set(passphrase, known);
  }
  return known;
}
