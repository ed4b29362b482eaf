import type { PolicyDocument, PolicyStatement } from "./policy-document.js";

export interface SpokeTrust {
  hubAccount: string;
  /** The partition of the spoke role (and so of the hub account): aws, aws-cn, aws-us-gov. */
  partition: string;
  externalId?: string;
  /** The role profiles set source_identity: the trust must allow sts:SetSourceIdentity. */
  sourceIdentity?: boolean;
  /** The session tag keys the role profiles send: sts:TagSession is allowed for these keys only. */
  tagKeys?: readonly string[];
}

/**
 * A spoke role's trust policy (seed 003): the hub account may assume it, only
 * with MFA. credo's hub session comes from GetSessionToken with an MFA code,
 * so aws:MultiFactorAuthPresent is true on it; an external id, when given,
 * must match too. A source identity needs sts:SetSourceIdentity beside
 * sts:AssumeRole; session tags need sts:TagSession, in a statement of its own
 * that names the tag keys (aws:TagKeys), so no other tag can be set.
 */
export function spokeTrustPolicy(trust: SpokeTrust): PolicyDocument {
  const principal = { AWS: `arn:${trust.partition}:iam::${trust.hubAccount}:root` };
  const mfa = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
  const statements: PolicyStatement[] = [
    {
      Sid: "TrustHubAccountWithMfa",
      Effect: "Allow",
      Principal: principal,
      Action:
        trust.sourceIdentity === true
          ? ["sts:AssumeRole", "sts:SetSourceIdentity"]
          : "sts:AssumeRole",
      Condition: {
        ...mfa,
        ...(trust.externalId === undefined
          ? {}
          : { StringEquals: { "sts:ExternalId": trust.externalId } }),
      },
    },
  ];
  if (trust.tagKeys !== undefined && trust.tagKeys.length > 0) {
    statements.push({
      Sid: "AllowSessionTags",
      Effect: "Allow",
      Principal: principal,
      Action: "sts:TagSession",
      Condition: {
        ...mfa,
        "ForAllValues:StringEquals": { "aws:TagKeys": [...trust.tagKeys].sort() },
      },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
