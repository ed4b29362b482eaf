import { envValue } from "../io/env.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * The precedence trap (seed 001): keys in AWS_ACCESS_KEY_ID beat AWS_PROFILE
 * in every SDK, so a user who sets a profile keeps acting as whoever the keys
 * belong to, without a word from any tool.
 */
export function environmentKeys({ env }: DoctorInputs): Finding[] {
  const profile = envValue(env, "AWS_PROFILE");
  if (profile === undefined || envValue(env, "AWS_ACCESS_KEY_ID") === undefined) return [];
  return [
    {
      check: "environment-keys",
      severity: "warning",
      what: `AWS_ACCESS_KEY_ID is set beside AWS_PROFILE=${profile}: every AWS tool uses the keys and ignores the profile.`,
      fix: "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN (or unset AWS_PROFILE if the keys are what you want)",
    },
  ];
}
