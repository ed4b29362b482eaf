import { nonEmptyProperty } from "../profile-files/profile-property.js";
import type { Properties } from "../profile-files/types.js";
import type { SsoAssignment } from "./sso-assignments.js";

/**
 * The key that marks a profile `credo sso sync` wrote. A key rather than a
 * comment because other tools that rewrite ~/.aws/config (`aws configure set`)
 * keep keys but may drop comments; the `credo_` prefix keeps it out of every
 * SDK's way (design principle 1).
 */
export const managedKey = "credo_managed";
export const defaultNameTemplate = "{account_name}-{role_name}";

export function managedMarker(sessionName: string): string {
  return `sso-sync:${sessionName}`;
}

export interface SyncedProfile {
  name: string;
  /** In the order they are written. */
  properties: [key: string, value: string][];
}

export interface SyncPlan {
  /** New profiles, and managed profiles whose properties are rewritten (a rename is a removal plus an addition). */
  write: SyncedProfile[];
  /** Managed profiles whose role is gone, or that are renamed. */
  remove: string[];
  /** Managed profiles already exactly as they should be. */
  unchanged: string[];
  /** Wanted names held by a profile credo did not write: left alone, reported. */
  conflicts: { name: string; assignment: SsoAssignment }[];
}

export interface SyncPlanInput {
  sessionName: string;
  /** The `region` written into each profile. */
  region: string;
  template: string;
  assignments: readonly SsoAssignment[];
  /** The config file's own profiles (not merged with credentials). */
  existing: Readonly<Record<string, Properties>>;
}

/**
 * What a sync changes: one profile per account and role, named from the
 * template; managed profiles of this session are updated, renamed or removed;
 * any other profile is never touched.
 */
export function planSsoSync(input: SyncPlanInput): SyncPlan {
  const marker = managedMarker(input.sessionName);
  const managed = Object.entries(input.existing).filter(
    ([, props]) => nonEmptyProperty(props, managedKey) === marker,
  );
  const managedNames = new Set(managed.map(([name]) => name));
  const plan: SyncPlan = { write: [], remove: [], unchanged: [], conflicts: [] };
  const claimed = new Set<string>();

  for (const assignment of sortAssignments(input.assignments)) {
    const name = uniqueName(
      profileName(input.template, assignment, input.sessionName),
      assignment,
      claimed,
    );
    claimed.add(name);
    const existing = input.existing[name];
    if (existing !== undefined && !managedNames.has(name)) {
      plan.conflicts.push({ name, assignment });
      continue;
    }
    const properties: [string, string][] = [
      ["sso_session", input.sessionName],
      ["sso_account_id", assignment.accountId],
      ["sso_role_name", assignment.roleName],
      ["region", input.region],
      [managedKey, marker],
    ];
    if (existing !== undefined && sameProperties(existing, properties)) plan.unchanged.push(name);
    else plan.write.push({ name, properties });
  }
  plan.remove = [...managedNames].filter((name) => !claimed.has(name));
  return plan;
}

export function profileName(
  template: string,
  assignment: SsoAssignment,
  sessionName: string,
): string {
  const filled = template.replace(
    /\{(account_name|account_id|role_name|session)\}/g,
    (_, field: string) => {
      if (field === "account_name") return assignment.accountName;
      if (field === "account_id") return assignment.accountId;
      if (field === "role_name") return assignment.roleName;
      return sessionName;
    },
  );
  return normaliseProfileName(filled);
}

/**
 * Lower case, whitespace runs to "-", and only the characters the SDKs accept
 * in a profile name (letters, digits, `_ - / . % @ : +`; profile-file SEP).
 */
export function normaliseProfileName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9_\-/.%@:+]/g, "")
    .replace(/-{2,}/g, "-");
}

/** Two assignments that normalise to one name keep distinct profiles: the later one gets its account ID appended. */
function uniqueName(name: string, assignment: SsoAssignment, claimed: ReadonlySet<string>): string {
  const base =
    name === "" ? `${assignment.accountId}-${normaliseProfileName(assignment.roleName)}` : name;
  if (!claimed.has(base)) return base;
  const withAccount = `${base}-${assignment.accountId}`;
  return claimed.has(withAccount) ? `${withAccount}-${claimed.size}` : withAccount;
}

/** A stable order, so the same portal answer always gives the same names. */
function sortAssignments(assignments: readonly SsoAssignment[]): SsoAssignment[] {
  return [...assignments].sort(
    (a, b) =>
      a.accountName.localeCompare(b.accountName) ||
      a.accountId.localeCompare(b.accountId) ||
      a.roleName.localeCompare(b.roleName),
  );
}

function sameProperties(existing: Properties, wanted: readonly [string, string][]): boolean {
  return wanted.every(([key, value]) => existing[key] === value);
}
