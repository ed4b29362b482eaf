import type { Env } from "./env.js";

/**
 * Variables credo reads secrets from. A child credo starts (a
 * credential_process helper, a credo_mfa_process command, the browser, the
 * program under `credo exec`) has no business with them, and a child's
 * environment is readable by other tools it starts in turn.
 */
export const credoSecretVariables: readonly string[] = ["CREDO_PASSPHRASE", "CREDO_NEW_PASSPHRASE"];

/**
 * The environment for every child process credo starts: the parent's, minus
 * credo's own secrets and unset values. Callers add their own rules on top
 * (`credo exec` also removes conflicting AWS variables).
 */
export function childEnvironment(env: Env): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !credoSecretVariables.includes(key)) child[key] = value;
  }
  return child;
}
