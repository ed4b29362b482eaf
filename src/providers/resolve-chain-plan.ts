import { assumeRoleCredentials } from "./assume-role-credentials.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "./credentials.js";
import type { ChainPlan } from "./plan-chain.js";
import { resolveBaseSource } from "./resolve-base-source.js";

/** Runs a planned chain: its base source, then each AssumeRole step with the previous credentials. */
export async function resolveChainPlan(
  plan: ChainPlan,
  context: ChainContext,
): Promise<AwsCredentials> {
  let credentials = await resolveBaseSource(plan.base, context);
  const chain: string[] = plan.base.profile === undefined ? [] : [plan.base.profile];
  for (const step of plan.roles) {
    if (chain[chain.length - 1] !== step.profile) chain.push(step.profile);
    credentials = await assumeRoleCredentials(step, credentials, [...chain], context);
  }
  return credentials;
}
