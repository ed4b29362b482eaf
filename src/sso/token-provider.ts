import { CredoError } from "../errors.js";
import type { Clock } from "../io/clock.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { SsoOidcApiFactory } from "./sso-oidc-api.js";
import type { SsoSession } from "./sso-session.js";
import { describeSession, loginCommandFor } from "./sso-session.js";
import { ssoTokenRefreshWindowMs } from "./token-refresh-window.js";
import type { CachedSsoToken } from "./token-cache.js";
import {
  formatCacheTime,
  parseCacheTime,
  readCachedToken,
  tokenCachePath,
  writeCachedToken,
} from "./token-cache.js";

/**
 * The SSO token is missing, or expired and could not be refreshed: only a new
 * login helps (`credo_sso_auto_login` starts one; otherwise the message says
 * what to run).
 */
export class SsoLoginRequiredError extends CredoError {
  constructor(
    message: string,
    readonly session: SsoSession,
    hint: string,
  ) {
    super(message, { exitCode: "auth", hint });
    this.name = "SsoLoginRequiredError";
  }
}

export interface SsoBearerToken {
  token: string;
  expiration: Date;
}

export interface SsoTokenProviderDeps {
  files: FileReader;
  homedir: string;
  clock: Clock;
  oidc: SsoOidcApiFactory;
  logger: Logger;
  /**
   * A token with less than this left is refreshed first. The JS SDK's SSO token
   * provider uses 5 minutes; the sso-token-provider conformance suite runs with 0
   * (as the Kotlin SDK does in that test).
   */
  refreshWindowMs?: number;
}

export const defaultRefreshWindowMs = ssoTokenRefreshWindowMs;

/**
 * The SDKs' SSO token provider: the cached token while it is fresh; near or
 * past expiry, a refresh through SSO OIDC CreateToken (grant refresh_token)
 * written back to the cache; otherwise a clear "log in again". Only the
 * sso-session form refreshes: the SDKs never refresh a legacy profile's token.
 */
export async function resolveSsoToken(
  session: SsoSession,
  deps: SsoTokenProviderDeps,
): Promise<SsoBearerToken> {
  const path = tokenCachePath(deps.homedir, {
    sessionName: session.name,
    startUrl: session.startUrl,
  });
  const cached = await readCachedToken(deps.files, path);
  if (cached === undefined) {
    throw new SsoLoginRequiredError(
      `No SSO token for session ${describeSession(session)}: you are not logged in.`,
      session,
      `Run \`${loginCommandFor(session)}\`.`,
    );
  }
  const now = deps.clock.now();
  const expiresAt = parseCacheTime(cached.expiresAt, path);
  deps.logger.debug(`SSO token ${path} expires at ${cached.expiresAt}`);
  if (expiresAt - now > (deps.refreshWindowMs ?? defaultRefreshWindowMs)) {
    return { token: cached.accessToken, expiration: new Date(expiresAt) };
  }
  if (session.name !== undefined && isRefreshable(cached, now, path)) {
    const refreshed = await refreshToken(session, cached, deps).catch((error: unknown) => {
      // As in every SDK: a failed refresh is not fatal while the old token still works.
      deps.logger.debug(
        `SSO token refresh failed: ${error instanceof Error ? error.name : String(error)}`,
      );
      return undefined;
    });
    if (refreshed !== undefined) {
      await writeCachedToken(path, refreshed);
      deps.logger.debug(`SSO token refreshed; now expires at ${refreshed.expiresAt}`);
      return {
        token: refreshed.accessToken,
        expiration: new Date(parseCacheTime(refreshed.expiresAt, path)),
      };
    }
  }
  if (expiresAt > now) return { token: cached.accessToken, expiration: new Date(expiresAt) };
  const command = loginCommandFor(session);
  throw new SsoLoginRequiredError(
    `SSO session ${describeSession(session)} has expired; run \`${command}\`.`,
    session,
    "The cached SSO token could not be refreshed; logging in again opens the browser once.",
  );
}

/** botocore SSOTokenProvider._refresh_access_token: every field present and the client registration unexpired. */
function isRefreshable(token: CachedSsoToken, now: number, path: string): boolean {
  const { refreshToken, clientId, clientSecret, registrationExpiresAt } = token;
  if (!refreshToken || !clientId || !clientSecret || !registrationExpiresAt) return false;
  return parseCacheTime(registrationExpiresAt, path) > now;
}

async function refreshToken(
  session: SsoSession,
  cached: CachedSsoToken,
  deps: SsoTokenProviderDeps,
): Promise<CachedSsoToken | undefined> {
  const oidc = await deps.oidc(session.region);
  const response = await oidc.createToken({
    grantType: "refresh_token",
    clientId: cached.clientId ?? "",
    clientSecret: cached.clientSecret ?? "",
    refreshToken: cached.refreshToken ?? "",
  });
  if (!response.accessToken || response.expiresIn === undefined) return undefined;
  // The same fields, in the same order, botocore writes back after a refresh; a
  // response without a refreshToken leaves none (sso-token-provider case 5).
  return {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: response.accessToken,
    expiresAt: formatCacheTime(deps.clock.now() + response.expiresIn * 1000),
    ...(cached.clientId === undefined ? {} : { clientId: cached.clientId }),
    ...(cached.clientSecret === undefined ? {} : { clientSecret: cached.clientSecret }),
    ...(cached.registrationExpiresAt === undefined
      ? {}
      : { registrationExpiresAt: cached.registrationExpiresAt }),
    ...(response.refreshToken === undefined ? {} : { refreshToken: response.refreshToken }),
  };
}
