import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { UsageError, ExitCode } from "../errors.js";

const shells = ["bash", "zsh", "fish"] as const;

export interface CompletionOptions {
  shell: string;
  /** The command tree to complete. */
  program: Command;
}

export function registerCompletion(program: Command, ctx: AppContext): void {
  program
    .command("completion")
    .summary("print a shell completion script (bash, zsh, fish)")
    .description(
      "Print a completion script for commands, subcommands, options and profile names. The script\n" +
        "asks `credo list --names` for the profiles each time, so new profiles complete at once.",
    )
    .argument("<shell>", `the shell: ${shells.join(", ")}`)
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  credo completion bash > ~/.local/share/bash-completion/completions/credo\n" +
        '  credo completion zsh > "${fpath[1]}/_credo"\n' +
        "  credo completion fish > ~/.config/fish/completions/credo.fish\n" +
        "  source <(credo completion bash)",
    )
    .action(exitCodeAction((shell: string) => runCompletion({ shell, program }, ctx)));
}

/** Prints the completion script for the shell. */
export async function runCompletion(options: CompletionOptions, ctx: AppContext): Promise<number> {
  const { shell, program } = options;
  if (!(shells as readonly string[]).includes(shell)) {
    throw new UsageError(`Unknown shell "${shell}".`, `Choose one of: ${shells.join(", ")}.`);
  }
  const { completionTree } = await import("../completion/command-tree.js");
  const tree = completionTree(program);
  const script =
    shell === "bash"
      ? (await import("../completion/bash-script.js")).bashCompletionScript(tree)
      : shell === "zsh"
        ? (await import("../completion/zsh-script.js")).zshCompletionScript(tree)
        : (await import("../completion/fish-script.js")).fishCompletionScript(tree);
  ctx.io.out.write(script);
  return ExitCode.ok;
}
