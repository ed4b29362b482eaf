import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { WebIdentityEnv } from "./plan-chain.js";

/**
 * The environment's web identity settings, which botocore reads before the
 * selected profile's (never with --profile). Apart from default-chain.ts so
 * the `credo process` fast path plans the chain with them as the full path does.
 */
export function webIdentityEnv(context: { env: Env }): WebIdentityEnv {
  const result: WebIdentityEnv = {};
  const tokenFile = envValue(context.env, "AWS_WEB_IDENTITY_TOKEN_FILE");
  if (tokenFile !== undefined) result.tokenFile = tokenFile;
  const roleArn = envValue(context.env, "AWS_ROLE_ARN");
  if (roleArn !== undefined) result.roleArn = roleArn;
  const sessionName = envValue(context.env, "AWS_ROLE_SESSION_NAME");
  if (sessionName !== undefined) result.sessionName = sessionName;
  return result;
}
