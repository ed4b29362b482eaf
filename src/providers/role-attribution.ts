import type { SessionTag } from "../aws/sts.js";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import type { Properties } from "../profile-files/types.js";

/**
 * Who-did-what settings of a role profile, under the names aws-vault reads
 * from the same file, so those configs work unchanged:
 *
 *   source_identity = alice            (or {hub_user}: the hub IAM user's name)
 *   session_tags = team=web,cost=42    (key=value pairs, comma-separated)
 *   transitive_session_tags = team     (keys of session_tags that follow a role chain)
 */
export interface RoleAttribution {
  sourceIdentity?: string;
  sessionTags?: SessionTag[];
  transitiveTagKeys?: string[];
}

/** The source_identity value that stands for the name of the IAM user behind the chain's hub. */
export const hubUserPlaceholder = "{hub_user}";

export const attributionKeys = [
  "source_identity",
  "session_tags",
  "transitive_session_tags",
] as const;

export function roleAttribution(profile: string, properties: Properties): RoleAttribution {
  const attribution: RoleAttribution = {};
  const sourceIdentity = nonEmptyProperty(properties, "source_identity");
  if (sourceIdentity !== undefined) attribution.sourceIdentity = sourceIdentity;
  const tags = nonEmptyProperty(properties, "session_tags");
  if (tags !== undefined) attribution.sessionTags = parseSessionTags(profile, tags);
  const transitive = nonEmptyProperty(properties, "transitive_session_tags");
  if (transitive !== undefined) {
    const keys = transitive
      .split(",")
      .map((key) => key.trim())
      .filter((key) => key !== "");
    if (keys.length > 0) attribution.transitiveTagKeys = keys;
  }
  return attribution;
}

/** aws-vault's reading: split on commas, each pair on its first "=", both sides trimmed. */
export function parseSessionTags(profile: string, raw: string): SessionTag[] {
  const tags = new Map<string, string>();
  for (const pair of raw.split(",")) {
    const equals = pair.indexOf("=");
    const key = equals < 0 ? "" : pair.slice(0, equals).trim();
    if (key === "") {
      throw new ConfigError(
        `session_tags in profile "${profile}" must be key=value pairs separated by commas, not "${raw.trim()}".`,
        "For example: session_tags = team=web,project=shop",
      );
    }
    tags.set(key, pair.slice(equals + 1).trim());
  }
  return [...tags].map(([key, value]) => ({ key, value }));
}

/** The attribution for `--debug` and explain: none of it is secret (CloudTrail shows it all). */
export function describeAttribution(attribution: {
  [K in keyof RoleAttribution]?: RoleAttribution[K] | undefined;
}): string | undefined {
  const parts: string[] = [];
  if (attribution.sourceIdentity !== undefined)
    parts.push(`source identity ${attribution.sourceIdentity}`);
  if (attribution.sessionTags !== undefined)
    parts.push(
      `session tags ${attribution.sessionTags.map((tag) => `${tag.key}=${tag.value}`).join(",")}`,
    );
  if (attribution.transitiveTagKeys !== undefined)
    parts.push(`transitive ${attribution.transitiveTagKeys.join(",")}`);
  return parts.length === 0 ? undefined : parts.join("; ");
}

/** Whether the profile sets any attribution (a tool that assumes the role itself would drop it). */
export function hasAttribution(attribution: RoleAttribution): boolean {
  return (
    attribution.sourceIdentity !== undefined ||
    attribution.sessionTags !== undefined ||
    attribution.transitiveTagKeys !== undefined
  );
}
