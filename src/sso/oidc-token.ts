import type { Clock } from "../io/clock.js";
import { missingField } from "./missing-field.js";
import type { SsoSession } from "./sso-session.js";
import type { CachedClientRegistration, CachedSsoToken } from "./token-cache.js";
import { formatCacheTime } from "./token-cache.js";

/**
 * The cache entry for a fresh CreateToken response, with the registration
 * cached alongside the token as the AWS CLI does (that is what lets any SDK
 * refresh it later).
 */
export function tokenFromCreateToken(
  response: {
    accessToken?: string | undefined;
    expiresIn?: number | undefined;
    refreshToken?: string | undefined;
  },
  session: SsoSession,
  registration: CachedClientRegistration,
  clock: Clock,
): CachedSsoToken {
  const expiresIn = response.expiresIn ?? missingField("CreateToken", "expiresIn");
  return {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: response.accessToken ?? missingField("CreateToken", "accessToken"),
    expiresAt: formatCacheTime(clock.now() + expiresIn * 1000),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
    ...(response.refreshToken === undefined ? {} : { refreshToken: response.refreshToken }),
  };
}
