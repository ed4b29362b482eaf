import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";

/**
 * Endpoints for IAM Identity Center, following the SDKs' configured-endpoint
 * rules for environment variables: the service-specific variable
 * (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO; the service ID upper-cased,
 * spaces to underscores), then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. Undefined means the SDK's own
 * regional endpoint. Tests and the demo point these at the emulator.
 */
export function ssoOidcEndpoint(env: Env): string | undefined {
  return configuredEndpoint(env, "AWS_ENDPOINT_URL_SSO_OIDC");
}

export function ssoPortalEndpoint(env: Env): string | undefined {
  return configuredEndpoint(env, "AWS_ENDPOINT_URL_SSO");
}

/** Where the browser goes for the authorization-code flow: `<oidc endpoint>/authorize` (as the AWS CLI builds it). */
export function ssoAuthorizeUrl(env: Env, region: string): string {
  const base = ssoOidcEndpoint(env) ?? `https://oidc.${region}.amazonaws.com`;
  return `${base.replace(/\/+$/, "")}/authorize`;
}

function configuredEndpoint(env: Env, serviceVariable: string): string | undefined {
  if (envValue(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.toLowerCase() === "true")
    return undefined;
  return envValue(env, serviceVariable) ?? envValue(env, "AWS_ENDPOINT_URL");
}
