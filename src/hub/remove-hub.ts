import { join } from "node:path";
import { clearCache } from "../cache/clear-cache.js";
import { ConfigError } from "../errors.js";
import { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import { updateProfileFile } from "../profile-files/update.js";
import type { Keyring } from "../vault/keyring.js";
import { recordHubKeyId } from "../vault/hub-key-ids-write.js";
import { removeHubKeys } from "../vault/hub-keys.js";
import type { HubFileDeps } from "./add-hub.js";
import { isHubSession } from "./hub-session.js";
import { isManaged } from "./managed-profile.js";

export interface RemoveHubResult {
  keyRemoved: boolean;
  profileRemoved: boolean;
  sessionsRemoved: number;
}

/**
 * `credo hub remove`: the vault entry, the profile credo wrote, and the
 * hub's cached MFA sessions. A profile of that name credo did not write is
 * left alone; with neither a key nor a hub profile there is nothing to do.
 */
export async function removeHub(
  name: string,
  vault: () => Promise<Keyring>,
  deps: HubFileDeps & { credoHome: string },
): Promise<RemoveHubResult> {
  const text = (await deps.files.readText(deps.configFile)) ?? "";
  const isHub = isManaged(
    profileSetOf(ProfileDocument.parse(text, "config", deps.configFile)).configFileProfiles[name],
    "hub",
  );
  const keyRemoved = await removeHubKeys(await vault(), name);
  if (!isHub && !keyRemoved) {
    throw new ConfigError(`There is no hub "${name}".`, "See `credo hub list`.");
  }
  let profileRemoved = false;
  if (isHub) {
    await updateProfileFile(
      deps.configFile,
      "config",
      (document) => {
        if (isManaged(profileSetOf(document).configFileProfiles[name], "hub")) {
          profileRemoved = document.removeSection({ kind: "profile", name });
        }
      },
      { files: deps.files },
    );
  }
  await recordHubKeyId(deps.credoHome, name, undefined, deps.files);
  const sessionsRemoved = await clearCache(join(deps.credoHome, "cache"), (key) =>
    isHubSession(key, name),
  );
  return { keyRemoved, profileRemoved, sessionsRemoved };
}
