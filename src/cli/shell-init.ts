import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode, UsageError } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { isShellName, shellNames } from "../shell/shell-names.js";

export function registerShellInit(program: Command, ctx: AppContext): void {
  program
    .command("shell-init")
    .summary("print the shell function that lets `credo use` change the current shell")
    .description(
      "Print start-up code for your shell: a function `credo` that passes every command to the\n" +
        "credo program, except `credo use`, whose result it applies to the shell itself. It also\n" +
        "refreshes the credentials of `credo use` before a command when fewer than 5 minutes are\n" +
        "left, and keeps credo_expiry and credo_minutes_left for your prompt.",
    )
    .argument("<shell>", `the shell: ${shellNames.join(", ")}`)
    .addHelpText(
      "after",
      "\nExamples:\n" +
        '  eval "$(credo shell-init bash)"                            # in ~/.bashrc\n' +
        '  eval "$(credo shell-init zsh)"                             # in ~/.zshrc\n' +
        "  credo shell-init fish | source                             # in ~/.config/fish/config.fish\n" +
        "  Invoke-Expression (& credo shell-init powershell | Out-String)   # in $PROFILE",
    )
    .action(exitCodeAction((shell: string) => runShellInit({ shell }, ctx)));
}

/** Prints the start-up code that defines the shell function. */
export async function runShellInit(options: { shell: string }, ctx: AppContext): Promise<number> {
  const { shell } = options;
  if (!isShellName(shell))
    throw new UsageError(`Unknown shell "${shell}".`, `Choose one of: ${shellNames.join(", ")}.`);
  const { shellInitScript } = await import("../shell/shell-init-script.js");
  ctx.io.out.write(shellInitScript(shell));
  return ExitCode.ok;
}
