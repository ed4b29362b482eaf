import { nonEmptyProperty } from "../profile-files/profile-property.js";
import type { Properties } from "../profile-files/types.js";
import { managedKey } from "../sso/sync-plan.js";

/**
 * How credo marks the ~/.aws/config profiles it wrote: the same
 * `credo_managed` key `credo sso sync` uses (a key, not a comment, because
 * tools that rewrite the config such as `aws configure set` keep keys but may
 * drop comments). Hubs carry `credo_managed = hub`, roles `credo_managed = role`;
 * remove, list and reset touch only profiles with the matching value.
 */
export const credoManagedKey = managedKey;
export type ManagedKind = "hub" | "role";

export function isManaged(properties: Properties | undefined, kind: ManagedKind): boolean {
  return nonEmptyProperty(properties, credoManagedKey) === kind;
}
