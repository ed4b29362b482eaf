import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { writeJson } from "../output/command-output.js";
import { maskAccessKeyId } from "../aws/mask-access-key-id.js";

export interface ImportOptions {
  /** Only these profiles (default: every profile with long-term keys). */
  profile?: string[] | undefined;
  json?: boolean | undefined;
}

export function registerImport(program: Command, ctx: AppContext): void {
  program
    .command("import")
    .summary("move plaintext keys from ~/.aws/credentials into the vault, as hubs")
    .description(
      "Moves long-term access keys out of ~/.aws/credentials into the encrypted vault and makes hubs of them\n" +
        "(credential_process = credo process NAME). Every other byte of both files stays. In the layout of\n" +
        "`[profile foobar]` with `source_profile = FoobarAccount` (keys) and roles with `source_profile = foobar`,\n" +
        "foobar becomes the hub the roles already name, with FoobarAccount's keys and MFA device.",
    )
    .option(
      "-p, --profile <name...>",
      "import only these profiles (default: every profile with long-term keys)",
    )
    .option("--json", "print the imported hubs and the profiles changed as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo import\n  credo import --json\n  credo import --profile FoobarAccount\n  aws --profile baszooDev sts get-caller-identity   # then works through the hub",
    )
    .action(exitCodeAction((options: ImportOptions) => runImport(options, ctx)));
}

/** Moves long-term keys from the credentials file into the vault. */
export async function runImport(options: ImportOptions, ctx: AppContext): Promise<number> {
  const [{ openCredentialRuntime }, { importKeys }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../hub/import-keys.js"),
  ]);
  const runtime = await openCredentialRuntime(ctx);
  const imported = await importKeys(
    options.profile ?? [],
    runtime.vault,
    runtime.files.locations,
    ctx.files,
    runtime.credoHome,
  );
  if (options.json) {
    const { configFile, credentialsFile } = runtime.files.locations;
    writeJson(ctx, {
      imported: imported.map((hub) => ({
        name: hub.hub,
        from: hub.from,
        accessKeyId: maskAccessKeyId(hub.accessKeyId),
        mfaSerial: hub.mfaSerial ?? null,
      })),
      profilesChanged: [
        ...unique(imported.map((hub) => hub.hub)).map((profile) => ({
          file: configFile,
          profile,
        })),
        ...unique(imported.map((hub) => hub.from)).map((profile) => ({
          file: credentialsFile,
          profile,
        })),
      ],
    });
    return ExitCode.ok;
  }
  if (imported.length === 0) {
    ctx.io.err.write(
      `No long-term keys in ${runtime.files.locations.credentialsFile}; nothing to import.\n`,
    );
    return ExitCode.ok;
  }
  for (const hub of imported) {
    ctx.io.err.write(
      `Imported [${hub.from}] as hub ${hub.hub}${hub.mfaSerial === undefined ? " (no mfa_serial: add one for MFA sessions)" : ` (MFA ${hub.mfaSerial})`}.\n`,
    );
  }
  ctx.io.err.write(
    `The keys are now only in the vault; ${runtime.files.locations.credentialsFile} no longer holds them.\n`,
  );
  return ExitCode.ok;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
