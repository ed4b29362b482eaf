import type { Command } from "commander";
import { Option } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";

interface UseCommandOptions extends ProfileOptions {
  shell?: string;
  clear?: boolean;
  profileOnly?: boolean;
  quiet?: boolean;
  mfaCode?: string;
}

export function registerUse(program: Command, ctx: AppContext): void {
  const command = program
    .command("use")
    .summary("switch the current shell to a profile (needs `credo shell-init`)")
    .description(
      "Set the current shell's AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,\n" +
        "AWS_REGION, AWS_DEFAULT_REGION and AWS_CREDENTIAL_EXPIRATION to the profile's temporary\n" +
        "credentials, remove AWS_PROFILE and the other variables that would conflict (as `credo exec`\n" +
        "does), and set CREDO_PROFILE. The shell function of `credo shell-init` applies this to the\n" +
        "shell and refreshes the credentials before a command when fewer than 5 minutes are left.\n" +
        "With no name on a terminal, pick the profile from a menu.",
    );
  addMfaCodeOption(addProfileArgument(command))
    .option("--profile-only", "set only AWS_PROFILE (and CREDO_PROFILE): the tools resolve it")
    .option("--clear", "put the AWS variables back as they were before the first `credo use`")
    .option("-q, --quiet", "say nothing on stderr when done")
    .addOption(new Option("--shell <shell>", "the shell to print code for").hideHelp())
    // Under the shell function stdout is evaluated: help goes to the terminal.
    .configureOutput({
      writeOut: (text) => (ctx.argv.includes("--shell") ? ctx.io.err : ctx.io.out).write(text),
      writeErr: (text) => ctx.io.err.write(text),
      outputError: () => undefined,
    })
    .addHelpText(
      "after",
      "\nExamples:\n" +
        '  eval "$(credo shell-init bash)"   # once, in ~/.bashrc\n' +
        "  credo use dev\n" +
        "  credo use prod --profile-only\n" +
        "  credo use --clear",
    )
    .action(
      exitCodeAction(async (name: string | undefined, options: UseCommandOptions) => {
        const { runUse } = await import("../shell/run-use.js");
        const profile = chosenProfile(name, options);
        return runUse(
          {
            ...(profile === undefined ? {} : { name: profile }),
            ...(options.shell === undefined ? {} : { shell: options.shell }),
            clear: options.clear === true,
            profileOnly: options.profileOnly === true,
            quiet: options.quiet === true,
            ...(options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode }),
          },
          ctx,
        );
      }),
    );
}
