import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";

export interface ProcessOptions extends ProfileOptions {
  mfaCode?: string;
}

/**
 * The full path of `credo process` (bin/credo.js tries the fast path first):
 * resolve, through the cache, prompting for MFA on the terminal if needed,
 * and print the credential_process Version 1 JSON, and nothing else, on stdout.
 */
export function registerProcess(program: Command, ctx: AppContext): void {
  const command = program
    .command("process")
    .summary("credential_process helper: print credentials as Version 1 JSON")
    .description(
      "Print a profile's credentials in the credential_process format, for\n" +
        "`credential_process = credo process NAME` in ~/.aws/config. Cached; prompts for MFA only on the terminal.",
    );
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText(
      "after",
      "\nExamples:\n  credo process acme\n  # in ~/.aws/config:\n  credential_process = credo process acme",
    )
    .action(
      exitCodeAction((name: string | undefined, options: ProcessOptions) =>
        runProcess({ ...options, profile: chosenProfile(name, options) }, ctx),
      ),
    );
}

/** Prints the profile's credentials as credential_process JSON. */
export async function runProcess(options: ProcessOptions, ctx: AppContext): Promise<number> {
  const [{ openCredentialRuntime }, { formatCredentials }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../output/credential-formats.js"),
  ]);
  // The AWS tool running credential_process owns stderr: never a spinner there.
  const runtime = await openCredentialRuntime(ctx, {
    progress: false,
    ...(options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode }),
  });
  const resolution = await runtime.resolve(options.profile);
  const { credentials, profile } = resolution;
  ctx.io.out.write(
    formatCredentials("credential-process", { credentials, region: undefined, profile }),
  );
  return ExitCode.ok;
}
