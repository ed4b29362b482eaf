import { Command, CommanderError } from "commander";
import { allCommands } from "./cli/all-commands.js";
import { exitCodeOf } from "./cli/command-action.js";
import type { AppContext } from "./context.js";
import { realContext } from "./context.js";
import { CredoError, ExitCode, exitCodeHelp } from "./errors.js";
import { streamLogger } from "./io/logger.js";
import { version } from "./version.js";

/** Composition root: builds the CLI, runs it, and maps every error to an exit code. */
export async function main(
  argv: readonly string[],
  ctx: AppContext = realContext(),
): Promise<number> {
  ctx = { ...ctx, argv };
  if (argv.includes("--debug")) ctx = { ...ctx, logger: streamLogger(ctx.io.err) };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCodeOf(program) ?? ExitCode.ok;
  } catch (error) {
    return reportError(error, ctx);
  }
}

export function buildProgram(ctx: AppContext): Command {
  const program = new Command("credo")
    .description(
      "AWS credentials without plaintext long-term keys: an encrypted vault, MFA sessions, " +
        "role assumption and SSO, handed to every AWS tool the standard way.",
    )
    .version(version, "-V, --version")
    .option("--debug", "explain each decision on stderr (never prints secrets)")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out.write(text),
      writeErr: (text) => ctx.io.err.write(text),
      outputError: () => undefined,
    })
    .addHelpText(
      "after",
      `\n${exitCodeHelp}\n\nEnvironment: AWS_PROFILE, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE,\n  AWS_REGION, AWS_ENDPOINT_URL*, CREDO_HOME (default ~/.credo), CREDO_PASSPHRASE.`,
    );
  for (const register of allCommands) register(program, ctx);
  reflowDescriptions(program);
  return program;
}

/**
 * Descriptions are written as source lines; commander wraps them again to the
 * terminal's width, so join the lines of each paragraph and let it wrap once.
 */
function reflowDescriptions(command: Command): void {
  // A command's own --help shows its description; the summary (its line in the
  // parent's list) says enough for the short ones.
  const summary = command.summary();
  if (!command.description() && summary) {
    command.description(`${summary[0]?.toUpperCase() ?? ""}${summary.slice(1)}.`);
  }
  const text = command.description();
  if (text) {
    command.description(
      text
        .split(/\n{2,}/)
        .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " "))
        .join("\n\n"),
    );
  }
  for (const sub of command.commands) reflowDescriptions(sub);
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
