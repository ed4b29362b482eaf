import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";

export type ProfileSelectionReason = "option" | "AWS_DEFAULT_PROFILE" | "AWS_PROFILE" | "default";

export interface ProfileSelection {
  name: string;
  from: ProfileSelectionReason;
}

/**
 * The profile the SDKs would use: `--profile`, then the environment, then
 * "default". botocore lists AWS_DEFAULT_PROFILE before AWS_PROFILE
 * (configprovider.py: `'profile': (None, ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'], ...)`),
 * so when both are set AWS_DEFAULT_PROFILE wins; credo copies that so
 * `credo explain` and the AWS CLI agree.
 */
export function selectProfile(profileOption: string | undefined, env: Env): ProfileSelection {
  if (profileOption !== undefined && profileOption !== "")
    return { name: profileOption, from: "option" };
  const legacy = envValue(env, "AWS_DEFAULT_PROFILE");
  if (legacy !== undefined) return { name: legacy, from: "AWS_DEFAULT_PROFILE" };
  const profile = envValue(env, "AWS_PROFILE");
  if (profile !== undefined) return { name: profile, from: "AWS_PROFILE" };
  return { name: "default", from: "default" };
}
