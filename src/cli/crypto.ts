import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { envValue } from "../io/env.js";
import { osPlatformOf } from "../io/platform/os-platform.js";
import type { OpenedVault } from "../vault/open-vault.js";
import { requireNewPassphrase } from "../vault/passphrase-rule.js";
import { writeJson } from "./output.js";

export function registerCrypto(program: Command, ctx: AppContext): void {
  const crypto = program
    .command("crypto")
    .summary("the vault's encryption: status, enable, disable, change-passphrase")
    .description(
      "The vault is an AES-256-GCM file with a scrypt-derived key (or the OS keychain).\n" +
        "Passphrases come from a hidden prompt, or CREDO_PASSPHRASE (current) and CREDO_NEW_PASSPHRASE (new) for automation.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo crypto status\n  credo crypto change-passphrase\n  credo crypto disable   # plain file, mode 0600: only if you must",
    );

  crypto
    .command("status")
    .summary("backend, encryption and KDF parameters")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  credo crypto status --json")
    .action(async (options: { json?: boolean }) => {
      const vault = await openForCrypto(ctx);
      const { cryptoStatus } = await import("../vault/crypto-admin.js");
      const status = await cryptoStatus(vault);
      if (options.json) return writeJson(ctx, status);
      const kdf =
        status.kdf === undefined
          ? ""
          : `\nKDF:       scrypt N=${status.kdf.N} r=${status.kdf.r} p=${status.kdf.p}`;
      ctx.io.out.write(
        `Backend:   ${status.backend}\nLocation:  ${status.path}\nExists:    ${status.exists ? "yes" : "no (created on first use)"}\nEncrypted: ${status.encrypted ? "yes" : "NO"}${kdf}\n`,
      );
    });

  crypto
    .command("enable")
    .summary("encrypt the vault with a new passphrase")
    .option("--json", "print the resulting status as JSON (as `crypto status --json`)")
    .addHelpText("after", "\nExamples:\n  credo crypto enable")
    .action(async (options: { json?: boolean }) => {
      const vault = await openForCrypto(ctx);
      const { enableEncryption } = await import("../vault/crypto-admin.js");
      await enableEncryption(vault, await newPassphrase(ctx));
      if (options.json) return writeStatus(ctx, vault);
      ctx.io.err.write("The vault is encrypted.\n");
    });

  crypto
    .command("disable")
    .summary("store the vault unencrypted (mode 0600)")
    .option("--json", "print the resulting status as JSON (as `crypto status --json`)")
    .addHelpText("after", "\nExamples:\n  credo crypto disable")
    .action(async (options: { json?: boolean }) => {
      const vault = await openForCrypto(ctx);
      const { disableEncryption } = await import("../vault/crypto-admin.js");
      await disableEncryption(vault);
      if (options.json) return writeStatus(ctx, vault);
      ctx.io.err.write(
        "The vault is no longer encrypted (mode 0600); `credo crypto enable` encrypts it again.\n",
      );
    });

  crypto
    .command("change-passphrase")
    .summary("re-encrypt the vault under a new passphrase")
    .option("--json", "print the resulting status as JSON (as `crypto status --json`)")
    .addHelpText(
      "after",
      "\nExamples:\n  credo crypto change-passphrase\n  CREDO_PASSPHRASE=old CREDO_NEW_PASSPHRASE=new credo crypto change-passphrase",
    )
    .action(async (options: { json?: boolean }) => {
      const vault = await openForCrypto(ctx);
      const { changePassphrase } = await import("../vault/crypto-admin.js");
      // The current passphrase unlocks the vault before the new one is asked.
      await vault.keys();
      await changePassphrase(vault, await newPassphrase(ctx));
      if (options.json) return writeStatus(ctx, vault);
      ctx.io.err.write("The vault passphrase is changed.\n");
    });
}

async function writeStatus(ctx: AppContext, vault: OpenedVault): Promise<void> {
  const { cryptoStatus } = await import("../vault/crypto-admin.js");
  writeJson(ctx, await cryptoStatus(vault));
}

async function openForCrypto(ctx: AppContext) {
  const { openCredentialRuntime } = await import("../runtime/credential-runtime.js");
  return (await openCredentialRuntime(ctx)).vault();
}

async function newPassphrase(ctx: AppContext): Promise<string> {
  const fromEnv = envValue(ctx.env, "CREDO_NEW_PASSPHRASE");
  if (fromEnv !== undefined) return requireNewPassphrase(fromEnv, "CREDO_NEW_PASSPHRASE");
  const [{ passphrasePrompt }, { openTtyPrompter }] = await Promise.all([
    import("../runtime/passphrase-prompt.js"),
    import("../io/tty-prompt.js"),
  ]);
  return passphrasePrompt(openTtyPrompter(osPlatformOf(ctx.platform)), (message) =>
    ctx.io.err.write(`${message}\n`),
  )("new");
}
