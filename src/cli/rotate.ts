import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { addMfaCodeOption } from "./profile-argument.js";
import { maskAccessKeyId } from "../aws/mask-access-key-id.js";
import { writeJson } from "../output/command-output.js";

export interface RotateOptions {
  hub: string;
  mfaCode?: string | undefined;
  json?: boolean | undefined;
}

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
    .option("--json", "print the hub and the old and new access key ids (masked) as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo rotate acme\n  credo rotate acme --mfa-code 123456 --json",
    )
    .action(
      exitCodeAction((hub: string, options: Omit<RotateOptions, "hub">) =>
        runRotate({ ...options, hub }, ctx),
      ),
    );
}

/** Replaces a hub's access key. */
export async function runRotate(options: RotateOptions, ctx: AppContext): Promise<number> {
  const { hub } = options;
  const [{ openCredentialRuntime }, { rotateHubKey }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../hub/rotate-hub-key.js"),
  ]);
  const runtime = await openCredentialRuntime(
    ctx,
    options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
  );
  const result = await runtime.waiting(`Rotating the access key of ${hub}`, () =>
    rotateHubKey(runtime, hub),
  );
  if (options.json) {
    writeJson(ctx, {
      hub,
      oldAccessKeyId: maskAccessKeyId(result.oldAccessKeyId),
      newAccessKeyId: maskAccessKeyId(result.newAccessKeyId),
    });
    return ExitCode.ok;
  }
  ctx.io.err.write(
    `Rotated hub ${hub}: new key ${maskAccessKeyId(result.newAccessKeyId)} stored, old key ${maskAccessKeyId(result.oldAccessKeyId)} deleted.\n`,
  );
  return ExitCode.ok;
}
