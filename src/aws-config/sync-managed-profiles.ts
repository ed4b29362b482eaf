import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { FilePlatform } from "../profile-files/locations.js";
import { resolveProfileFileLocations } from "../profile-files/locations.js";
import {
  ProfileDocument,
  loadProfileSet,
  profileSetOf,
  updateProfileFile,
} from "../profile-files/index.js";
import { unifiedDiff } from "../sso/unified-diff.js";
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
  /** The change as a unified diff ("" when there is none); what --dry-run prints. */
  diff: string;
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
  const apply = (document: ProfileDocument): { plan: ManagedProfilesPlan; diff: string } => {
    const before = document.toString();
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
    return { plan, diff: unifiedDiff(before, document.toString(), configFile) };
  };

  if (options.dryRun) {
    const text = (await deps.files.readText(configFile)) ?? "";
    const { plan, diff } = apply(ProfileDocument.parse(text, "config", configFile));
    return { ...plan, configFile, diff, written: false };
  }
  let outcome: { plan: ManagedProfilesPlan; diff: string } | undefined;
  const { changed } = await updateProfileFile(
    configFile,
    "config",
    (document) => {
      outcome = apply(document);
    },
    { files: deps.files },
  );
  const { plan, diff } = outcome as { plan: ManagedProfilesPlan; diff: string };
  return { ...plan, configFile, diff, written: changed };
}
