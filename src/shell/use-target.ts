import type { AwsCredentials } from "../aws/aws-credentials.js";
import { credentialVariables } from "../output/credential-formats.js";
import type { UseTarget } from "./use-code.js";

/** What `credo use NAME` sets for a resolved profile (the full path and the fast path alike). */
export function credentialsTarget(resolution: {
  credentials: AwsCredentials;
  profile: string;
  region: string | undefined;
}): UseTarget {
  return {
    profile: resolution.profile,
    variables: credentialVariables(resolution),
    expiration: resolution.credentials.expiration,
  };
}

/** The line `credo use` says on stderr when done. */
export function usingMessage(target: UseTarget, now: number): string {
  if (target.expiration === undefined)
    return target.variables[0]?.[0] === "AWS_PROFILE"
      ? `Using ${target.profile} (AWS_PROFILE).`
      : `Using ${target.profile}.`;
  const minutes = Math.floor((target.expiration.getTime() - now) / 60_000);
  return `Using ${target.profile}: credentials valid for ${minutes} more minute${minutes === 1 ? "" : "s"}.`;
}
