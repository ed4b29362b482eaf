import { CredoError } from "../errors.js";
import type { HttpTransport } from "../aws/http-transport.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { metadataCredentials, metadataRequest } from "./metadata-request.js";
import { NotConfiguredError } from "./not-configured-error.js";

const ecsHost = "http://169.254.170.2";

/**
 * Hosts allowed over plain http for AWS_CONTAINER_CREDENTIALS_FULL_URI, as in
 * botocore's ContainerMetadataFetcher: loopback, the ECS task endpoint and the
 * EKS Pod Identity agent (IPv4 and IPv6). Anything else must be https.
 */
const plainHttpHosts = new Set([
  "localhost",
  "127.0.0.1",
  "[::1]",
  "169.254.170.2",
  "169.254.170.23",
  "[fd00:ec2::23]",
]);

/**
 * The container credentials URL from the environment (conformance suite
 * ecs-credentials-config): RELATIVE_URI beats FULL_URI.
 */
export function containerCredentialsUrl(env: Env): string {
  const relative = envValue(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  if (relative !== undefined) return `${ecsHost}${relative.startsWith("/") ? "" : "/"}${relative}`;
  const full = envValue(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (full === undefined) {
    throw new NotConfiguredError(
      "Container credentials are not configured: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set.",
    );
  }
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new CredoError(
      `AWS_CONTAINER_CREDENTIALS_FULL_URI "${full}" is not a URL: the URI did not specify a host.`,
      {
        exitCode: "config",
        hint: "Use an absolute URL such as http://169.254.170.23/v1/credentials.",
      },
    );
  }
  if (
    url.protocol !== "https:" &&
    !(url.protocol === "http:" && plainHttpHosts.has(url.hostname))
  ) {
    throw new CredoError(
      `AWS_CONTAINER_CREDENTIALS_FULL_URI "${full}" must use https unless it points at a loopback or container-agent address.`,
      {
        exitCode: "config",
        hint: "Use https, localhost, 169.254.170.2 or 169.254.170.23.",
      },
    );
  }
  return full;
}

export async function containerCredentials(
  env: Env,
  files: FileReader,
  transport: HttpTransport,
): Promise<AwsCredentials> {
  const url = containerCredentialsUrl(env);
  const headers: Record<string, string> = { Accept: "application/json" };
  const authorization = await containerAuthorization(env, files);
  if (authorization !== undefined) headers["Authorization"] = authorization;
  let response;
  try {
    response = await metadataRequest(transport, { method: "GET", url, headers, timeoutMs: 2000 });
  } catch (error) {
    throw new CredoError(
      `The container credentials endpoint ${url} could not be reached (${(error as Error).message}).`,
      {
        exitCode: "network",
        hint: "Check AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI: the endpoint only exists inside ECS tasks and EKS pods.",
      },
    );
  }
  const credentials = response.status === 200 ? metadataCredentials(response.body) : undefined;
  if (credentials === undefined) {
    throw new CredoError(
      `The container credentials endpoint ${url} answered ${response.status} without credentials.`,
      {
        exitCode: "auth",
        hint: "Check the task role or pod identity association.",
      },
    );
  }
  return credentials;
}

/** The token file is read on every call because EKS rotates it; it beats AWS_CONTAINER_AUTHORIZATION_TOKEN. */
async function containerAuthorization(env: Env, files: FileReader): Promise<string | undefined> {
  const tokenFile = envValue(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  if (tokenFile !== undefined) {
    const token = await files.readText(tokenFile);
    if (token === undefined) {
      throw new CredoError(
        `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE ${tokenFile} could not be read: no such file or directory.`,
        {
          exitCode: "config",
          hint: "Check the pod identity token mount.",
        },
      );
    }
    return token.trim();
  }
  return envValue(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN");
}
