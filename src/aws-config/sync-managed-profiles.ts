import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { FilePlatform } from "../profile-files/locations.js";
import { resolveProfileFileLocations } from "../profile-files/locations.js";
import type { ProfileDocument } from "../profile-files/index.js";
import { loadProfileSet, profileSetOf } from "../profile-files/index.js";
import { editConfigFile } from "../profile-files/edit-config-file.js";
import type { ManagedProfilesPlan } from "./plan-managed-profiles.js";
import { planManagedProfiles } from "./plan-managed-profiles.js";

export interface AwsConfigSyncOptions {
  suffix: string;
  dryRun: boolean;
  /** Absolute path of credo's executable. */
  credoPath: string;
}

export interface AwsConfigSyncDeps {
  env: Env;
  files: FileReader;
  homedir: string;
  platform: FilePlatform;
}

export interface AwsConfigSyncResult extends ManagedProfilesPlan {
  configFile: string;
  /** The change as a unified diff ("" when there is none); what --dry-run prints, computed only then. */
  diff(): Promise<string>;
  written: boolean;
}

const managedComment = "Managed by `credo aws-config sync`: credo assumes the role (credo_* keys).";

/**
 * `credo aws-config sync`: plans against the config file as it is under its
 * lock and edits only the managed sections (the credentials file is merged in
 * for planning, as the SDKs see both).
 */
export async function syncManagedProfiles(
  options: AwsConfigSyncOptions,
  deps: AwsConfigSyncDeps,
): Promise<AwsConfigSyncResult> {
  const { configFile } = resolveProfileFileLocations(deps);
  const { credentials } = await loadProfileSet(deps);
  const apply = (document: ProfileDocument): ManagedProfilesPlan => {
    const plan = planManagedProfiles({
      profileSet: profileSetOf(document, credentials),
      suffix: options.suffix,
      credoPath: options.credoPath,
    });
    for (const name of plan.remove) document.removeSection({ kind: "profile", name });
    for (const write of plan.write) {
      const ref = { kind: "profile" as const, name: write.name };
      if (write.create) {
        document.addSection(ref, Object.fromEntries(write.set), { comments: [managedComment] });
        continue;
      }
      for (const [key, value] of write.set) document.setProperty(ref, key, value);
      for (const key of write.remove) document.removeProperty(ref, key);
    }
    return plan;
  };

  const { plan, diff, written } = await editConfigFile(
    configFile,
    options.dryRun,
    apply,
    deps.files,
  );
  return { ...plan, configFile, diff, written };
}
