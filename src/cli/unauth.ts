import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { writeJson } from "./output.js";

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
    .action(async (sections: string[], options: { all?: boolean; json?: boolean }) => {
      const [{ unauth }, { filePlatformOf, resolveProfileFileLocations }] = await Promise.all([
        import("../auth/unauth.js"),
        import("../profile-files/locations.js"),
      ]);
      const { credentialsFile } = resolveProfileFileLocations({
        env: ctx.env,
        homedir: ctx.homedir,
        platform: filePlatformOf(ctx.platform),
      });
      const removed = await unauth(sections, options.all === true, credentialsFile, ctx.files);
      if (options.json) return writeJson(ctx, { file: credentialsFile, removed });
      ctx.io.err.write(
        removed.length === 0
          ? "Nothing to remove.\n"
          : `Removed ${removed.map((name) => `[${name}]`).join(", ")} from ${credentialsFile}.\n`,
      );
    });
}
