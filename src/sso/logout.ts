import { clearCache } from "../cache/clear-cache.js";
import type { Clock } from "../io/clock.js";
import type { FileReader } from "../io/file-system.js";
import { removeFileIfPresent } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { SsoPortalApiFactory } from "./sso-portal-api.js";
import type { SsoSession } from "./sso-session.js";
import { describeSession } from "./sso-session.js";
import { parseCacheTime, readCachedToken, tokenCachePath } from "./token-cache.js";

export interface SsoLogoutDeps {
  files: FileReader;
  homedir: string;
  clock: Clock;
  logger: Logger;
  portal: SsoPortalApiFactory;
  /** CREDO_HOME/cache: the session's cached role credentials go with its token. */
  sessionCacheDir?: string;
}

export interface SsoLogoutOutcome {
  session: string;
  cacheFile: string;
  /** Whether the portal's Logout accepted the token (false: expired, or the portal failed). */
  portalLoggedOut: boolean;
  removed: boolean;
}

/**
 * `credo sso logout`: for each session, ends the portal session with the
 * cached token (as `aws sso logout` does) and deletes the token file. A token
 * the portal refuses is still deleted: logging out must never leave a token
 * behind. Client registrations stay, as the AWS CLI leaves them; they hold no
 * user identity. The role credentials credo cached with the session's token
 * go too (the AWS CLI's logout likewise sweeps its SSO entries from
 * ~/.aws/cli/cache): a logout leaves no credentials of that sign-in on disk.
 */
export async function ssoLogout(
  sessions: readonly SsoSession[],
  deps: SsoLogoutDeps,
): Promise<SsoLogoutOutcome[]> {
  const outcomes: SsoLogoutOutcome[] = [];
  for (const session of sessions) {
    const cacheFile = tokenCachePath(deps.homedir, {
      sessionName: session.name,
      startUrl: session.startUrl,
    });
    const token = await readCachedToken(deps.files, cacheFile).catch(() => undefined);
    let portalLoggedOut = false;
    if (token !== undefined && parseCacheTime(token.expiresAt, cacheFile) > deps.clock.now()) {
      try {
        const portal = await deps.portal(session.region);
        await portal.logout({ accessToken: token.accessToken });
        portalLoggedOut = true;
      } catch (error) {
        deps.logger.debug(
          `SSO Logout for ${describeSession(session)} failed: ${(error as Error).name}`,
        );
      }
    }
    if (deps.sessionCacheDir !== undefined) {
      await clearCache(deps.sessionCacheDir, (key) => isRoleCredentialsOf(session, key));
    }
    outcomes.push({
      session: describeSession(session),
      cacheFile,
      portalLoggedOut,
      removed: await removeFileIfPresent(cacheFile),
    });
  }
  return outcomes;
}

/** An entry of providers/session-key-parts.ts ssoRoleKeyParts for this session's token. */
function isRoleCredentialsOf(session: SsoSession, key: Readonly<Record<string, unknown>>): boolean {
  return (
    key["kind"] === "GetRoleCredentials" &&
    key["startUrl"] === session.startUrl &&
    key["sessionName"] === (session.name ?? null)
  );
}
