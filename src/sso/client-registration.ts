import type { Clock } from "../io/clock.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { SsoOidcApi } from "./sso-oidc-api.js";
import type { SsoSession } from "./sso-session.js";
import type { CachedClientRegistration } from "./token-cache.js";
import {
  formatCacheTime,
  readCachedRegistration,
  registrationCachePath,
  writeCachedRegistration,
} from "./token-cache.js";
import { missingField } from "./missing-field.js";

export type LoginFlow = "authorization-code" | "device-code";

export const authorizationCodeGrantTypes = ["authorization_code", "refresh_token"];
/** RFC 8252 §7.3: a loopback redirect URI is registered without a port; any port matches at authorization time. */
export const loopbackRedirectUri = "http://127.0.0.1/oauth/callback";
const defaultAuthorizationCodeScopes = ["sso:account:access"];
/** The AWS CLI treats a registration with under 15 minutes left as expired (SSOTokenFetcher._DEFAULT_EXPIRY_WINDOW). */
const registrationExpiryWindowMs = 15 * 60 * 1000;

export interface RegistrationDeps {
  oidc: SsoOidcApi;
  files: FileReader;
  homedir: string;
  clock: Clock;
  logger: Logger;
}

/**
 * The OIDC client registration for a login, cached where and as the AWS CLI
 * caches it and reused until it expires. The authorization-code flow needs a
 * client registered for the authorization_code and refresh_token grants with
 * the loopback redirect URI, so a cached device-code registration is not
 * reused for it.
 */
export async function obtainClientRegistration(
  flow: LoginFlow,
  session: SsoSession,
  deps: RegistrationDeps,
): Promise<CachedClientRegistration> {
  const scopes =
    flow === "authorization-code"
      ? (session.registrationScopes ?? defaultAuthorizationCodeScopes)
      : session.registrationScopes;
  const path = registrationCachePath(deps.homedir, {
    startUrl: session.startUrl,
    region: session.region,
    scopes,
    sessionName: session.name,
  });
  const cached = await readCachedRegistration(deps.files, path);
  if (cached !== undefined && isUsable(cached, flow, deps.clock.now())) {
    deps.logger.debug(
      `reusing the OIDC client registration in ${path} (expires ${cached.expiresAt})`,
    );
    return cached;
  }
  const clientName = `credo-client-${session.name ?? `anonymous-${Math.floor(deps.clock.now() / 1000)}`}`;
  const response = await deps.oidc.registerClient({
    clientName,
    clientType: "public",
    ...(scopes === undefined ? {} : { scopes: [...scopes] }),
    ...(flow === "authorization-code"
      ? {
          grantTypes: authorizationCodeGrantTypes,
          redirectUris: [loopbackRedirectUri],
          issuerUrl: session.startUrl,
        }
      : {}),
  });
  const registration: CachedClientRegistration = {
    clientId: response.clientId ?? missingField("RegisterClient", "clientId"),
    clientSecret: response.clientSecret ?? missingField("RegisterClient", "clientSecret"),
    expiresAt: formatCacheTime(
      (response.clientSecretExpiresAt ?? missingField("RegisterClient", "clientSecretExpiresAt")) *
        1000,
    ),
    ...(scopes === undefined ? {} : { scopes: [...scopes] }),
    ...(flow === "authorization-code" ? { grantTypes: authorizationCodeGrantTypes } : {}),
  };
  await writeCachedRegistration(path, registration);
  deps.logger.debug(`registered OIDC client ${clientName}; cached in ${path}`);
  return registration;
}

function isUsable(registration: CachedClientRegistration, flow: LoginFlow, now: number): boolean {
  const expiresAt = Date.parse(registration.expiresAt);
  if (Number.isNaN(expiresAt) || expiresAt - now < registrationExpiryWindowMs) return false;
  return flow === "device-code" || (registration.grantTypes ?? []).includes("authorization_code");
}
