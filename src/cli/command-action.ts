import type { Command } from "commander";

/** The exit code of the command that ran, per program: main() builds a new program for every call. */
const exitCodes = new WeakMap<Command, number>();

/**
 * A commander action over a command's run function: the exit code it returns
 * is kept for main(), which alone turns it into the process's exit status.
 * Nothing is left behind for the next call in the same process.
 */
export function exitCodeAction<A extends unknown[]>(
  run: (...args: A) => Promise<number>,
): (this: Command, ...args: A) => Promise<void> {
  return async function (this: Command, ...args: A): Promise<void> {
    const code = await run(...args);
    exitCodes.set(rootOf(this), code);
  };
}

/** The code the program's command returned (undefined when its action is not an exitCodeAction). */
export function exitCodeOf(program: Command): number | undefined {
  return exitCodes.get(program);
}

function rootOf(command: Command): Command {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}
