import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

/**
 * Keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN,
 * or botocore's older AWS_SECURITY_TOKEN; AWS_CREDENTIAL_EXPIRATION;
 * AWS_ACCOUNT_ID), or undefined when they are not set. Blank values count as
 * unset (conformance case environment_variables_blank).
 */
export function envCredentials(env: Env): AwsCredentials | undefined {
  const accessKeyId = trimmed(env, "AWS_ACCESS_KEY_ID");
  const secretAccessKey = trimmed(env, "AWS_SECRET_ACCESS_KEY");
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY";
    throw new CredoError(`Partial credentials in the environment: ${missing} is not set.`, {
      exitCode: "config",
      hint: "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or unset both to use a profile.",
    });
  }
  const credentials: AwsCredentials = { accessKeyId, secretAccessKey };
  const sessionToken = trimmed(env, "AWS_SESSION_TOKEN") ?? trimmed(env, "AWS_SECURITY_TOKEN");
  if (sessionToken !== undefined) credentials.sessionToken = sessionToken;
  const expiration = trimmed(env, "AWS_CREDENTIAL_EXPIRATION");
  if (expiration !== undefined && !Number.isNaN(Date.parse(expiration)))
    credentials.expiration = new Date(expiration);
  const accountId = trimmed(env, "AWS_ACCOUNT_ID");
  if (accountId !== undefined) credentials.accountId = accountId;
  return credentials;
}

function trimmed(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}
