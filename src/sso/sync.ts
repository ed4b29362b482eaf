import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import { loadProfileSet } from "../profile-files/load.js";
import type { FilePlatform } from "../profile-files/locations.js";
import type { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import { ssoSessionByName } from "./resolve-sso-session.js";
import { listSsoAssignments } from "./sso-assignments.js";
import type { SsoAssignment } from "./sso-assignments.js";
import type { SsoPortalApiFactory } from "./sso-portal-api.js";
import type { SsoSession } from "./sso-session.js";
import type { SyncPlan } from "./sync-plan.js";
import { defaultNameTemplate, planSsoSync } from "./sync-plan.js";
import { editConfigFile } from "../profile-files/edit-config-file.js";

export interface SsoSyncOptions {
  sessionName: string;
  template?: string | undefined;
  /** The `region` of each profile; the session's sso_region by default. */
  region?: string | undefined;
  dryRun: boolean;
}

export interface SsoSyncDeps {
  env: Env;
  files: FileReader;
  homedir: string;
  platform: FilePlatform;
  logger: Logger;
  /** The session's access token (refreshed if need be): resolveSsoToken in production. */
  accessToken(session: SsoSession): Promise<string>;
  portal: SsoPortalApiFactory;
}

export interface SsoSyncResult extends SyncPlan {
  configFile: string;
  /** The change as a unified diff ("" when there is none); what --dry-run prints, computed only then. */
  diff(): Promise<string>;
  written: boolean;
}

/**
 * `credo sso sync`: everything is collected from the portal first (a failure
 * there leaves the config untouched), then one edit under the config file's
 * lock, planned again against the file as it is at that moment so a
 * concurrent edit by another tool is never overwritten.
 */
export async function ssoSync(options: SsoSyncOptions, deps: SsoSyncDeps): Promise<SsoSyncResult> {
  const loaded = await loadProfileSet(deps);
  const session = ssoSessionByName(loaded.profileSet, options.sessionName);
  const accessToken = await deps.accessToken(session);
  const portal = await deps.portal(session.region);
  const assignments = await listSsoAssignments(portal, accessToken);
  deps.logger.debug(
    `sso sync: ${assignments.length} account roles for session ${options.sessionName}`,
  );
  const configFile = loaded.locations.configFile;
  const inputs = { options, region: options.region ?? session.region, assignments };

  const { plan, diff, written } = await editConfigFile(
    configFile,
    options.dryRun,
    (document) => applyPlan(document, inputs),
    deps.files,
  );
  return { ...plan, configFile, diff, written };
}

function applyPlan(
  document: ProfileDocument,
  inputs: { options: SsoSyncOptions; region: string; assignments: readonly SsoAssignment[] },
): SyncPlan {
  const plan = planSsoSync({
    sessionName: inputs.options.sessionName,
    region: inputs.region,
    template: inputs.options.template ?? defaultNameTemplate,
    assignments: inputs.assignments,
    existing: profileSetOf(document).configFileProfiles,
  });
  for (const name of plan.remove) document.removeSection({ kind: "profile", name });
  for (const profile of plan.write) {
    const ref = { kind: "profile" as const, name: profile.name };
    if (document.hasSection(ref)) {
      for (const [key, value] of profile.properties) document.setProperty(ref, key, value);
    } else {
      document.addSection(ref, Object.fromEntries(profile.properties));
    }
  }
  return plan;
}
