import type { SsoTokenSource } from "./sso-token-source.js";
import type { SsoTokenProviderDeps } from "./token-provider.js";
import { resolveSsoToken } from "./token-provider.js";

/**
 * The credential chain's `ssoToken` seam (providers/sso-token-source.ts) with
 * refresh: an SSO token near expiry is refreshed through SSO OIDC before
 * GetRoleCredentials uses it, as the SDKs' SSO token provider does.
 */
export function refreshingSsoTokenSource(deps: SsoTokenProviderDeps): SsoTokenSource {
  return async (request) => {
    const token = await resolveSsoToken(
      {
        name: request.sessionName,
        startUrl: request.startUrl,
        region: request.region,
        registrationScopes: undefined,
        profileName: request.profile,
      },
      deps,
    );
    return token.token;
  };
}
