import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { UsageError, ExitCode } from "../errors.js";
import { writeJson } from "../output/command-output.js";

export interface SyncOptions {
  suffix?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** bin/credo.js of this installation: credential_process needs an absolute path that works from any shell or IDE. */
const credoPath = fileURLToPath(new URL("../../bin/credo.js", import.meta.url));

export function registerAwsConfig(program: Command, ctx: AppContext): void {
  const awsConfig = program
    .command("aws-config")
    .summary("manage the profiles credo writes into ~/.aws/config for other tools")
    .addHelpText(
      "after",
      "\nExamples:\n  credo aws-config sync --dry-run\n  credo aws-config sync --suffix -credo",
    );
  awsConfig
    .command("sync")
    .summary(
      "write a managed consumer profile per credo role (credential_process = credo process NAME)",
    )
    .description(
      "For each credo role (a role profile whose source chain starts at a credo hub), write a managed\n" +
        "consumer profile with `credential_process = <credo> process NAME` and `region`, keeping the\n" +
        "role's settings under credo_* keys so that `aws --profile NAME` goes through credo (its cache,\n" +
        "its MFA handling) instead of assuming the role itself. Without --suffix the role's own profile\n" +
        "becomes the managed one; with it, NAME<suffix> is added beside it. Managed profiles whose role\n" +
        "is gone are removed. Edits are lossless: every other line of the file stays as it is.",
    )
    .option(
      "--suffix <suffix>",
      "name managed profiles NAME<suffix> instead of converting NAME itself",
    )
    .option("--dry-run", "print the change as a unified diff and write nothing")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo aws-config sync --dry-run\n  credo aws-config sync\n  credo aws-config sync --suffix -credo   # adds [profile dev-credo] beside [profile dev]",
    )
    .action(exitCodeAction((options: SyncOptions) => runAwsConfigSync(options, ctx)));
}

/** Writes (or, with dryRun, shows) the managed consumer profiles. */
export async function runAwsConfigSync(options: SyncOptions, ctx: AppContext): Promise<number> {
  const suffix = options.suffix ?? "";
  if (suffix !== "" && !/^[A-Za-z0-9_\-/.%@:+]+$/.test(suffix)) {
    throw new UsageError(
      `--suffix "${suffix}" would make invalid profile names.`,
      "Use letters, digits and _ - / . % @ : +.",
    );
  }
  const [{ syncManagedProfiles }, { profileFileDeps }] = await Promise.all([
    import("../aws-config/sync-managed-profiles.js"),
    import("../runtime/context-files.js"),
  ]);
  const result = await syncManagedProfiles(
    { suffix, dryRun: options.dryRun === true, credoPath },
    profileFileDeps(ctx),
  );
  if (options.json) {
    writeJson(ctx, { ...result, diff: await result.diff() });
    return ExitCode.ok;
  }
  if (options.dryRun) {
    ctx.io.out.write((await result.diff()) || "Nothing to change.\n");
    return ExitCode.ok;
  }
  const names = (list: readonly string[]) => list.join(", ");
  if (result.write.length > 0)
    ctx.io.out.write(
      `Wrote ${result.write.length} managed profile(s) in ${result.configFile}: ${names(result.write.map((w) => w.name))}.\n`,
    );
  if (result.remove.length > 0)
    ctx.io.out.write(
      `Removed ${result.remove.length} managed profile(s) whose role is gone: ${names(result.remove)}.\n`,
    );
  if (result.conflicts.length > 0)
    ctx.io.err.write(
      `Left alone (not written by credo): ${names(result.conflicts)}; choose another --suffix to manage them.\n`,
    );
  if (!result.written) ctx.io.out.write("Nothing to change.\n");
  return ExitCode.ok;
}
