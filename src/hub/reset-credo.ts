import { readdir, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { credentialsBackupsWithKeys } from "../auth/credentials-backups.js";
import { credoSections } from "../auth/credentials-section.js";
import { isNotFound } from "../io/file-system.js";
import type { FileReader } from "../io/file-system.js";
import { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import type { ProfileFileLocations } from "../profile-files/types.js";
import { updateProfileFile } from "../profile-files/update.js";
import { isManaged } from "./managed-profile.js";

export interface ResetPlan {
  /** Entries of CREDO_HOME that exist: the vault, the cache, settings (and their lock files). */
  stateEntries: string[];
  /** Hub and role profiles credo wrote in the config file. */
  configProfiles: string[];
  /** Sections `credo auth` wrote in the credentials file. */
  credentialsSections: string[];
  /** Copies `credo auth --force` kept next to the credentials file that hold keys. */
  credentialsBackups: string[];
}

/** What credo keeps in CREDO_HOME; nothing else there is touched. */
const stateNames = [
  "vault.json",
  "vault.json.lock",
  "cache",
  "settings.json",
  "settings.json.lock",
];

/** What `credo reset` will remove, listed before it asks. */
export async function planReset(
  credoHome: string,
  locations: ProfileFileLocations,
  files: FileReader,
): Promise<ResetPlan> {
  let present: string[];
  try {
    present = await readdir(credoHome);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    present = [];
  }
  const config = ProfileDocument.parse(
    (await files.readText(locations.configFile)) ?? "",
    "config",
    locations.configFile,
  );
  const credentials = ProfileDocument.parse(
    (await files.readText(locations.credentialsFile)) ?? "",
    "credentials",
    locations.credentialsFile,
  );
  return {
    stateEntries: stateNames
      .filter((name) => present.includes(name))
      .map((name) => join(credoHome, name)),
    configProfiles: managedProfiles(config),
    credentialsSections: credoSections(credentials),
    credentialsBackups: (await credentialsBackupsWithKeys(locations.credentialsFile, files)).map(
      (backup) => backup.path,
    ),
  };
}

/**
 * Erases credo's state and what credo added to ~/.aws (each file edited under
 * its lock, everything else in it byte for byte as it was, and the copies of
 * credentials sections holding keys that `credo auth --force` kept). The keychain
 * backend's entry, if used, is the caller's to remove through the vault.
 */
export async function executeReset(
  plan: ResetPlan,
  credoHome: string,
  locations: ProfileFileLocations,
  files: FileReader,
): Promise<void> {
  // Files with nothing of credo's are not even locked (the lock would create ~/.aws).
  if (plan.configProfiles.length > 0) {
    await updateProfileFile(
      locations.configFile,
      "config",
      (document) => {
        for (const name of managedProfiles(document))
          document.removeSection({ kind: "profile", name });
      },
      { files },
    );
  }
  if (plan.credentialsSections.length > 0) {
    await updateProfileFile(
      locations.credentialsFile,
      "credentials",
      (document) => {
        for (const name of credoSections(document))
          document.removeSection({ kind: "profile", name });
      },
      { files },
    );
  }
  for (const path of plan.credentialsBackups) await rm(path, { force: true });
  for (const name of stateNames) await rm(join(credoHome, name), { recursive: true, force: true });
  // CREDO_HOME itself goes only when nothing else is in it.
  await rmdir(credoHome).catch(() => undefined);
}

function managedProfiles(document: ProfileDocument): string[] {
  const profiles = profileSetOf(document).configFileProfiles;
  return Object.keys(profiles).filter(
    (name) => isManaged(profiles[name], "hub") || isManaged(profiles[name], "role"),
  );
}
