import type { PolicyDocument } from "./policy-document.js";

/**
 * The sample permissions policy of seed 003's DEVELOPER role: a starting
 * point to edit, listing what developers may do inside a spoke account.
 */
export function sampleSpokePermissionsPolicy(): PolicyDocument {
  return {
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
}
