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

/** The credentials document both metadata services return. */
export function metadataCredentials(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
