import type { HttpTransport } from "../aws/http-transport.js";
import { directTransport, succeeded } from "../aws/http-transport.js";
import { isTlsError, tlsError } from "../aws/tls-error.js";
import { CredoError } from "../errors.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { parseRoleArn } from "../aws/arn.js";
import type { Partition } from "./partition.js";

export interface SigninRequest {
  /** Temporary credentials: the federation endpoint refuses long-term keys. */
  credentials: AwsCredentials;
  partition: Partition;
  /** CREDO_SIGNIN_URL, for tests and the demo. */
  signinUrlOverride?: string;
  destination?: string;
  region?: string;
  /** SessionDuration: the console session's length, 900 to 43200 seconds (role sessions only). */
  sessionDurationSeconds?: number;
  /** How to reach the endpoint: through the proxy and CA bundle settings (networkTransport). */
  transport?: HttpTransport;
}

/**
 * The console sign-in URL for temporary credentials, through the federation
 * endpoint: getSigninToken with the session, then a login URL carrying the
 * token (AWS's "custom identity broker" flow). The URL is itself a secret for
 * its 15 minutes of validity, so callers only print it when asked.
 */
export async function consoleSigninUrl(request: SigninRequest): Promise<string> {
  const { credentials, partition } = request;
  if (!credentials.sessionToken) {
    throw new CredoError("The console needs temporary credentials; these are long-term keys.", {
      hint: "Sign in with a role or an MFA session (credo web ROLE), not with static keys.",
    });
  }
  const endpoint = request.signinUrlOverride ?? partition.signinUrl;
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  const tokenUrl = new URL(endpoint);
  tokenUrl.searchParams.set("Action", "getSigninToken");
  tokenUrl.searchParams.set("Session", session);
  if (request.sessionDurationSeconds !== undefined)
    tokenUrl.searchParams.set("SessionDuration", String(request.sessionDurationSeconds));
  const transport = request.transport ?? directTransport;
  const response = await transport({
    method: "GET",
    url: tokenUrl.toString(),
    headers: {},
    timeoutMs: 15_000,
  }).catch((error: unknown) => {
    if (error instanceof CredoError) throw error;
    if (isTlsError(error)) throw tlsError(error, `Console sign-in at ${new URL(endpoint).host}`);
    throw new CredoError(
      `Could not reach the console sign-in endpoint ${new URL(endpoint).host}.`,
      {
        exitCode: "network",
        hint: "Check your network connection, or CREDO_SIGNIN_URL if you set it.",
        cause: error,
      },
    );
  });
  const token = succeeded(response) ? parseSigninToken(response.body) : undefined;
  if (!token) {
    throw new CredoError(
      `The console sign-in endpoint refused the session (HTTP ${response.status}).`,
      {
        exitCode: "auth",
        hint: "The session may have expired or been issued by another partition; run the command again.",
      },
    );
  }
  const destination = new URL(request.destination ?? partition.consoleUrl);
  if (request.region && !destination.searchParams.has("region")) {
    destination.searchParams.set("region", request.region);
  }
  const loginUrl = new URL(endpoint);
  loginUrl.searchParams.set("Action", "login");
  loginUrl.searchParams.set("Issuer", "credo");
  loginUrl.searchParams.set("Destination", destination.toString());
  loginUrl.searchParams.set("SigninToken", token);
  return loginUrl.toString();
}

function parseSigninToken(body: string): string | undefined {
  try {
    const token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
    return typeof token === "string" && token !== "" ? token : undefined;
  } catch {
    return undefined;
  }
}

/** The console's switch-role link, for a browser already signed in to the hub (the seed's `web`). */
export function switchRoleUrl(roleArn: string, partition: Partition, displayName?: string): string {
  const role = parseRoleArn(roleArn);
  if (!role) throw new CredoError(`Not a role ARN: ${roleArn}`, { exitCode: "config" });
  const url = new URL("/switchrole", partition.signinUrl);
  url.searchParams.set("account", role.account);
  url.searchParams.set("roleName", role.roleName);
  if (displayName) url.searchParams.set("displayName", displayName);
  return url.toString();
}
