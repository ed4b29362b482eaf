import type { NetworkAccess } from "./aws-call-context.js";
import { networkAgents } from "./aws-call-context.js";
import type { HttpTransport } from "./http-transport.js";
import { directTransport, nodeHttpTransport } from "./http-transport.js";

/**
 * An HttpTransport for the AWS endpoints credo calls outside the SDK (the
 * console federation endpoint): direct when no proxy or CA bundle is set,
 * otherwise through the same agents the SDK clients use. The metadata
 * services never come here: they are link-local and stay direct.
 */
export function networkTransport(network: NetworkAccess | undefined): HttpTransport {
  return async (request) => {
    const agents = await networkAgents(network);
    if (agents === undefined) return directTransport(request);
    try {
      return await nodeHttpTransport(agents)(request);
    } finally {
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    }
  };
}
