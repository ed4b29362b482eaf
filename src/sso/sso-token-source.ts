import { CredoError } from "../errors.js";
import type { Clock } from "../io/clock.js";
import type { FileReader } from "../io/file-system.js";
import { readCachedToken, tokenCachePath } from "./token-cache.js";

export interface SsoTokenRequest {
  profile: string;
  startUrl: string;
  region: string;
  sessionName?: string;
}

/**
 * The SSO access token for a profile. The default reads the AWS CLI's token
 * cache; refreshing an expiring token (SSO OIDC CreateToken) plugs in here.
 */
export type SsoTokenSource = (request: SsoTokenRequest) => Promise<string>;

export function cachedSsoToken(files: FileReader, homedir: string, clock: Clock): SsoTokenSource {
  return async (request) => {
    const path = tokenCachePath(homedir, {
      sessionName: request.sessionName,
      startUrl: request.startUrl,
    });
    const token = await readCachedToken(files, path);
    const login = `credo sso login --profile ${request.profile}`;
    if (token === undefined) {
      throw new CredoError(
        `No SSO token is cached for profile "${request.profile}": failed to read ${path}.`,
        {
          exitCode: "auth",
          hint: `Run \`${login}\` first.`,
        },
      );
    }
    const expiresAt = Date.parse(token.expiresAt);
    if (Number.isNaN(expiresAt) || expiresAt <= clock.now()) {
      throw new CredoError(`The SSO session for profile "${request.profile}" has expired.`, {
        exitCode: "auth",
        hint: `Run \`${login}\` to sign in again.`,
      });
    }
    return token.accessToken;
  };
}
