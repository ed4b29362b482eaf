import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { UsageError, ExitCode } from "../errors.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";

export interface ServeOptions extends ProfileOptions {
  port?: string;
  writeEnv?: string;
  mfaCode?: string;
}

/** `credo serve [NAME] [--port P]`: a local container-credentials endpoint until Ctrl-C or SIGTERM. */
export function registerServe(program: Command, ctx: AppContext): void {
  const command = program
    .command("serve")
    .summary("serve a profile's credentials on a local endpoint for any number of processes")
    .description(
      "Serve the profile's credentials on 127.0.0.1 with the container-credentials protocol every\n" +
        "SDK and the AWS CLI understand, refreshing them before they expire, until Ctrl-C or SIGTERM.\n" +
        "Prints AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN to export\n" +
        "(stdout), or writes them to a private file with --write-env; every request must carry the token.",
    )
    .option("--port <port>", "the port to listen on (default: a random free port)")
    .option(
      "--write-env <path>",
      "write the variables to PATH (mode 0600) instead of stdout; removed when the server stops",
    );
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText(
      "after",
      "\nExamples:\n  credo serve dev --write-env ~/.credo-dev.env &   # then, in any shell:\n" +
        "  . ~/.credo-dev.env && aws sts get-caller-identity\n  credo serve prod --port 9911",
    )
    .action(
      exitCodeAction((name: string | undefined, options: ServeOptions) =>
        runServe({ ...options, profile: chosenProfile(name, options) }, ctx),
      ),
    );
}

/** Serves the profile's credentials until interrupted. */
export async function runServe(options: ServeOptions, ctx: AppContext): Promise<number> {
  const port = options.port === undefined ? undefined : parsePort(options.port);
  const [{ openCredentialRuntime }, { serveProfile }, { interruptSignal }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../serve/serve-profile.js"),
    import("../io/interrupt-signal.js"),
  ]);
  // A server resolves in the background of other tools' requests: no spinner.
  const runtime = await openCredentialRuntime(ctx, {
    progress: false,
    ...(options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode }),
  });
  const interrupt = interruptSignal();
  try {
    await serveProfile(runtime, {
      profileOption: options.profile,
      signal: interrupt.signal,
      ...(port === undefined ? {} : { port }),
      ...(options.writeEnv === undefined ? {} : { envFile: options.writeEnv }),
    });
  } finally {
    interrupt.dispose();
  }
  return ExitCode.ok;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new UsageError(
      `--port must be a port number (0-65535), not "${raw}".`,
      "Omit --port for a random free port.",
    );
  }
  return port;
}
