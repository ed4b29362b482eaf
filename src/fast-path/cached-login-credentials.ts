import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { loginCachePath } from "../login/login-token-cache.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { loginRefreshWindowMs } from "../providers/login-refresh-window.js";

/**
 * The credentials an `aws login` session has cached, if they outlast both the
 * refresh window and the fast path's margin; undefined (the full path then
 * refreshes or reports) for anything else, including a malformed file.
 */
export async function cachedLoginCredentials(
  loginSession: string,
  inputs: { env: Env; homedir: string; files: FileReader; now: number; refreshMarginMs: number },
): Promise<AwsCredentials | undefined> {
  const text = await inputs.files.readText(
    loginCachePath(inputs.env, inputs.homedir, loginSession),
  );
  if (text === undefined) return undefined;
  const token = JSON.parse(text) as {
    clientId?: unknown;
    refreshToken?: unknown;
    dpopKey?: unknown;
    accessToken?: Record<string, unknown>;
  };
  const access = token.accessToken ?? {};
  const fields = ["accessKeyId", "secretAccessKey", "sessionToken", "accountId", "expiresAt"];
  if (
    [token.clientId, token.refreshToken, token.dpopKey, ...fields.map((f) => access[f])].some(
      (value) => typeof value !== "string" || value === "",
    )
  ) {
    return undefined;
  }
  const expiresAt = Date.parse(access["expiresAt"] as string);
  const margin = Math.max(loginRefreshWindowMs, inputs.refreshMarginMs);
  if (Number.isNaN(expiresAt) || expiresAt - inputs.now <= margin) return undefined;
  return {
    accessKeyId: access["accessKeyId"] as string,
    secretAccessKey: access["secretAccessKey"] as string,
    sessionToken: access["sessionToken"] as string,
    accountId: access["accountId"] as string,
    expiration: new Date(expiresAt),
  };
}
