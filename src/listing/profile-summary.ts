import { accountOfArn, roleNameOfArn, roleNameOfSessionArn } from "../aws/arn.js";
import { nonEmptyProperty, stringProperty } from "../profile-files/profile-property.js";
import type { ProfileSet, Properties } from "../profile-files/types.js";
import { parseCredoProcessCommand } from "../providers/credo-process-command.js";
import { withManagedTopology } from "../providers/managed-topology.js";
import { applicableProfileSources } from "../providers/plan-chain.js";

export type ProfileKind = "hub" | "role" | "sso" | "login" | "static" | "process" | "other";

/** What `credo list` shows of one profile, read from the profile files alone (no network, no vault). */
export interface ProfileSummary {
  name: string;
  kind: ProfileKind;
  account: string | undefined;
  role: string | undefined;
  region: string | undefined;
  sourceProfile: string | undefined;
}

/**
 * The kind follows the source the chain would pick (plan-chain's rules, in
 * botocore's precedence), so a profile with role_arn and static keys is a role,
 * as botocore treats it.
 */
export function summariseProfile(profileSet: ProfileSet, name: string): ProfileSummary {
  // A managed consumer profile (aws-config sync) keeps its role under credo_* keys.
  const properties = withManagedTopology(profileSet.profiles[name]) ?? {};
  const roleArn = nonEmptyProperty(properties, "role_arn");
  const loginSession = nonEmptyProperty(properties, "login_session");
  return {
    name,
    kind: profileKind(profileSet, name, properties),
    account:
      accountOfArn(roleArn) ??
      nonEmptyProperty(properties, "sso_account_id") ??
      accountOfArn(nonEmptyProperty(properties, "mfa_serial")) ??
      nonEmptyProperty(properties, "aws_account_id") ??
      accountOfArn(loginSession),
    role:
      roleNameOfArn(roleArn) ??
      nonEmptyProperty(properties, "sso_role_name") ??
      roleNameOfSessionArn(loginSession),
    region: nonEmptyProperty(properties, "region"),
    sourceProfile: nonEmptyProperty(properties, "source_profile"),
  };
}

function profileKind(profileSet: ProfileSet, name: string, properties: Properties): ProfileKind {
  const [winner] = applicableProfileSources(profileSet, name);
  switch (winner) {
    case "assume-role":
      return "role";
    case "sso":
      return "sso";
    case "login":
      return "login";
    case "shared-credentials-file":
    case "config-file":
      return "static";
    case "custom-process": {
      const command = stringProperty(properties, "credential_process") ?? "";
      return parseCredoProcessCommand(command) === name ? "hub" : "process";
    }
    default:
      return "other";
  }
}
