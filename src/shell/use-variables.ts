import { conflictingVariables } from "../exec/child-environment.js";

/**
 * Every environment variable `credo use` may change: the ones `credo exec`
 * removes from a child (a profile, other keys, other credential sources),
 * the regions it sets, and CREDO_PROFILE. `credo use --clear` puts each of
 * them back as it was before the shell's first `credo use`.
 */
export const useVariables: readonly string[] = [
  ...conflictingVariables,
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "CREDO_PROFILE",
];

/** Shell variables (never exported) that the shell function and the code of `credo use` keep. */
export const shellState = {
  /** Code that puts the variables back as they were before the first `credo use`. */
  restore: "__credo_restore",
  /** fish only: the same as block-local variables, to run credo in that environment. */
  baseline: "__credo_baseline",
  /** When the credentials expire, in seconds since the epoch: for the refresh and prompts. */
  expiry: "credo_expiry",
  /** Whole minutes left, kept up to date before each prompt. */
  minutesLeft: "credo_minutes_left",
} as const;
