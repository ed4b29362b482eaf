import { childEnvironment } from "../io/child-environment.js";
import type { Env } from "../io/env.js";
import type { ExportInput } from "../output/credential-formats.js";
import { credentialVariables } from "../output/credential-formats.js";

/**
 * Variables that would make an SDK in the child pick other credentials than
 * the ones credo hands it: a profile (which the SDKs would resolve again),
 * other static keys, or another container/web-identity source.
 */
export const conflictingVariables = [
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/** Every child's environment (without credo's secrets), and without the conflicting variables. */
function withoutConflicts(env: Env): Record<string, string> {
  const child = childEnvironment(env);
  for (const name of conflictingVariables) delete child[name];
  return child;
}

/** The child's environment for `credo exec`: static credentials as variables. */
export function staticCredentialsEnvironment(
  env: Env,
  input: ExportInput,
  profile: string,
): Record<string, string> {
  const child = withoutConflicts(env);
  for (const [key, value] of credentialVariables(input)) child[key] = value;
  child.CREDO_PROFILE = profile;
  return child;
}

/** The child's environment for `credo exec --server`: the container-credentials endpoint. */
export function endpointEnvironment(
  env: Env,
  endpoint: { url: string; token: string },
  region: string | undefined,
  profile: string,
): Record<string, string> {
  const child = withoutConflicts(env);
  child.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.url;
  child.AWS_CONTAINER_AUTHORIZATION_TOKEN = endpoint.token;
  if (region) {
    child.AWS_REGION = region;
    child.AWS_DEFAULT_REGION = region;
  }
  child.CREDO_PROFILE = profile;
  return child;
}
