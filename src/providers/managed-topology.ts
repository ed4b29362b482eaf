import type { Properties, PropertyValue } from "../profile-files/types.js";

/**
 * The standard role settings that a managed consumer profile (written by
 * `credo aws-config sync`) keeps under `credo_*` names. Under their own names
 * the AWS CLI would assume the role itself, a second time after credo; under
 * credo_* names it sees only `credential_process` and lets credo do it.
 */
export const managedTopologyKeys = [
  "role_arn",
  "source_profile",
  "credential_source",
  "mfa_serial",
  "external_id",
  "duration_seconds",
  "role_session_name",
  "source_identity",
  "session_tags",
  "transitive_session_tags",
] as const;

export function credoTopologyKey(key: (typeof managedTopologyKeys)[number]): string {
  return `credo_${key}`;
}

/** Whether the profile is a managed consumer profile: its role is under credo_role_arn. */
export function isManagedConsumerProfile(properties: Properties | undefined): boolean {
  return typeof properties?.["credo_role_arn"] === "string";
}

/**
 * The profile as credo's chain planner reads it: for a managed consumer
 * profile, its credo_* topology under the standard names and without its
 * `credential_process` (which calls credo, for the other tools); any other
 * profile unchanged.
 */
export function withManagedTopology(properties: Properties): Properties;
export function withManagedTopology(properties: Properties | undefined): Properties | undefined;
export function withManagedTopology(properties: Properties | undefined): Properties | undefined {
  if (properties === undefined || !isManagedConsumerProfile(properties)) return properties;
  const view: Record<string, PropertyValue> = Object.create(null) as Record<string, PropertyValue>;
  const replaced = new Set<string>(["credential_process", ...managedTopologyKeys]);
  for (const [key, value] of Object.entries(properties)) {
    if (!replaced.has(key)) view[key] = value;
  }
  for (const key of managedTopologyKeys) {
    const value = properties[credoTopologyKey(key)];
    if (value !== undefined) view[key] = value;
  }
  return view;
}
