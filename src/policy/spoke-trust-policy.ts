import type { PolicyDocument } from "./policy-document.js";

export interface SpokeTrust {
  hubAccount: string;
  /** The partition of the spoke role (and so of the hub account): aws, aws-cn, aws-us-gov. */
  partition: string;
  externalId?: string;
}

/**
 * A spoke role's trust policy (seed 003): the hub account may assume it, only
 * with MFA. credo's hub session comes from GetSessionToken with an MFA code,
 * so aws:MultiFactorAuthPresent is true on it; an external id, when given,
 * must match too.
 */
export function spokeTrustPolicy(trust: SpokeTrust): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TrustHubAccountWithMfa",
        Effect: "Allow",
        Principal: { AWS: `arn:${trust.partition}:iam::${trust.hubAccount}:root` },
        Action: "sts:AssumeRole",
        Condition: {
          Bool: { "aws:MultiFactorAuthPresent": "true" },
          ...(trust.externalId === undefined
            ? {}
            : { StringEquals: { "sts:ExternalId": trust.externalId } }),
        },
      },
    ],
  };
}
