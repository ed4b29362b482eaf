import { RefreshingCredentials } from "../cache/refreshing-credentials.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { startCredentialsServer } from "../serve/credentials-server.js";
import { endpointEnvironment, staticCredentialsEnvironment } from "./child-environment.js";
import { runChild } from "./run-child.js";

/** How long before expiry long-running holders refresh: just inside the disk cache's margin. */
export const sessionRefreshAdvisoryMs = 4 * 60_000;

export interface ExecRequest {
  profileOption: string | undefined;
  command: string;
  args: readonly string[];
  /** Serve credentials from a local endpoint that refreshes them, instead of static variables. */
  server: boolean;
}

/** `credo exec`: resolve once (prompting for MFA before the child starts), then run the child. */
export async function runExec(runtime: CredentialRuntime, request: ExecRequest): Promise<number> {
  const { ctx } = runtime;
  const first = await runtime.resolve(request.profileOption);
  if (!request.server) {
    const env = staticCredentialsEnvironment(
      ctx.env,
      { credentials: first.credentials, region: first.region, profile: first.profile },
      first.profile,
    );
    return runChild(request.command, request.args, env);
  }
  let initial: typeof first.credentials | undefined = first.credentials;
  const holder = new RefreshingCredentials({
    clock: ctx.clock,
    logger: ctx.logger,
    // Inside the disk cache's 5-minute margin, so a refresh really reaches STS
    // instead of reading back the same cached credentials.
    advisoryWindowMs: sessionRefreshAdvisoryMs,
    source: async () => {
      const ready = initial;
      initial = undefined;
      return ready ?? (await runtime.resolve(first.profile)).credentials;
    },
  });
  const server = await startCredentialsServer({
    getCredentials: () => holder.get(),
    logger: ctx.logger,
  });
  ctx.logger.debug(`credentials endpoint for ${first.profile} on ${server.url}`);
  try {
    const env = endpointEnvironment(ctx.env, server, first.region, first.profile);
    return await runChild(request.command, request.args, env);
  } finally {
    await server.close();
  }
}
