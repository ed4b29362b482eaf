import type { AppContext } from "../context.js";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { credoProcessCommand } from "../hub/credo-command.js";
import { editConfigFile } from "../profile-files/edit-config-file.js";
import type { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import { managedKey } from "../sso/sync-plan.js";
import type { SamlRole } from "../saml/parse-saml-response.js";
import type { SamlProfileSettings } from "../saml/saml-profile-settings.js";
import { samlSettingKeys } from "../saml/saml-profile-settings.js";
import { samlProfileRoles } from "./saml-roles.js";

export const samlSyncMarker = (name: string) => `saml-sync:${name}`;

export interface SamlSyncResult {
  written: string[];
  removed: string[];
  unchanged: string[];
  /** Names taken by a profile credo did not write: left alone. */
  conflicts: string[];
}

/** NAME-ROLE, or NAME-ACCOUNT-ROLE when two accounts grant a role of the same name. */
function profileNames(name: string, roles: readonly SamlRole[]): Map<string, SamlRole> {
  const roleName = (role: SamlRole) => role.roleArn.split("/").pop() ?? "";
  const account = (role: SamlRole) => role.roleArn.split(":")[4] ?? "";
  const names = new Map<string, SamlRole>();
  for (const role of roles) {
    const clash = roles.some((other) => other !== role && roleName(other) === roleName(role));
    names.set(
      clash ? `${name}-${account(role)}-${roleName(role)}` : `${name}-${roleName(role)}`,
      role,
    );
  }
  return names;
}

function planAndApply(
  document: ProfileDocument,
  settings: SamlProfileSettings,
  region: string | undefined,
  roles: readonly SamlRole[],
): SamlSyncResult {
  const marker = samlSyncMarker(settings.profile);
  const existing = profileSetOf(document).configFileProfiles;
  const result: SamlSyncResult = { written: [], removed: [], unchanged: [], conflicts: [] };
  const wanted = profileNames(settings.profile, roles);
  for (const [name, properties] of Object.entries(existing)) {
    if (nonEmptyProperty(properties, managedKey) === marker && !wanted.has(name)) {
      document.removeSection({ kind: "profile", name });
      result.removed.push(name);
    }
  }
  for (const [name, role] of wanted) {
    const properties: [string, string][] = [
      ["credential_process", credoProcessCommand(name)],
      [samlSettingKeys.url, settings.url],
      [samlSettingKeys.roleArn, role.roleArn],
      [samlSettingKeys.browserProfile, settings.browserProfile],
      ...(settings.durationSeconds === undefined
        ? []
        : [[samlSettingKeys.duration, String(settings.durationSeconds)] as [string, string]]),
      ...(region === undefined ? [] : [["region", region] as [string, string]]),
      [managedKey, marker],
    ];
    const current = existing[name];
    const ref = { kind: "profile" as const, name };
    if (current === undefined) {
      document.addSection(ref, Object.fromEntries(properties));
      result.written.push(name);
    } else if (nonEmptyProperty(current, managedKey) !== marker) {
      result.conflicts.push(name);
    } else if (properties.every(([key, value]) => current[key] === value)) {
      result.unchanged.push(name);
    } else {
      for (const [key, value] of properties) document.setProperty(ref, key, value);
      result.written.push(name);
    }
  }
  return result;
}

/**
 * `credo saml sync NAME`: a profile per role the provider grants, as
 * `credo sso sync` writes one per account role; all share NAME's browser
 * profile, so one provider session serves them all.
 */
export async function runSamlSync(
  options: { name: string; refresh: boolean; dryRun: boolean },
  ctx: AppContext,
): Promise<number> {
  const { loaded, settings, roles } = await samlProfileRoles(options.name, options.refresh, ctx);
  const region = nonEmptyProperty(loaded.profileSet.profiles[options.name], "region");
  const configFile = loaded.locations.configFile;
  const { plan, diff } = await editConfigFile(
    configFile,
    options.dryRun,
    (document) => planAndApply(document, settings, region, roles),
    ctx.files,
  );
  if (options.dryRun) {
    ctx.io.out.write((await diff()) || "No changes.\n");
    return 0;
  }
  const lines = [
    ...plan.written.map((name) => `written  ${name}`),
    ...plan.removed.map((name) => `removed  ${name}`),
    ...plan.unchanged.map((name) => `unchanged  ${name}`),
    ...plan.conflicts.map(
      (name) => `skipped  ${name} (a profile credo did not write has this name)`,
    ),
  ];
  ctx.io.err.write(`${lines.join("\n")}\n`);
  return 0;
}
