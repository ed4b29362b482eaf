import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import type { Properties } from "../profile-files/types.js";
import { updateProfileFile } from "../profile-files/update.js";
import type { HubFileDeps } from "./add-hub.js";
import { credoManagedKey, isManaged } from "./managed-profile.js";

export interface AddRoleInput {
  name: string;
  hub: string;
  roleArn: string;
  /** Copy the hub's mfa_serial, so AssumeRole sends an MFA code of its own. */
  mfa: boolean;
  externalId?: string;
  durationSeconds?: number;
  sessionName?: string;
  region?: string;
  force: boolean;
}

export interface RoleSummary {
  name: string;
  roleArn: string;
  hub: string;
  region: string | null;
  mfa: boolean;
}

/**
 * `credo role add`: a standard role profile (role_arn + source_profile = HUB
 * and the optional standard keys), which the AWS CLI, boto3, the JS SDK and
 * Terraform assume natively through the hub's credential_process.
 */
export async function addRole(input: AddRoleInput, deps: HubFileDeps): Promise<void> {
  await updateProfileFile(
    deps.configFile,
    "config",
    (document) => {
      const profiles = profileSetOf(document).configFileProfiles;
      const hub = profiles[input.hub];
      if (!isManaged(hub, "hub")) {
        throw new ConfigError(
          `There is no hub "${input.hub}" in ~/.aws/config.`,
          "Add it first with `credo hub add`, or see `credo hub list`.",
        );
      }
      const existing = profiles[input.name];
      if (existing !== undefined && !input.force && !isManaged(existing, "role")) {
        throw new ConfigError(
          `The profile "${input.name}" already exists in ~/.aws/config and credo did not write it.`,
          "Choose another name, or add --force to replace it.",
        );
      }
      const ref = { kind: "profile" as const, name: input.name };
      // A role is rewritten whole, so options dropped since last time do not linger.
      document.removeSection(ref);
      document.addSection(ref, Object.fromEntries(roleProperties(input, hub)));
    },
    { files: deps.files },
  );
}

function roleProperties(input: AddRoleInput, hub: Properties | undefined): [string, string][] {
  const hubSerial = nonEmptyProperty(hub, "mfa_serial");
  if (input.mfa && hubSerial === undefined) {
    throw new ConfigError(
      `Hub "${input.hub}" has no mfa_serial to copy for --mfa.`,
      "Add it with `credo hub add` again.",
    );
  }
  const optional: [string, string | undefined][] = [
    ["mfa_serial", input.mfa ? hubSerial : undefined],
    ["external_id", input.externalId],
    ["duration_seconds", input.durationSeconds?.toString()],
    ["role_session_name", input.sessionName],
    ["region", input.region],
  ];
  return [
    ["role_arn", input.roleArn],
    ["source_profile", input.hub],
    ...optional.filter((entry): entry is [string, string] => entry[1] !== undefined),
    [credoManagedKey, "role"],
  ];
}

export async function listRoles(deps: HubFileDeps): Promise<RoleSummary[]> {
  const document = ProfileDocument.parse(
    (await deps.files.readText(deps.configFile)) ?? "",
    "config",
    deps.configFile,
  );
  const profiles = profileSetOf(document).configFileProfiles;
  return Object.keys(profiles)
    .filter((name) => isManaged(profiles[name], "role"))
    .sort()
    .map((name) => {
      const profile = profiles[name];
      return {
        name,
        roleArn: nonEmptyProperty(profile, "role_arn") ?? "",
        hub: nonEmptyProperty(profile, "source_profile") ?? "",
        region: nonEmptyProperty(profile, "region") ?? null,
        mfa: nonEmptyProperty(profile, "mfa_serial") !== undefined,
      };
    });
}

/** Removes a role profile credo wrote; any other profile is refused. */
export async function removeRole(name: string, deps: HubFileDeps): Promise<void> {
  await updateProfileFile(
    deps.configFile,
    "config",
    (document) => {
      const profile = profileSetOf(document).configFileProfiles[name];
      if (!isManaged(profile, "role")) {
        throw new ConfigError(
          profile === undefined
            ? `There is no role "${name}".`
            : `The profile "${name}" was not written by \`credo role add\`; credo leaves it alone.`,
          profile === undefined
            ? "See `credo role list`."
            : "Edit ~/.aws/config yourself to remove it.",
        );
      }
      document.removeSection({ kind: "profile", name });
    },
    { files: deps.files },
  );
}
