import type { ChainPlan } from "./plan-chain.js";

/**
 * For each AssumeRole step of a plan, the profiles from the base source up to
 * that step (a self-referencing profile counted once): part of the step's
 * session cache key, which the `credo process` fast path computes too.
 */
export function roleStepChains(plan: Pick<ChainPlan, "base" | "roles">): string[][] {
  const chain: string[] = plan.base.profile === undefined ? [] : [plan.base.profile];
  return plan.roles.map((step) => {
    if (chain[chain.length - 1] !== step.profile) chain.push(step.profile);
    return [...chain];
  });
}
