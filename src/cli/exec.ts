import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { UsageError } from "../errors.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, chosenProfile } from "./profile-argument.js";

interface ExecOptions extends ProfileOptions {
  server?: boolean;
  mfaCode?: string;
}

export function registerExec(program: Command, ctx: AppContext): void {
  const command = program
    .command("exec")
    .summary("run a command with a profile's credentials")
    .description(
      "Run COMMAND with the profile's temporary credentials in its environment (AWS_ACCESS_KEY_ID,\n" +
        "AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_CREDENTIAL_EXPIRATION), or with\n" +
        "--server, a local credentials endpoint that keeps a long-running command's credentials fresh.\n" +
        "Variables that would conflict (AWS_PROFILE, other keys) are removed. Exits with COMMAND's status.",
    )
    .argument("[name]", "the profile (default: AWS_PROFILE, then default)")
    .argument("[command...]", "the command, after --")
    .option("-p, --profile <name>", "the profile, as an option")
    .option("--server", "serve credentials from a local endpoint instead of static variables");
  addMfaCodeOption(command)
    .addHelpText(
      "after",
      "\nExamples:\n  credo exec dev -- aws s3 ls\n  credo exec prod --server -- terraform apply\n  AWS_PROFILE=dev credo exec -- env",
    )
    .action(async (_name: string | undefined, _rest: string[], options: ExecOptions) => {
      // Commander drops the `--`; the raw arguments tell the profile from the command.
      const raw = ctx.argv;
      const separator = raw.indexOf("--");
      if (separator < 0 || separator === raw.length - 1) {
        throw new UsageError(
          "No command to run.",
          "Put it after --, e.g. `credo exec dev -- aws s3 ls`.",
        );
      }
      const [commandName, ...commandArgs] = raw.slice(separator + 1) as [string, ...string[]];
      const before = raw
        .slice(raw.indexOf("exec") + 1, separator)
        .filter((arg: string, i: number, all: readonly string[]) => {
          return (
            !arg.startsWith("-") && !["-p", "--profile", "--mfa-code"].includes(all[i - 1] ?? "")
          );
        });
      if (before.length > 1)
        throw new UsageError(`Unexpected arguments before --: ${before.slice(1).join(" ")}`);
      const profileOption = chosenProfile(before[0], options);

      const { openCredentialRuntime } = await import("../runtime/credential-runtime.js");
      const { runExec } = await import("../exec/run-exec.js");
      const runtime = await openCredentialRuntime(
        ctx,
        options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
      );
      process.exitCode = await runExec(runtime, {
        profileOption,
        command: commandName,
        args: commandArgs,
        server: options.server === true,
      });
    });
}
