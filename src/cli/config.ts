import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";

/** `credo config` takes no options. */
export type ConfigOptions = Record<string, never>;

export function registerConfig(program: Command, ctx: AppContext): void {
  program
    .command("config")
    .summary("add, edit and delete hubs and roles through menus")
    .description(
      "Interactive menus: hubs with their access key, MFA device and region,\n" +
        "and roles with their account, role name and region. Nothing is written until you choose\n" +
        '"Save"; Ctrl-C at any question leaves every file as it was. Writes the same profiles as\n' +
        "`credo hub add` and `credo role add`, which do the same without menus.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo config\n  credo hub add acme --access-key-id AKIA... --mfa-serial arn:aws:iam::111111111111:mfa/alice",
    )
    .action(exitCodeAction(() => runConfig({}, ctx)));
}

/** The interactive menus over hubs and roles. */
export async function runConfig(options: ConfigOptions, ctx: AppContext): Promise<number> {
  const [
    { openCredentialRuntime },
    { draftFromProfiles, plannedChanges },
    { runConfigMenu },
    { applyConfigChanges },
    { UsageError },
  ] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../config-menu/config-draft.js"),
    import("../config-menu/config-menu.js"),
    import("../config-menu/apply-config-changes.js"),
    import("../errors.js"),
  ]);
  const runtime = await openCredentialRuntime(ctx);
  const prompter = runtime.prompter();
  if (prompter === undefined) {
    throw new UsageError(
      "credo config needs a terminal to show its menus.",
      "Use `credo hub add` and `credo role add` in scripts.",
    );
  }
  const original = draftFromProfiles(runtime.files.profileSet);
  const edited = await runConfigMenu(prompter, original);
  const changes = edited === undefined ? [] : plannedChanges(original, edited);
  if (changes.length === 0) {
    ctx.io.out.write("Nothing changed.\n");
    return ExitCode.ok;
  }
  await applyConfigChanges(changes, {
    configFile: runtime.files.locations.configFile,
    files: ctx.files,
    credoHome: runtime.credoHome,
    vault: runtime.vault,
  });
  for (const change of changes) {
    const [verb, what] = change.kind.split("-");
    const name =
      change.kind === "add-hub"
        ? change.hub.name
        : change.kind === "add-role"
          ? change.role.name
          : change.name;
    ctx.io.out.write(`${verb === "add" ? "Saved" : "Deleted"} ${what} ${name}\n`);
  }
  return ExitCode.ok;
}
