import { CommanderError } from "commander";
import { exitCodeOf } from "./cli/command-action.js";
import { commandsToRegister, loadCommands } from "./cli/command-table.js";
import { programWith } from "./cli/program.js";
import type { AppContext } from "./context.js";
import { realContext } from "./context.js";
import { CredoError, ExitCode } from "./errors.js";
import { streamLogger } from "./io/logger.js";

/** For bin/credo.js, which keeps a code cache per command. */
export { commandNames } from "./cli/command-table.js";

/** Composition root: builds the CLI, runs it, and maps every error to an exit code. */
export async function main(
  argv: readonly string[],
  ctx: AppContext = realContext(),
): Promise<number> {
  ctx = { ...ctx, argv };
  if (argv.includes("--debug")) ctx = { ...ctx, logger: streamLogger(ctx.io.err) };
  // Only the command that runs is loaded and registered (command-table.ts).
  const program = programWith(ctx, await loadCommands(commandsToRegister(argv)));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCodeOf(program) ?? ExitCode.ok;
  } catch (error) {
    return reportError(error, ctx);
  }
}

function reportError(error: unknown, ctx: AppContext): number {
  if (error instanceof CommanderError) {
    // --help and --version end through exitOverride with exit code 0.
    if (error.exitCode === 0) return ExitCode.ok;
    ctx.io.err.write(
      `credo: ${error.message.replace(/^error: /, "")}\nRun \`credo --help\` for usage.\n`,
    );
    return ExitCode.usage;
  }
  if (error instanceof CredoError) {
    ctx.io.err.write(`credo: ${error.message}\n`);
    if (error.hint) ctx.io.err.write(`${error.hint}\n`);
    if (ctx.logger.enabled && error.stack) ctx.io.err.write(`${error.stack}\n`);
    return ExitCode[error.exitCode];
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.io.err.write(`credo: unexpected error: ${message}\n`);
  ctx.io.err.write(
    ctx.logger.enabled && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : "Run again with --debug for details.\n",
  );
  return ExitCode.general;
}
