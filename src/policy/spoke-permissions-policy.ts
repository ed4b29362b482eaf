import type { PolicyDocument, PolicyStatement } from "./policy-document.js";

/**
 * The sample permissions policy of seed 003's DEVELOPER role: a starting
 * point to edit, listing what developers may do inside a spoke account. When
 * the roles are assumed with a source identity, a statement denies every
 * action of a session without one (aws:SourceIdentity absent), so each
 * action in the spoke's CloudTrail names the person behind it.
 */
export function sampleSpokePermissionsPolicy(
  options: { requireSourceIdentity?: boolean } = {},
): PolicyDocument {
  const policy: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DeveloperAccess",
        Effect: "Allow",
        Action: [
          "sns:*",
          "apigateway:*",
          "s3:*",
          "lambda:*",
          "dynamodb:*",
          "cloudformation:*",
          "sqs:*",
        ],
        Resource: "*",
      },
    ],
  };
  if (options.requireSourceIdentity === true) policy.Statement.push(requireSourceIdentity);
  return policy;
}

const requireSourceIdentity: PolicyStatement = {
  Sid: "DenyWithoutSourceIdentity",
  Effect: "Deny",
  Action: "*",
  Resource: "*",
  Condition: { Null: { "aws:SourceIdentity": "true" } },
};
