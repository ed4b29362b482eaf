import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { Properties } from "../profile-files/types.js";
import { nonEmptyProperty } from "../profile-files/profile-property.js";

export interface RegionResolution {
  region: string | undefined;
  from: "AWS_REGION" | "AWS_DEFAULT_REGION" | "profile" | "unset";
}

/**
 * The region as the SDKs pick it: AWS_REGION (JS and Rust SDKs, AWS CLI v2),
 * then AWS_DEFAULT_REGION (botocore), then the profile's `region`. credo does
 * not ask the instance metadata service: it is a developer-machine tool.
 */
export function resolveRegion(env: Env, profile: Properties | undefined): RegionResolution {
  const fromEnv = envValue(env, "AWS_REGION");
  if (fromEnv !== undefined) return { region: fromEnv, from: "AWS_REGION" };
  const legacy = envValue(env, "AWS_DEFAULT_REGION");
  if (legacy !== undefined) return { region: legacy, from: "AWS_DEFAULT_REGION" };
  const configured = nonEmptyProperty(profile, "region");
  if (configured !== undefined) return { region: configured, from: "profile" };
  return { region: undefined, from: "unset" };
}
