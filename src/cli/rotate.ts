import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { addMfaCodeOption } from "./profile-argument.js";
import { maskAccessKeyId } from "./profile-argument.js";

export function registerRotate(program: Command, ctx: AppContext): void {
  const command = program
    .command("rotate")
    .argument("<hub>", "the hub whose access key to replace")
    .summary("replace a hub's access key: create, verify, store, delete the old one")
    .description(
      "CreateAccessKey, check the new key with GetCallerIdentity, store it in the vault, then DeleteAccessKey the\n" +
        "old one. IAM is called through the hub's MFA session when the hub has an MFA device.",
    );
  addMfaCodeOption(command)
    .addHelpText("after", "\nExamples:\n  credo rotate acme\n  credo rotate acme --mfa-code 123456")
    .action(async (hub: string, options: { mfaCode?: string }) => {
      const [{ openCredentialRuntime }, { rotateHubKey }] = await Promise.all([
        import("../runtime/credential-runtime.js"),
        import("../hub/rotate-hub-key.js"),
      ]);
      const runtime = await openCredentialRuntime(
        ctx,
        options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
      );
      const result = await rotateHubKey(runtime, hub);
      ctx.io.err.write(
        `Rotated hub ${hub}: new key ${maskAccessKeyId(result.newAccessKeyId)} stored, old key ${maskAccessKeyId(result.oldAccessKeyId)} deleted.\n`,
      );
    });
}
