import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { silentLogger } from "../../src/io/logger.js";
import type {
  OpenedVault,
  OpenVaultOptions,
  PassphrasePurpose,
} from "../../src/vault/open-vault.js";
import { openVault } from "../../src/vault/open-vault.js";
import { deriveVaultKey, encryptEntries } from "../../src/vault/vault-cipher.js";
import type { ScryptParams, VaultEntries } from "../../src/vault/vault-document.js";
import { serializeVaultDocument } from "../../src/vault/vault-document.js";

const homes: string[] = [];

afterEach(async () => {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
});

/** A fresh CREDO_HOME (not yet created, as on a first run), removed after the test. */
export async function tempHome(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), "credo-vault-"));
  homes.push(parent);
  return join(parent, "credo-home");
}

export interface TestVault {
  vault: OpenedVault;
  warnings: string[];
  asked: PassphrasePurpose[];
}

/**
 * openVault as a new credo process would call it: a fresh instance derives
 * its key from the passphrase again. The passphrase comes from the prompt
 * (recorded in `asked`) unless the env sets CREDO_PASSPHRASE.
 */
export async function openTestVault(
  home: string,
  passphrase: string,
  extra: Partial<OpenVaultOptions> = {},
): Promise<TestVault> {
  const warnings: string[] = [];
  const asked: PassphrasePurpose[] = [];
  const vault = await openVault({
    home,
    env: {},
    logger: silentLogger,
    askPassphrase: async (purpose) => {
      asked.push(purpose);
      return passphrase;
    },
    warn: (message) => warnings.push(message),
    ...extra,
  });
  return { vault, warnings, asked };
}

/**
 * The scrypt cost of vaults in tests about the format and the operations, not
 * the key's cost: N=2^12, a cost credo opens in a vault that has it, where
 * each derivation at the default 2^17 costs ~0.6 s of CPU. scrypt-timing and
 * key-strengthening cover the default cost itself, and each file keeps a test
 * that a new vault gets it.
 */
export const testScryptCost = { N: 2 ** 12, r: 8, p: 1 };

/** openTestVault at testScryptCost. */
export function openAtTestCost(
  home: string,
  passphrase: string,
  extra: Partial<OpenVaultOptions> = {},
): Promise<TestVault> {
  return openTestVault(home, passphrase, { scryptCost: testScryptCost, ...extra });
}

export function vaultPath(home: string): string {
  return join(home, "vault.json");
}

export async function vaultBytes(home: string): Promise<Buffer> {
  return readFile(vaultPath(home));
}

/** An encrypted vault written with scrypt cost N (as an earlier credo wrote it at 2^16); returns its kdf. */
export async function writeVaultAtCost(
  home: string,
  passphrase: string,
  N: number,
  entries: VaultEntries,
): Promise<ScryptParams> {
  const kdf: ScryptParams = {
    name: "scrypt",
    N,
    r: 8,
    p: 1,
    salt: randomBytes(16).toString("base64"),
  };
  const key = await deriveVaultKey(passphrase, kdf);
  await mkdir(home, { recursive: true, mode: 0o700 });
  await writeFile(vaultPath(home), serializeVaultDocument(encryptEntries(entries, key, kdf)), {
    mode: 0o600,
  });
  return kdf;
}
