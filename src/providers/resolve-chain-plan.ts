import { assumeRoleCredentials } from "./assume-role-credentials.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { ChainPlan } from "./plan-chain.js";
import { resolveBaseSource } from "./resolve-base-source.js";
import { roleStepChains } from "./role-step-chains.js";

/** Runs a planned chain: its base source, then each AssumeRole step with the previous credentials. */
export async function resolveChainPlan(
  plan: ChainPlan,
  context: ChainContext,
): Promise<AwsCredentials> {
  let credentials = await resolveBaseSource(plan.base, context);
  const chains = roleStepChains(plan);
  for (const [index, step] of plan.roles.entries()) {
    credentials = await assumeRoleCredentials(step, credentials, chains[index] ?? [], context);
  }
  return credentials;
}
