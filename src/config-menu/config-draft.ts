import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { isManaged } from "../hub/managed-profile.js";
import type { ProfileSet } from "../profile-files/types.js";

export interface HubDraft {
  name: string;
  mfaSerial: string;
  region: string | undefined;
  /** A new access key typed in this session; absent keeps the one in the vault. */
  newKey?: { accessKeyId: string; secretAccessKey: string };
}

export interface RoleDraft {
  name: string;
  hub: string;
  roleArn: string;
  region: string | undefined;
  /** The role's own mfa_serial (copied from the hub), for roles that demand MFA themselves. */
  mfa: boolean;
  externalId: string | undefined;
  durationSeconds: number | undefined;
  sessionName: string | undefined;
}

/** What `credo config` edits: the hubs and roles credo wrote, in memory until the user saves. */
export interface ConfigDraft {
  hubs: HubDraft[];
  roles: RoleDraft[];
  /** Profiles credo did not write: their names are taken. */
  otherProfiles: readonly string[];
}

/** The hubs and roles of ~/.aws/config that carry credo's marker (others are not credo's to edit). */
export function draftFromProfiles(profileSet: ProfileSet): ConfigDraft {
  const profiles = profileSet.configFileProfiles;
  const names = Object.keys(profiles);
  const hubs = names
    .filter((name) => isManaged(profiles[name], "hub"))
    .map((name) => ({
      name,
      mfaSerial: nonEmptyProperty(profiles[name], "mfa_serial") ?? "",
      region: nonEmptyProperty(profiles[name], "region"),
    }));
  const roles = names
    .filter((name) => isManaged(profiles[name], "role"))
    .map((name) => {
      const profile = profiles[name];
      const duration = nonEmptyProperty(profile, "duration_seconds");
      return {
        name,
        hub: nonEmptyProperty(profile, "source_profile") ?? "",
        roleArn: nonEmptyProperty(profile, "role_arn") ?? "",
        region: nonEmptyProperty(profile, "region"),
        mfa: nonEmptyProperty(profile, "mfa_serial") !== undefined,
        externalId: nonEmptyProperty(profile, "external_id"),
        durationSeconds: duration === undefined ? undefined : Number(duration),
        sessionName: nonEmptyProperty(profile, "role_session_name"),
      };
    });
  const otherProfiles = names.filter(
    (name) => !isManaged(profiles[name], "hub") && !isManaged(profiles[name], "role"),
  );
  return { hubs, roles, otherProfiles };
}

export type ConfigChange =
  | { kind: "add-hub"; hub: HubDraft }
  | { kind: "remove-hub"; name: string }
  | { kind: "add-role"; role: RoleDraft }
  | { kind: "remove-role"; name: string };

/**
 * The writes that turn `before` into `after`, in an order that keeps files
 * consistent and asks any vault passphrase before the first write: hubs
 * (which touch the vault) first, then roles, whose hub must exist.
 */
export function plannedChanges(before: ConfigDraft, after: ConfigDraft): ConfigChange[] {
  const changed = <T extends { name: string }>(list: readonly T[], item: T) =>
    JSON.stringify(list.find((old) => old.name === item.name)) !== JSON.stringify(item);
  const gone = <T extends { name: string }>(list: readonly T[], kept: readonly T[]) =>
    list.filter((old) => !kept.some((item) => item.name === old.name)).map((old) => old.name);
  return [
    ...after.hubs
      .filter((hub) => changed(before.hubs, hub))
      .map((hub) => ({ kind: "add-hub" as const, hub })),
    ...gone(before.hubs, after.hubs).map((name) => ({ kind: "remove-hub" as const, name })),
    ...after.roles
      .filter((role) => changed(before.roles, role))
      .map((role) => ({ kind: "add-role" as const, role })),
    ...gone(before.roles, after.roles).map((name) => ({ kind: "remove-role" as const, name })),
  ];
}
