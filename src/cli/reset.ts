import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { confirmOrYes } from "./confirm.js";

export interface ResetOptions {
  yes?: boolean | undefined;
}

export function registerReset(program: Command, ctx: AppContext): void {
  program
    .command("reset")
    .summary("erase credo's state and what credo added to ~/.aws")
    .description(
      "Lists, then (after confirmation) removes: the vault, the session cache and settings in CREDO_HOME, the hub\n" +
        "and role profiles credo wrote in ~/.aws/config, the sections `credo auth` wrote in ~/.aws/credentials,\n" +
        "and the copies holding keys that `credo auth --force` kept beside it. Everything else in ~/.aws stays\n" +
        "byte for byte.",
    )
    .option("-y, --yes", "do not ask for confirmation")
    .addHelpText("after", "\nExamples:\n  credo reset\n  credo reset --yes")
    .action(exitCodeAction((options: ResetOptions) => runReset(options, ctx)));
}

/** Erases credo's state (after confirmation). */
export async function runReset(options: ResetOptions, ctx: AppContext): Promise<number> {
  const [{ openCredentialRuntime }, { executeReset, planReset }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../hub/reset-credo.js"),
  ]);
  const runtime = await openCredentialRuntime(ctx);
  const { locations } = runtime.files;
  const plan = await planReset(runtime.credoHome, locations, ctx.files);
  const lines = [
    ...plan.stateEntries,
    ...plan.configProfiles.map((name) => `[profile ${name}] in ${locations.configFile}`),
    ...plan.credentialsSections.map((name) => `[${name}] in ${locations.credentialsFile}`),
    ...plan.credentialsBackups.map((path) => `${path} (a copy holding access keys)`),
  ];
  const vault = await runtime.vault();
  const keychain = vault.backend === "keychain" && (await vault.exists());
  if (keychain) lines.push("the vault entry in the OS keychain");
  if (lines.length === 0) {
    ctx.io.err.write("credo has nothing to erase.\n");
    return ExitCode.ok;
  }
  ctx.io.err.write(`credo reset will remove:\n${lines.map((line) => `  ${line}\n`).join("")}`);
  await confirmOrYes(
    runtime.prompter(),
    options.yes,
    "Erase all of this? The access keys in the vault cannot be recovered.",
  );
  if (keychain) for (const key of await vault.keys()) await vault.remove(key);
  await executeReset(plan, runtime.credoHome, locations, ctx.files);
  ctx.io.err.write("Done: credo's state is erased.\n");
  return ExitCode.ok;
}
