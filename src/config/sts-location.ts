import type { Env } from "../io/env.js";
import type { ProfileSet, Properties } from "../profile-files/types.js";
import { resolveEndpointUrl } from "./resolve-endpoint-url.js";
import { resolveRegion } from "./resolve-region.js";

/** Where a profile's STS calls go: part of every session cache key. */
export interface StsLocation {
  region: string;
  endpoint?: string;
}

/** STS needs a region; botocore falls back to the global endpoint, which lives in us-east-1. */
export const fallbackStsRegion = "us-east-1";

/**
 * The region and configured endpoint of a profile's STS calls. Both the
 * resolution chain and the `credo process` fast path take them from here, so
 * the cache keys they compute are the same.
 */
export function stsLocation(
  env: Env,
  profile: Properties | undefined,
  profileSet: ProfileSet,
): StsLocation {
  const endpoint = resolveEndpointUrl({ service: "STS", env, profile, profileSet });
  return {
    region: resolveRegion(env, profile).region ?? fallbackStsRegion,
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}
