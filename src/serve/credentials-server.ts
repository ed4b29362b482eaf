import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../io/logger.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

/**
 * A local endpoint speaking the ECS container-credentials protocol, which
 * every SDK and the AWS CLI support (AWS_CONTAINER_CREDENTIALS_FULL_URI +
 * AWS_CONTAINER_AUTHORIZATION_TOKEN). Long-running processes ask it for
 * credentials whenever theirs near expiry, so they never hold expired keys.
 * Bound to loopback only; every request must carry the random token.
 */
export interface CredentialsServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface CredentialsServerOptions {
  getCredentials: () => Promise<AwsCredentials>;
  logger: Logger;
  port?: number;
  token?: string;
}

export async function startCredentialsServer(
  options: CredentialsServerOptions,
): Promise<CredentialsServer> {
  const token = options.token ?? randomBytes(32).toString("base64url");
  const expected = Buffer.from(token);
  const path = "/credentials";
  const server = createServer((request, response) => {
    const presented = Buffer.from(request.headers.authorization ?? "");
    const authorized = presented.length === expected.length && timingSafeEqual(presented, expected);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (!authorized) {
      options.logger.debug(`credentials endpoint: rejected a request without the token`);
      send(request.headers.authorization ? 403 : 401, {
        message: "missing or wrong authorization token",
      });
      return;
    }
    if (request.method !== "GET" || new URL(request.url ?? "/", "http://x").pathname !== path) {
      send(404, { message: "not found" });
      return;
    }
    options.getCredentials().then(
      (credentials) => send(200, containerCredentialsDocument(credentials)),
      (error: unknown) => {
        options.logger.debug(
          `credentials endpoint: ${error instanceof Error ? error.message : error}`,
        );
        send(500, {
          message: error instanceof Error ? error.message : "could not get credentials",
        });
      },
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The container provider's JSON, as the ECS agent serves it. */
export function containerCredentialsDocument(credentials: AwsCredentials): Record<string, string> {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { Token: credentials.sessionToken } : {}),
    ...(credentials.expiration ? { Expiration: credentials.expiration.toISOString() } : {}),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  };
}
