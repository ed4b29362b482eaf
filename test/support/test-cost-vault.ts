import { silentLogger } from "../../src/io/logger.js";
import type { HubKeys } from "../../src/vault/hub-keys.js";
import { setHubKeys } from "../../src/vault/hub-keys.js";
import { openVault } from "../../src/vault/open-vault.js";
import { hubHomeScryptCost } from "./vault-file.js";

/**
 * Puts a hub's long-term keys in the vault as `credo hub add` does, but a
 * vault it creates gets the key cost of the hub homes (hubHomeScryptCost,
 * N=2^12) instead of credo's 2^17: every in-process run given
 * `vaultScryptCost: hubHomeScryptCost` then unlocks it in a few
 * milliseconds instead of ~0.6 s of CPU. The cost itself is tested by the
 * vault tests.
 */
export async function storeHubKeysAtTestCost(
  credoHome: string,
  passphrase: string,
  hub: string,
  keys: HubKeys,
): Promise<void> {
  const vault = await openVault({
    home: credoHome,
    env: { CREDO_PASSPHRASE: passphrase },
    logger: silentLogger,
    askPassphrase: () => Promise.reject(new Error("no prompt in tests")),
    warn: () => undefined,
    scryptCost: hubHomeScryptCost,
  });
  await setHubKeys(vault, hub, keys);
}
