import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import type { ProfileSet } from "../profile-files/types.js";
import { managedKey } from "../sso/sync-plan.js";

export interface TeamRole {
  roleArn: string;
  externalId: string | undefined;
}

/**
 * The roles a team's registry has engineers assume straight from the hub
 * (role profiles whose source_profile is not itself one of the team's): the
 * roles `credo policy hub|trust --team` builds policies for. Read from the
 * team's managed sections, the last good registry the sync applied.
 */
export function teamRoles(profileSet: ProfileSet, team: string): TeamRole[] {
  const marker = `team:${team}`;
  const profiles = profileSet.configFileProfiles;
  const ours = (name: string | undefined) =>
    name !== undefined && nonEmptyProperty(profiles[name], managedKey) === marker;
  const roles = new Map<string, TeamRole>();
  for (const name of Object.keys(profiles).sort()) {
    const properties = profiles[name];
    const roleArn = nonEmptyProperty(properties, "role_arn");
    if (!ours(name) || roleArn === undefined) continue;
    if (ours(nonEmptyProperty(properties, "source_profile"))) continue;
    if (!roles.has(roleArn))
      roles.set(roleArn, { roleArn, externalId: nonEmptyProperty(properties, "external_id") });
  }
  if (roles.size === 0) {
    throw new ConfigError(
      `The config has no roles of team ${team}.`,
      `Run \`credo team sync ${team}\` (or \`credo team list\` to see the teams).`,
    );
  }
  return [...roles.values()];
}
