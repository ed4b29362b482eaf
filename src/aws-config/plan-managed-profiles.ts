import { nonEmptyProperty, stringProperty } from "../profile-files/profile-property.js";
import { shellQuote } from "../output/credential-formats.js";
import type { ProfileSet } from "../profile-files/types.js";
import { parseCredoProcessCommand } from "../providers/credo-process-command.js";
import {
  credoTopologyKey,
  isManagedConsumerProfile,
  managedTopologyKeys,
  withManagedTopology,
} from "../providers/managed-topology.js";
import { planChain } from "../providers/plan-chain.js";

/** One managed consumer profile to write (create or update). */
export interface ManagedProfileWrite {
  name: string;
  /** The credo role it hands out (`credential_process = credo process ROLE`). */
  role: string;
  /** Properties to set, in order. */
  set: [string, string][];
  /** Properties to remove (a standard role key moving to its credo_* name, or a stale credo_* key). */
  remove: string[];
  /** True when the section does not exist yet. */
  create: boolean;
}

export interface ManagedProfilesPlan {
  write: ManagedProfileWrite[];
  /** Consumer profiles credo wrote whose role is gone. */
  remove: string[];
  /** Profiles that would be overwritten but are not credo's: left alone. */
  conflicts: string[];
}

export interface PlanManagedProfilesInput {
  profileSet: ProfileSet;
  /** "" (default): the role's own profile becomes the managed one. */
  suffix: string;
  /** Absolute path of credo's executable, written into credential_process. */
  credoPath: string;
}

/**
 * What `credo aws-config sync` changes in ~/.aws/config.
 *
 * A credo role is a profile of the config file that assumes a role and whose
 * source chain starts at a credo hub (`credential_process = credo process
 * HUB`), as credo's own chain planner sees it. For each, the managed consumer
 * profile NAME+suffix gets `credential_process = <credo> process NAME`, a
 * `region`, and the role's settings under credo_* keys (credo_role_arn,
 * credo_source_profile, credo_mfa_serial, ...), so the AWS CLI runs credo
 * instead of assuming the role a second time. Without a suffix that profile is
 * the role's own (its standard keys move to their credo_* names). A consumer
 * profile with a suffix is recognised by credo_role_arn plus a
 * `credo process OTHER` command; it is removed when OTHER is no longer a credo role.
 */
export function planManagedProfiles(input: PlanManagedProfilesInput): ManagedProfilesPlan {
  const { profileSet, suffix } = input;
  const configProfiles = profileSet.configFileProfiles;
  const roles = Object.keys(configProfiles).filter(
    (name) => consumerOf(profileSet, name) === undefined && isCredoRole(profileSet, name),
  );
  const plan: ManagedProfilesPlan = { write: [], remove: [], conflicts: [] };
  for (const role of roles) {
    const name = `${role}${suffix}`;
    const existing = configProfiles[name];
    if (suffix !== "" && existing !== undefined && consumerOf(profileSet, name) !== role) {
      plan.conflicts.push(name);
      continue;
    }
    const write = managedWrite(input, role, name);
    if (write.set.length > 0 || write.remove.length > 0) plan.write.push(write);
  }
  for (const name of Object.keys(configProfiles)) {
    const role = consumerOf(profileSet, name);
    if (role !== undefined && !roles.includes(role)) plan.remove.push(name);
  }
  return plan;
}

function managedWrite(
  input: PlanManagedProfilesInput,
  role: string,
  name: string,
): ManagedProfileWrite {
  const { profileSet, credoPath } = input;
  const effective = withManagedTopology(profileSet.profiles[role] ?? {});
  const existing = profileSet.configFileProfiles[name];
  const wanted: [string, string][] = [
    ["credential_process", `${quotedPath(credoPath)} process ${role}`],
  ];
  const region = nonEmptyProperty(effective, "region") ?? hubRegion(profileSet, role);
  if (region !== undefined) wanted.push(["region", region]);
  for (const key of managedTopologyKeys) {
    const value = stringProperty(effective, key);
    if (value !== undefined) wanted.push([credoTopologyKey(key), value]);
  }
  const remove = managedTopologyKeys.flatMap((key) => {
    const standard = existing?.[key] !== undefined ? [key] : [];
    const stale =
      existing?.[credoTopologyKey(key)] !== undefined &&
      stringProperty(effective, key) === undefined
        ? [credoTopologyKey(key)]
        : [];
    return [...standard, ...stale];
  });
  return {
    name,
    role,
    set: wanted.filter(([key, value]) => existing?.[key] !== value),
    remove,
    create: existing === undefined,
  };
}

function isCredoRole(profileSet: ProfileSet, name: string): boolean {
  try {
    const plan = planChain(profileSet, name);
    return plan.base.kind === "Hub" && plan.roles.at(-1)?.profile === name;
  } catch {
    // A profile credo cannot plan is not one it can hand out.
    return false;
  }
}

/** The role a suffixed managed consumer profile hands out, or undefined for any other profile. */
function consumerOf(profileSet: ProfileSet, name: string): string | undefined {
  const properties = profileSet.configFileProfiles[name];
  if (!isManagedConsumerProfile(properties)) return undefined;
  const role = parseCredoProcessCommand(stringProperty(properties, "credential_process") ?? "");
  return role === undefined || role === name ? undefined : role;
}

/** The region of the hub at the start of the role's chain, when the role has none. */
function hubRegion(profileSet: ProfileSet, role: string): string | undefined {
  const plan = planChain(profileSet, role);
  return plan.base.kind === "Hub"
    ? nonEmptyProperty(profileSet.profiles[plan.base.hubName], "region")
    : undefined;
}

/** credential_process is split like a POSIX shell line (shlex): quote a path that needs it. */
function quotedPath(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : shellQuote(path);
}
