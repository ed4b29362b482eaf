import type { NetworkAccess } from "../aws/aws-call-context.js";
import { networkHandler } from "../aws/aws-call-context.js";
/**
 * The three SSO OIDC operations credo uses, in the SDK's own request and
 * response shapes. Errors are the SDK's: their `name` is the service's
 * exception name (AuthorizationPendingException, SlowDownException, ...).
 */
export interface SsoOidcApi {
  registerClient(input: {
    clientName: string;
    clientType: "public";
    scopes?: string[];
    grantTypes?: string[];
    redirectUris?: string[];
    issuerUrl?: string;
  }): Promise<{
    clientId?: string | undefined;
    clientSecret?: string | undefined;
    clientSecretExpiresAt?: number | undefined;
  }>;
  startDeviceAuthorization(input: {
    clientId: string;
    clientSecret: string;
    startUrl: string;
  }): Promise<{
    deviceCode?: string | undefined;
    userCode?: string | undefined;
    verificationUri?: string | undefined;
    verificationUriComplete?: string | undefined;
    expiresIn?: number | undefined;
    interval?: number | undefined;
  }>;
  createToken(input: {
    clientId: string;
    clientSecret: string;
    grantType: string;
    deviceCode?: string;
    code?: string;
    codeVerifier?: string;
    redirectUri?: string;
    refreshToken?: string;
  }): Promise<{
    accessToken?: string | undefined;
    expiresIn?: number | undefined;
    refreshToken?: string | undefined;
  }>;
}

export type SsoOidcApiFactory = (region: string) => Promise<SsoOidcApi>;

/**
 * The real client, loaded only when a network call is about to happen (design
 * principle 5). `endpoint` is the configured endpoint URL (resolveEndpointUrl
 * for service "SSO OIDC"), undefined for the regional AWS endpoint.
 */
export function sdkSsoOidcApi(
  endpoint: string | undefined,
  network?: NetworkAccess,
): SsoOidcApiFactory {
  return async (region) => {
    const sdk = await import("@aws-sdk/client-sso-oidc");
    const client = new sdk.SSOOIDCClient({
      region,
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(await networkHandler(network)),
    });
    return {
      registerClient: (input) => client.send(new sdk.RegisterClientCommand(input)),
      startDeviceAuthorization: (input) =>
        client.send(new sdk.StartDeviceAuthorizationCommand(input)),
      createToken: (input) => client.send(new sdk.CreateTokenCommand(input)),
    };
  };
}
