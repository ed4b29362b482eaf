import { nonEmptyProperty, stringProperty } from "../profile-files/profile-property.js";
import { parseRoleArn } from "../aws/arn.js";
import type { ProfileSet, Properties } from "../profile-files/types.js";
import { parseCredoProcessCommand } from "../providers/credo-process-command.js";

export interface RoleProfile {
  profile: string;
  roleArn: string;
  /** The 12-digit account of role_arn (the seed's "environment"). */
  account: string;
  roleName: string;
  region: string | undefined;
}

export interface HubTopology {
  hub: string;
  region: string | undefined;
  /** Role profiles whose source_profile chain ends at this hub, grouped by account, in file order. */
  accounts: Array<{ account: string; roles: RoleProfile[] }>;
}

/**
 * The hub a profile is, when its credentials come from `credo process HUB`
 * (and not from keys, a role or SSO, which the SDKs would use first).
 */
export function hubNameOf(properties: Properties | undefined): string | undefined {
  if (properties === undefined) return undefined;
  for (const key of [
    "aws_access_key_id",
    "role_arn",
    "sso_session",
    "sso_start_url",
    "web_identity_token_file",
  ]) {
    if (nonEmptyProperty(properties, key) !== undefined) return undefined;
  }
  const command = nonEmptyProperty(properties, "credential_process");
  return command === undefined ? undefined : parseCredoProcessCommand(command);
}

/** Every hub profile with the role profiles that hang off it (directly or through a chain of roles). */
export function hubTopologies(profileSet: ProfileSet): HubTopology[] {
  const { profiles } = profileSet;
  const hubs = Object.keys(profiles).filter((name) => hubNameOf(profiles[name]) !== undefined);
  return hubs.map((hub) => {
    const accounts: HubTopology["accounts"] = [];
    for (const [profile, properties] of Object.entries(profiles)) {
      const roleArn = nonEmptyProperty(properties, "role_arn");
      const parts = roleArn === undefined ? undefined : parseRoleArn(roleArn);
      if (roleArn === undefined || parts === undefined || rootSource(profileSet, profile) !== hub)
        continue;
      const role = { profile, roleArn, ...parts, region: nonEmptyProperty(properties, "region") };
      const group = accounts.find((candidate) => candidate.account === parts.account);
      if (group) group.roles.push(role);
      else accounts.push({ account: parts.account, roles: [role] });
    }
    return { hub, region: nonEmptyProperty(profiles[hub], "region"), accounts };
  });
}

/** Follows source_profile to the profile at the end of the chain; undefined on a cycle or a gap. */
function rootSource(profileSet: ProfileSet, start: string): string | undefined {
  const seen = new Set<string>();
  let current = start;
  for (;;) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    const next = stringProperty(profileSet.profiles[current], "source_profile");
    if (next === undefined || next === "") return current === start ? undefined : current;
    current = next;
  }
}
