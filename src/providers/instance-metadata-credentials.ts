import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { CredoError } from "../errors.js";
import type { HttpTransport } from "../aws/http-transport.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { Properties } from "../profile-files/types.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { metadataCredentials, metadataRequest } from "./metadata-request.js";
import { NotConfiguredError } from "./not-configured-error.js";

export interface ImdsEndpointOverrides {
  endpoint?: string;
  mode?: string;
}

const modeEndpoints: Record<string, string> = {
  ipv4: "http://169.254.169.254",
  ipv6: "http://[fd00:ec2::254]",
};

/**
 * The IMDS base URL (conformance suite imds-endpoint-config): an explicit
 * endpoint, then AWS_EC2_METADATA_SERVICE_ENDPOINT, then the profile's
 * ec2_metadata_service_endpoint, then the endpoint of the mode (explicit,
 * AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE, profile; IPv4 or IPv6, any case).
 */
export function imdsEndpoint(
  env: Env,
  profile: Properties | undefined,
  overrides: ImdsEndpointOverrides = {},
): string {
  const endpoint =
    overrides.endpoint ??
    envValue(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT") ??
    nonEmptyProperty(profile, "ec2_metadata_service_endpoint");
  if (endpoint !== undefined) return validEndpoint(endpoint);
  const mode =
    overrides.mode ??
    envValue(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") ??
    nonEmptyProperty(profile, "ec2_metadata_service_endpoint_mode") ??
    "IPv4";
  const base = modeEndpoints[mode.toLowerCase()];
  if (base === undefined) {
    throw new CredoError(
      `\`${mode}\` is not a valid endpoint mode for the instance metadata service.`,
      {
        exitCode: "config",
        hint: "Use IPv4 or IPv6 in AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode.",
      },
    );
  }
  return base;
}

function validEndpoint(endpoint: string): string {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new CredoError(
      `The instance metadata endpoint "${endpoint}" is not a valid URL (invalid uri character or scheme).`,
      {
        exitCode: "config",
        hint: "Use e.g. http://169.254.169.254 in AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint.",
      },
    );
  }
  return endpoint.replace(/\/+$/, "");
}

/**
 * The endpoint the instance metadata link would ask; NotConfiguredError when
 * AWS_EC2_METADATA_DISABLED turns the link off, CredoError for a bad endpoint.
 */
export function enabledImdsEndpoint(env: Env, profile: Properties | undefined): string {
  if (envValue(env, "AWS_EC2_METADATA_DISABLED")?.toLowerCase() === "true") {
    throw new NotConfiguredError(
      "The instance metadata service is disabled (AWS_EC2_METADATA_DISABLED).",
    );
  }
  return imdsEndpoint(env, profile);
}

/**
 * Role credentials from the EC2 instance metadata service, IMDSv2 first: a
 * session token (PUT /latest/api/token), the role name, then its
 * credentials. Off this machine nothing answers, which means "not here".
 */
export async function instanceMetadataCredentials(
  env: Env,
  profile: Properties | undefined,
  transport: HttpTransport,
): Promise<AwsCredentials> {
  const base = enabledImdsEndpoint(env, profile);
  const request = async (method: string, path: string, headers: Record<string, string>) => {
    try {
      return await metadataRequest(transport, {
        method,
        url: `${base}${path}`,
        headers,
        timeoutMs: 1000,
      });
    } catch {
      throw new NotConfiguredError(
        `The instance metadata service at ${base} did not answer (not on EC2).`,
      );
    }
  };
  const tokenResponse = await request("PUT", "/latest/api/token", {
    "x-aws-ec2-metadata-token-ttl-seconds": "21600",
  });
  if (tokenResponse.status === 403) {
    throw new CredoError(
      "The instance metadata service refused a session token (403): request forbidden, IMDS is disabled on this instance.",
      {
        exitCode: "auth",
        hint: "Enable the instance metadata service, or configure other credentials.",
      },
    );
  }
  // IMDSv1 fallback when the token endpoint is missing (404/405), as botocore does unless v1 is disabled.
  const headers: Record<string, string> =
    tokenResponse.status === 200 ? { "x-aws-ec2-metadata-token": tokenResponse.body.trim() } : {};
  const listPath = "/latest/meta-data/iam/security-credentials/";
  const roles = await request("GET", listPath, headers);
  const roleName = roles.status === 200 ? roles.body.split("\n")[0]?.trim() : undefined;
  if (roleName === undefined || roleName === "") {
    throw new NotConfiguredError(
      "The instance metadata service has no IAM role for this instance (the credential provider was not enabled).",
    );
  }
  const response = await request("GET", `${listPath}${roleName}`, headers);
  const credentials = response.status === 200 ? metadataCredentials(response.body) : undefined;
  if (credentials === undefined) {
    throw new CredoError(
      `The instance metadata service returned no credentials for role ${roleName} (status ${response.status}).`,
      {
        exitCode: "auth",
        hint: "Check the instance profile attached to this instance.",
      },
    );
  }
  return credentials;
}
