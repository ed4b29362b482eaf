import type { AwsCredentials } from "../providers/credentials.js";
import type { SdkRequestHandler } from "./http-transport.js";

/** Everything an AWS call needs besides its parameters, resolved by the caller. */
export interface AwsCallContext {
  region: string;
  /** From resolveEndpointUrl; undefined means the SDK's own endpoint for the region. */
  endpoint?: string;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  /** Conformance replay and tests; the SDK's Node handler otherwise. */
  requestHandler?: SdkRequestHandler;
}

/**
 * Client configuration with every setting given explicitly, so the SDK never
 * falls back to reading process.env or ~/.aws/config on its own (credo has
 * already resolved them from the injected environment and profile set).
 * Standard retry mode with 3 attempts: backoff on throttling and 5xx.
 */
export function clientConfig(
  context: AwsCallContext,
  credentials?: AwsCredentials,
): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region: context.region,
    maxAttempts: 3,
    retryMode: "standard",
    useFipsEndpoint: context.useFipsEndpoint ?? false,
    useDualstackEndpoint: context.useDualstackEndpoint ?? false,
  };
  if (context.endpoint !== undefined) config["endpoint"] = context.endpoint;
  if (context.requestHandler !== undefined) config["requestHandler"] = context.requestHandler;
  if (credentials !== undefined) config["credentials"] = credentials;
  return config;
}
