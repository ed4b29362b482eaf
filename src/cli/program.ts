import { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeHelp } from "../errors.js";
import { version } from "../version.js";
import type { RegisterCommand } from "./commands.js";

/** The program with the given commands (main.ts registers only those a run needs). */
export function programWith(ctx: AppContext, commands: readonly RegisterCommand[]): Command {
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
  for (const register of commands) register(program, ctx);
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
