import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { HttpRequestSpec, HttpResponseSpec, HttpTransport } from "../aws/http-transport.js";

/**
 * A metadata-service request with the SDKs' small retry budget: up to three
 * attempts when the service answers 5xx or the connection fails (conformance
 * case imds_default_chain_retries). Other statuses are returned as they are.
 */
export async function metadataRequest(
  transport: HttpTransport,
  request: HttpRequestSpec,
  attempts = 3,
): Promise<HttpResponseSpec> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await transport(request);
      if (response.status < 500 || attempt === attempts) return response;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error("the metadata service did not answer");
}

/**
 * The credentials document both metadata services return (AccessKeyId,
 * SecretAccessKey, Token, Expiration, AccountId), or undefined when the body
 * is not one.
 */
export function metadataCredentials(body: string): AwsCredentials | undefined {
  let document: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    document = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const { AccessKeyId, SecretAccessKey, Token, Expiration, AccountId } = document;
  if (typeof AccessKeyId !== "string" || typeof SecretAccessKey !== "string") return undefined;
  const credentials: AwsCredentials = {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
  };
  if (typeof Token === "string") credentials.sessionToken = Token;
  if (typeof Expiration === "string") credentials.expiration = new Date(Expiration);
  if (typeof AccountId === "string") credentials.accountId = AccountId;
  return credentials;
}
