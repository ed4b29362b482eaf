import { ConfigError } from "../errors.js";
import type { AssumeRoleStep, BaseSource } from "./plan-chain.js";
import { hubUserPlaceholder } from "./role-attribution.js";

/**
 * The hub whose IAM user `source_identity = {hub_user}` names: the chain must
 * start at a credo hub (`credential_process = credo process NAME`), the one
 * identity credo knows to be a person's own IAM user.
 */
export function placeholderHub(step: AssumeRoleStep, base: BaseSource): string {
  if (base.kind === "Hub") return base.hubName;
  throw new ConfigError(
    `source_identity = ${hubUserPlaceholder} in profile "${step.profile}" needs a chain that starts at a credo hub, and "${base.profile ?? "the environment"}" is not one.`,
    `Point source_profile at a hub (see \`credo hub list\`), or write the name itself: source_identity = alice`,
  );
}

/** The source identity a step sends, with {hub_user} resolved (which may call STS once per hub). */
export async function resolveSourceIdentity(
  step: AssumeRoleStep,
  base: BaseSource,
  hubUserName: ((hub: string) => Promise<string>) | undefined,
): Promise<string | undefined> {
  if (step.sourceIdentity !== hubUserPlaceholder) return step.sourceIdentity;
  const hub = placeholderHub(step, base);
  if (hubUserName === undefined) {
    throw new ConfigError(
      `source_identity = ${hubUserPlaceholder} in profile "${step.profile}" cannot be resolved here.`,
    );
  }
  return hubUserName(hub);
}

/**
 * The same without calling anything, for readers of the session cache alone
 * (the `credo process` fast path, `credo list`): `known: false` when
 * {hub_user} is not recorded yet in CREDO_HOME/hubs.json.
 */
export function recordedSourceIdentity(
  step: AssumeRoleStep,
  base: BaseSource,
  recordedUserName: (hub: string) => string | undefined,
): { known: true; value: string | undefined } | { known: false } {
  if (step.sourceIdentity !== hubUserPlaceholder)
    return { known: true, value: step.sourceIdentity };
  if (base.kind !== "Hub") return { known: false };
  const value = recordedUserName(base.hubName);
  return value === undefined ? { known: false } : { known: true, value };
}
