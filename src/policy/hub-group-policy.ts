import type { PolicyDocument } from "./policy-document.js";

/**
 * The hub account's group policy (seed 003): its users may do one thing,
 * assume the listed spoke roles. MFA is enforced by each role's trust policy.
 */
export function hubGroupPolicy(roleArns: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AssumeSpokeRoles",
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Resource: [...new Set(roleArns)].sort(),
      },
    ],
  };
}
