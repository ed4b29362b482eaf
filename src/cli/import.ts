import type { Command } from "commander";
import type { AppContext } from "../context.js";

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
    .addHelpText(
      "after",
      "\nExamples:\n  credo import\n  credo import --profile FoobarAccount\n  aws --profile baszooDev sts get-caller-identity   # then works through the hub",
    )
    .action(async (options: { profile?: string[] }) => {
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
      );
      if (imported.length === 0) {
        ctx.io.err.write(
          `No long-term keys in ${runtime.files.locations.credentialsFile}; nothing to import.\n`,
        );
        return;
      }
      for (const hub of imported) {
        ctx.io.err.write(
          `Imported [${hub.from}] as hub ${hub.hub}${hub.mfaSerial === undefined ? " (no mfa_serial: add one for MFA sessions)" : ` (MFA ${hub.mfaSerial})`}.\n`,
        );
      }
      ctx.io.err.write(
        `The keys are now only in the vault; ${runtime.files.locations.credentialsFile} no longer holds them.\n`,
      );
    });
}
