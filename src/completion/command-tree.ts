import type { Command } from "commander";

/** What shell completion needs of one command: read from the commander program, never listed by hand. */
export interface CompletionNode {
  /** The words from the program down to this command ("" for the program, "sso login"). */
  path: string;
  name: string;
  description: string;
  /** Every flag spelling (long and short), --help included. */
  options: CompletionOption[];
  subcommands: CompletionNode[];
  /** Takes a profile as its first positional argument ([name]). */
  takesProfile: boolean;
}

export interface CompletionOption {
  flags: string[];
  description: string;
  takesValue: boolean;
  /** The value is a profile name (--profile). */
  takesProfile: boolean;
}

export function completionTree(program: Command): CompletionNode {
  return nodeOf(program, "");
}

function nodeOf(command: Command, path: string): CompletionNode {
  const help = command.createHelp();
  const options = help.visibleOptions(command).map((option) => ({
    flags: [option.long, option.short].filter((flag): flag is string => flag !== undefined),
    description: option.description,
    takesValue: option.required || option.optional,
    takesProfile: option.long === "--profile",
  }));
  const subcommands = help
    .visibleCommands(command)
    // commander's implicit `help [command]` is not a command of credo's own.
    .filter((sub) => sub.name() !== "help")
    .map((sub) => nodeOf(sub, path === "" ? sub.name() : `${path} ${sub.name()}`));
  return {
    path,
    name: command.name(),
    description: command.summary() || command.description().split("\n")[0] || "",
    options,
    subcommands,
    takesProfile: command.registeredArguments[0]?.name() === "name",
  };
}

/** Every node of the tree, the program first. */
export function allNodes(root: CompletionNode): CompletionNode[] {
  return [root, ...root.subcommands.flatMap(allNodes)];
}
