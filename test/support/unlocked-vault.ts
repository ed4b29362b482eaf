import { silentLogger } from "../../src/io/logger.js";
import type { HubKeys } from "../../src/vault/hub-keys.js";
import { setHubKeys } from "../../src/vault/hub-keys.js";
import type { OpenedVault } from "../../src/vault/open-vault.js";
import { openVault } from "../../src/vault/open-vault.js";

/** The vault in `credoHome`, unlocked by `passphrase` as CREDO_PASSPHRASE; it never prompts. */
export function unlockedVault(credoHome: string, passphrase: string): Promise<OpenedVault> {
  return openVault({
    home: credoHome,
    env: { CREDO_PASSPHRASE: passphrase },
    logger: silentLogger,
    askPassphrase: () => Promise.reject(new Error("no prompt in tests")),
    warn: () => undefined,
  });
}

/** Puts a hub's long-term keys in the vault (created, encrypted, on first use), as `credo hub add` does. */
export async function storeHubKeys(
  credoHome: string,
  passphrase: string,
  hub: string,
  keys: HubKeys,
): Promise<void> {
  await setHubKeys(await unlockedVault(credoHome, passphrase), hub, keys);
}
