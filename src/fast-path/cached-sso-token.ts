import type { FileReader } from "../io/file-system.js";
import type { BaseSource } from "../providers/plan-chain.js";
import { tokenCachePath } from "../sso/token-cache-path.js";
import { ssoTokenRefreshWindowMs } from "../sso/token-refresh-window.js";

type SsoSource = Extract<BaseSource, { kind: "Sso" }>;

/**
 * The SSO access token the full path would use as it is, read from the AWS
 * CLI's token cache: undefined when there is none, when it is malformed, or
 * when it is inside the refresh window (the full path then refreshes it, or
 * says to sign in again). The role credentials' cache key needs it.
 */
export async function usableSsoAccessToken(
  source: SsoSource,
  inputs: { homedir: string; files: FileReader; now: number },
): Promise<string | undefined> {
  const path = tokenCachePath(inputs.homedir, {
    sessionName: source.sessionName,
    startUrl: source.startUrl,
  });
  const text = await inputs.files.readText(path);
  if (text === undefined) return undefined;
  const token = JSON.parse(text) as { accessToken?: unknown; expiresAt?: unknown };
  if (typeof token.accessToken !== "string" || typeof token.expiresAt !== "string")
    return undefined;
  const expiresAt = Date.parse(token.expiresAt);
  if (Number.isNaN(expiresAt) || expiresAt - inputs.now <= ssoTokenRefreshWindowMs)
    return undefined;
  return token.accessToken;
}
