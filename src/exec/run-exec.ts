import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { startCredentialsServer } from "../serve/credentials-server.js";
import { refreshingResolution } from "../serve/refreshing-resolution.js";
import { endpointEnvironment, staticCredentialsEnvironment } from "./child-environment.js";
import { runChild } from "./run-child.js";

// Moved beside refreshingResolution; `credo auth --keep-fresh` imports it from here.

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
  const holder = refreshingResolution(runtime, first);
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
