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
  /** Per attempt; default requestTimeoutMs below (tests shorten it). */
  requestTimeoutMs?: number;
}

/**
 * The SDK's Node handler has no request timeout by default (only a 5-minute
 * idle-socket one), so an endpoint that accepts the connection and never
 * answers would hold credo, and the AWS tool waiting on credential_process,
 * for up to 15 minutes across three attempts. A timed-out attempt is a
 * transient error to the standard retry strategy, so it is retried.
 */
export const connectionTimeoutMs = 5_000;
export const requestTimeoutMs = 10_000;

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
  // The SDK builds its NodeHttpHandler from these options; without
  // throwOnRequestTimeout an expired requestTimeout only logs a warning.
  config["requestHandler"] = context.requestHandler ?? {
    connectionTimeout: connectionTimeoutMs,
    requestTimeout: context.requestTimeoutMs ?? requestTimeoutMs,
    throwOnRequestTimeout: true,
  };
  if (credentials !== undefined) config["credentials"] = credentials;
  return config;
}
