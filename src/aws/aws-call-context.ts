import type { AwsCredentials } from "./aws-credentials.js";
import type { FileReader } from "../io/file-system.js";
import { nodeFileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { HttpAgents } from "./http-agents.js";
import type { SdkRequestHandler } from "./http-transport.js";
import type { NetworkSettings } from "./network-settings.js";
import { changesConnections } from "./network-settings.js";

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
  /** Proxies and CA bundle; none means Node's direct connections and trusted authorities. */
  network?: NetworkAccess;
}

/** The network settings with what applying them needs: the CA file's reader and the --debug log. */
export interface NetworkAccess {
  settings: NetworkSettings;
  files?: FileReader;
  logger?: Logger;
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
export async function clientConfig(
  context: AwsCallContext,
  credentials?: AwsCredentials,
): Promise<Record<string, unknown>> {
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
    ...(await networkAgents(context.network)),
  };
  if (credentials !== undefined) config["credentials"] = credentials;
  return config;
}

/**
 * httpAgent/httpsAgent for the SDK's Node handler when a proxy or CA bundle is
 * set; nothing otherwise, so the common case loads no agent code at all.
 * Each client gets its own pair: the SDK destroys them with the client.
 */
export async function networkAgents(
  network: NetworkAccess | undefined,
): Promise<HttpAgents | undefined> {
  if (network === undefined || !changesConnections(network.settings)) return undefined;
  const { createHttpAgents } = await import("./http-agents.js");
  return createHttpAgents(
    network.settings,
    network.files ?? nodeFileReader,
    network.logger ?? silentLogger,
  );
}

/** `requestHandler` options carrying the network agents, for clients configured outside clientConfig. */
export async function networkHandler(network: NetworkAccess | undefined) {
  const agents = await networkAgents(network);
  return agents === undefined ? {} : { requestHandler: agents };
}
