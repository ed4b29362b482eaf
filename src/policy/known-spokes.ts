import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { accountOfArn } from "../aws/arn.js";
import type { ProfileSet } from "../profile-files/types.js";
import { planChain } from "../providers/plan-chain.js";

export interface KnownSpoke {
  hub: string;
  /** From the hub's mfa_serial ARN (or aws_account_id); undefined when the config does not say. */
  hubAccount: string | undefined;
  roleArn: string;
  externalId: string | undefined;
}

/**
 * The roles the config assumes straight from a credo hub (the first
 * AssumeRole of a chain whose base is `credo process HUB`): the roles whose
 * trust policy must name the hub account. Later links of a longer chain are
 * assumed by a role, not the hub, so they are left out.
 */
export function knownSpokes(profileSet: ProfileSet): KnownSpoke[] {
  const spokes = new Map<string, KnownSpoke>();
  for (const name of Object.keys(profileSet.profiles).sort()) {
    let plan;
    try {
      plan = planChain(profileSet, name);
    } catch {
      continue;
    }
    const [first] = plan.roles;
    if (plan.base.kind !== "Hub" || first === undefined || spokes.has(first.roleArn)) continue;
    const hubProfile = profileSet.profiles[plan.base.hubName];
    spokes.set(first.roleArn, {
      hub: plan.base.hubName,
      hubAccount:
        accountOfArn(nonEmptyProperty(hubProfile, "mfa_serial")) ??
        nonEmptyProperty(hubProfile, "aws_account_id"),
      roleArn: first.roleArn,
      externalId: first.externalId,
    });
  }
  return [...spokes.values()];
}
