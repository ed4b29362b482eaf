import type { NetworkAccess } from "./aws-call-context.js";
import { networkAgents } from "./aws-call-context.js";
import type { HttpTransport } from "./http-transport.js";
import { fetchTransport } from "./http-transport.js";

/**
 * An HttpTransport for the AWS endpoints credo calls outside the SDK (the
 * console federation endpoint, the clock check): Node's fetch when no proxy or
 * CA bundle is set, otherwise node:http(s) through the same agents the SDK
 * clients use. The metadata services never come here: they are link-local and
 * stay direct.
 */
export function networkTransport(network: NetworkAccess | undefined): HttpTransport {
  return async (request) => {
    const agents = await networkAgents(network);
    if (agents === undefined) return fetchTransport(request);
    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    const { request: send } = secure ? await import("node:https") : await import("node:http");
    try {
      return await new Promise((resolve, reject) => {
        const outgoing = send(
          url,
          {
            method: request.method,
            headers: request.headers,
            agent: secure ? agents.httpsAgent : agents.httpAgent,
            timeout: request.timeoutMs ?? 5000,
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("error", reject);
            response.on("end", () => {
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(response.headers)) {
                if (value !== undefined)
                  headers[name] = Array.isArray(value) ? value.join(", ") : value;
              }
              resolve({
                status: response.statusCode ?? 0,
                headers,
                body: Buffer.concat(chunks).toString("utf8"),
              });
            });
          },
        );
        outgoing.on("timeout", () =>
          outgoing.destroy(Object.assign(new Error("request timed out"), { name: "TimeoutError" })),
        );
        outgoing.on("error", reject);
        outgoing.end(request.body);
      });
    } finally {
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    }
  };
}
