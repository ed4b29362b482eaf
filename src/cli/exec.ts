import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { UsageError } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, chosenProfile } from "./profile-argument.js";

interface ExecFlags {
  server?: boolean | undefined;
  mfaCode?: string | undefined;
}

export interface ExecOptions extends ExecFlags {
  /** The profile; the chain picks one when undefined. */
  profile?: string | undefined;
  command: string;
  args: readonly string[];
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
    .action(
      exitCodeAction(
        (_name: string | undefined, _rest: string[], options: ProfileOptions & ExecFlags) =>
          runExec({ ...options, ...commandOf(ctx.argv, options) }, ctx),
      ),
    );
}

/**
 * Commander drops the `--`; the raw arguments tell the profile from the command.
 */
function commandOf(
  raw: readonly string[],
  options: ProfileOptions,
): Pick<ExecOptions, "profile" | "command" | "args"> {
  const separator = raw.indexOf("--");
  if (separator < 0 || separator === raw.length - 1) {
    throw new UsageError(
      "No command to run.",
      "Put it after --, e.g. `credo exec dev -- aws s3 ls`.",
    );
  }
  const [command, ...args] = raw.slice(separator + 1) as [string, ...string[]];
  const before = raw
    .slice(raw.indexOf("exec") + 1, separator)
    .filter((arg: string, i: number, all: readonly string[]) => {
      return !arg.startsWith("-") && !["-p", "--profile", "--mfa-code"].includes(all[i - 1] ?? "");
    });
  if (before.length > 1)
    throw new UsageError(`Unexpected arguments before --: ${before.slice(1).join(" ")}`);
  return { profile: chosenProfile(before[0], options), command, args };
}

/** Runs the command with the profile's credentials; its exit code is the command's. */
export async function runExec(options: ExecOptions, ctx: AppContext): Promise<number> {
  const [{ openCredentialRuntime }, { runExec: execWithCredentials }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../exec/run-exec.js"),
  ]);
  const runtime = await openCredentialRuntime(
    ctx,
    options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
  );
  return execWithCredentials(runtime, {
    profileOption: options.profile,
    command: options.command,
    args: options.args,
    server: options.server === true,
  });
}
