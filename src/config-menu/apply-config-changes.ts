import { addHub } from "../hub/add-hub.js";
import type { HubFileDeps } from "../hub/add-hub.js";
import { removeHub } from "../hub/remove-hub.js";
import { addRole, removeRole } from "../hub/role-profiles.js";
import { ConfigError } from "../errors.js";
import { getHubKeys } from "../vault/hub-keys.js";
import type { Keyring } from "../vault/keyring.js";
import type { ConfigChange } from "./config-draft.js";

export interface ApplyDeps extends HubFileDeps {
  credoHome: string;
  vault(): Promise<Keyring>;
}

/**
 * Writes what `credo config` collected, through the same functions as
 * `credo hub add|remove` and `credo role add|remove`, so the files are the
 * ones those commands write. Changes come hubs first (plannedChanges), so a
 * vault passphrase is asked before anything is written.
 */
export async function applyConfigChanges(
  changes: readonly ConfigChange[],
  deps: ApplyDeps,
): Promise<void> {
  for (const change of changes) {
    switch (change.kind) {
      case "add-hub": {
        const { hub } = change;
        const key = hub.newKey ?? (await keyInVault(deps, hub.name));
        await addHub(
          {
            name: hub.name,
            accessKeyId: key.accessKeyId,
            mfaSerial: hub.mfaSerial,
            ...(hub.region === undefined ? {} : { region: hub.region }),
            force: false,
          },
          async () => key.secretAccessKey,
          deps.vault,
          deps,
        );
        break;
      }
      case "remove-hub":
        await removeHub(change.name, deps.vault, deps);
        break;
      case "add-role": {
        const { role } = change;
        await addRole(
          {
            name: role.name,
            hub: role.hub,
            roleArn: role.roleArn,
            mfa: role.mfa,
            ...(role.externalId === undefined ? {} : { externalId: role.externalId }),
            ...(role.durationSeconds === undefined
              ? {}
              : { durationSeconds: role.durationSeconds }),
            ...(role.sessionName === undefined ? {} : { sessionName: role.sessionName }),
            ...(role.region === undefined ? {} : { region: role.region }),
            force: false,
          },
          deps,
        );
        break;
      }
      case "remove-role":
        await removeRole(change.name, deps);
        break;
    }
  }
}

/** An edited hub keeps its key: read it back so addHub can store it unchanged. */
async function keyInVault(deps: ApplyDeps, hub: string) {
  const keys = await getHubKeys(await deps.vault(), hub);
  if (keys === undefined) {
    throw new ConfigError(
      `The vault holds no access key for hub "${hub}".`,
      "Edit the hub and give it an access key.",
    );
  }
  return keys;
}
