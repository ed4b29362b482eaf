import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { writeJson } from "../output/command-output.js";

export interface UnauthOptions {
  sections: string[];
  all?: boolean | undefined;
  json?: boolean | undefined;
}

export function registerUnauth(program: Command, ctx: AppContext): void {
  program
    .command("unauth")
    .argument("[sections...]", "credentials-file sections credo wrote")
    .summary("remove the credentials `credo auth` wrote into ~/.aws/credentials")
    .description(
      "Removes the named sections (or every section credo wrote, with --all); nothing else in the file changes.\nA section credo did not write is refused.",
    )
    .option("--all", "every section credo wrote")
    .option("--json", "print the removed sections as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo unauth default\n  credo unauth dev prod\n  credo unauth --all --json",
    )
    .action(
      exitCodeAction((sections: string[], options: Omit<UnauthOptions, "sections">) =>
        runUnauth({ ...options, sections }, ctx),
      ),
    );
}

/** Removes the sections `credo auth` wrote. */
export async function runUnauth(options: UnauthOptions, ctx: AppContext): Promise<number> {
  const { sections } = options;
  const [{ unauth }, { contextFileLocations }] = await Promise.all([
    import("../auth/unauth.js"),
    import("../runtime/context-files.js"),
  ]);
  const { credentialsFile } = contextFileLocations(ctx);
  const removed = await unauth(sections, options.all === true, credentialsFile, ctx.files);
  if (options.json) {
    writeJson(ctx, { file: credentialsFile, removed });
    return ExitCode.ok;
  }
  ctx.io.err.write(
    removed.length === 0
      ? "Nothing to remove.\n"
      : `Removed ${removed.map((name) => `[${name}]`).join(", ")} from ${credentialsFile}.\n`,
  );
  return ExitCode.ok;
}
