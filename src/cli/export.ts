import { Option } from "commander";
import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import type { ExportFormat } from "../output/credential-formats.js";
import { exportFormats } from "../output/credential-formats.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";

export interface ExportOptions extends ProfileOptions {
  format: ExportFormat;
  mfaCode?: string;
}

export function registerExport(program: Command, ctx: AppContext): void {
  const command = program
    .command("export")
    .summary("print a profile's credentials as shell variables, JSON, INI...")
    .description(
      "Resolve a profile and print its temporary credentials for a shell, CI or another tool.\n" +
        "The output holds secrets: evaluate it or pipe it, do not paste it.",
    )
    .addOption(
      new Option("-f, --format <format>", "output format").choices(exportFormats).default("env"),
    );
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText(
      "after",
      '\nExamples:\n  eval "$(credo export dev)"\n  credo export prod --format json\n  credo export dev --format fish | source',
    )
    .action(
      exitCodeAction((name: string | undefined, options: ExportOptions) =>
        runExport({ ...options, profile: chosenProfile(name, options) }, ctx),
      ),
    );
}

/** Prints the profile's credentials in the chosen format. */
export async function runExport(options: ExportOptions, ctx: AppContext): Promise<number> {
  const [{ openCredentialRuntime }, { formatCredentials }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../output/credential-formats.js"),
  ]);
  const runtime = await openCredentialRuntime(
    ctx,
    options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
  );
  const resolution = await runtime.resolve(options.profile);
  ctx.io.out.write(
    formatCredentials(options.format, {
      credentials: resolution.credentials,
      region: resolution.region,
      profile: resolution.profile,
    }),
  );
  return ExitCode.ok;
}
