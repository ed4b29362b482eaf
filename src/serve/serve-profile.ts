import { CredoError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { nodeFileReader, removeFileIfPresent } from "../io/file-system.js";
import { shellQuote } from "../output/credential-formats.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import type { CredentialsServer } from "./credentials-server.js";
import { startCredentialsServer } from "./credentials-server.js";
import { refreshingResolution } from "./refreshing-resolution.js";

export interface ServeRequest {
  profileOption: string | undefined;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Stops the service (Ctrl-C, SIGTERM). */
  signal: AbortSignal;
  /**
   * Write the variables to this file (0600, atomically) instead of stdout, and
   * remove it when the service stops: the token dies with the server.
   */
  envFile?: string;
  /** Called once the endpoint listens (tests use it to find the port). */
  onListening?: (server: CredentialsServer) => void;
}

/**
 * `credo serve`: the container-credentials endpoint as a service for any
 * number of processes. Resolves once up front (so an MFA prompt happens now,
 * not in a client's request), then answers every request from memory,
 * refreshing near expiry. Prints the two variables to export on stdout, for
 * `eval "$(credo serve dev)"`-style use, or writes them to a private file
 * (--write-env) that other shells can source; the token is a local secret, so
 * it goes there only, never to stderr or the debug log.
 */
export async function serveProfile(
  runtime: CredentialRuntime,
  request: ServeRequest,
): Promise<void> {
  const { ctx } = runtime;
  const first = await runtime.resolve(request.profileOption);
  const holder = refreshingResolution(runtime, first);
  const server = await listen(() => holder.get(), runtime, request.port);
  const variables =
    `export AWS_CONTAINER_CREDENTIALS_FULL_URI=${shellQuote(server.url)}\n` +
    `export AWS_CONTAINER_AUTHORIZATION_TOKEN=${shellQuote(server.token)}\n`;
  let envFileWritten = false;
  try {
    if (request.envFile === undefined) {
      ctx.io.out.write(variables);
    } else {
      // Secret: an older copy's mode (e.g. 0644 from a shell redirection) is not kept.
      await writeFileAtomic(request.envFile, variables, { secret: true });
      envFileWritten = true;
      ctx.io.err.write(
        `Wrote the endpoint's variables to ${request.envFile} (removed when credo serve stops).\n`,
      );
    }
    ctx.io.err.write(
      `Serving credentials for ${first.profile} on ${server.url} until Ctrl-C (or SIGTERM).\n`,
    );
    ctx.logger.debug(`credentials endpoint for ${first.profile} on ${server.url}`);
    request.onListening?.(server);
    await new Promise<void>((resolve) => {
      if (request.signal.aborted) resolve();
      else request.signal.addEventListener("abort", () => resolve(), { once: true });
    });
  } finally {
    await server.close();
    if (envFileWritten && request.envFile !== undefined)
      await removeOwnEnvFile(request.envFile, variables);
  }
  ctx.io.err.write("Stopped serving credentials.\n");
}

/**
 * Removes the env file if it still holds this server's variables; a file
 * another `credo serve` has written since belongs to that one.
 */
async function removeOwnEnvFile(path: string, variables: string): Promise<void> {
  const text = await nodeFileReader.readText(path).catch(() => undefined);
  if (text === variables) await removeFileIfPresent(path).catch(() => false);
}

async function listen(
  getCredentials: () => Promise<AwsCredentials>,
  runtime: CredentialRuntime,
  port: number | undefined,
): Promise<CredentialsServer> {
  try {
    return await startCredentialsServer({
      getCredentials,
      logger: runtime.ctx.logger,
      ...(port === undefined ? {} : { port }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CredoError(`Cannot listen on 127.0.0.1:${port ?? 0} (${code ?? "unknown error"}).`, {
      exitCode: "general",
      hint:
        code === "EADDRINUSE"
          ? "Another process uses that port: pick another with --port, or omit it."
          : "Try another --port.",
      cause: error,
    });
  }
}
