import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { ProfileSet, Properties } from "../profile-files/types.js";
import { nonEmptyProperty, stringProperty } from "../profile-files/profile-property.js";

export interface EndpointUrlRequest {
  /** The service ID as the SDKs name it ("STS", "SSO", "S3", "DynamoDB", "SSO OIDC"). */
  service: string;
  env: Env;
  /** The selected profile's properties. */
  profile: Properties | undefined;
  profileSet: ProfileSet;
  /** An endpoint given to the client directly (a command-line option); beats everything. */
  clientEndpointUrl?: string;
  clientIgnoresConfiguredEndpoints?: boolean;
}

/**
 * The configured endpoint URL for a service, or undefined for the SDK's
 * default. Precedence from the SDKs' "configured endpoint URLs" feature
 * (conformance suite configured-endpoint-urls): client option >
 * AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the profile's [services]
 * section > the profile's endpoint_url; any ignore flag drops env and files.
 */
export function resolveEndpointUrl(request: EndpointUrlRequest): string | undefined {
  if (request.clientEndpointUrl !== undefined) return request.clientEndpointUrl;
  if (request.clientIgnoresConfiguredEndpoints === true || ignoresConfiguredEndpoints(request))
    return undefined;
  const { env, profile } = request;
  const suffix = serviceEnvSuffix(request.service);
  const fromEnv = envValue(env, `AWS_ENDPOINT_URL_${suffix}`) ?? envValue(env, "AWS_ENDPOINT_URL");
  if (fromEnv !== undefined) return fromEnv;
  const servicesName = nonEmptyProperty(profile, "services");
  const section =
    servicesName === undefined ? undefined : request.profileSet.services[servicesName];
  const serviceBlock = section?.[serviceConfigKey(request.service)];
  if (typeof serviceBlock === "object") {
    const url = serviceBlock["endpoint_url"]?.trim();
    if (url !== undefined && url !== "") return url;
  }
  return nonEmptyProperty(profile, "endpoint_url");
}

function ignoresConfiguredEndpoints(request: EndpointUrlRequest): boolean {
  const flag =
    envValue(request.env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ??
    stringProperty(request.profile, "ignore_configured_endpoint_urls");
  return flag?.trim().toLowerCase() === "true";
}

/** AWS docs: the service ID uppercased, spaces to underscores ("SSO OIDC" -> SSO_OIDC). */
function serviceEnvSuffix(service: string): string {
  return service.toUpperCase().replace(/ /g, "_");
}

/** The [services] key: the service ID lowercased, spaces to underscores ("SSO OIDC" -> sso_oidc). */
function serviceConfigKey(service: string): string {
  return service.toLowerCase().replace(/ /g, "_");
}
