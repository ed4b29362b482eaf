import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScryptParams, VaultEntries } from "../../src/vault/vault-document.js";
import { serializeVaultDocument } from "../../src/vault/vault-document.js";
import { deriveVaultKey, encryptEntries, newScryptParams } from "../../src/vault/vault-cipher.js";

/**
 * Writes CREDO_HOME/vault.json holding `entries`, encrypted as credo encrypts
 * it (scrypt, AES-256-GCM, a fresh nonce) but at the key cost N=2^12 rather
 * than the default 2^17, as a vault written at a lower cost is: credo opens
 * it as it is and raises the cost at its first write (key-strengthening.test.ts).
 * Each credo process that unlocks the vault derives the key, and at 2^17 that
 * cost ~0.6 s of CPU per process, a third of the CPU of the tests that use a
 * hub home; the cost itself is tested by the vault tests. Within one test file
 * every vault of a passphrase also shares a salt, so the set-up derives once.
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

/** The key cost of the vaults these homes hold. */
export const hubHomeScryptCost = { N: 2 ** 12, r: 8, p: 1 };

const keys = new Map<string, Promise<{ kdf: ScryptParams; key: Buffer }>>();

function keyFor(passphrase: string): Promise<{ kdf: ScryptParams; key: Buffer }> {
  let known = keys.get(passphrase);
  if (known === undefined) {
    const kdf = newScryptParams(hubHomeScryptCost);
    known = deriveVaultKey(passphrase, kdf).then((key) => ({ kdf, key }));
    keys.set(passphrase, known);
  }
  return known;
}
