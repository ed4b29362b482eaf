import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { envValue } from "../io/env.js";
import { osPlatformOf } from "../io/platform/os-platform.js";
import type { OpenedVault } from "../vault/open-vault.js";
import { requireNewPassphrase } from "../vault/passphrase-rule.js";
import { UsageError } from "../errors.js";
import { writeJson } from "./output.js";

export function registerCrypto(program: Command, ctx: AppContext): void {
  const crypto = program
    .command("crypto")
    .summary("the vault's encryption: status, enable, disable, change-passphrase, backend")
    .description(
      "The vault is an AES-256-GCM file with a scrypt-derived key (or the OS keychain, or pass).\n" +
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

  crypto
    .command("backend")
    .summary("move the vault to the encrypted file, the OS keychain or pass")
    .description(
      "Moves every vault entry to another backend and uses it from then on: `file` (the encrypted\n" +
        "vault file), `keychain` (the OS keychain) or `pass` (the standard Unix password store, one\n" +
        "GPG-encrypted entry per hub under --prefix). The destination must hold no credo entries; the old\n" +
        "backend is emptied once every entry reads back from the new one.",
    )
    .argument("<backend>", "file, keychain or pass")
    .option("--prefix <folder>", "pass: the folder of the store for credo's entries", "credo/")
    .option("--json", "print the resulting status as JSON (as `crypto status --json`)")
    .addHelpText(
      "after",
      "\nExamples:\n  credo crypto backend pass\n  credo crypto backend pass --prefix work/credo/\n  credo crypto backend file",
    )
    .action(async (backend: string, options: CryptoBackendOptions) => {
      process.exitCode = await runCryptoBackend({ ...options, backend }, ctx);
    });
}

export interface CryptoBackendOptions {
  backend?: string;
  prefix?: string;
  json?: boolean;
}

/** `credo crypto backend NAME`: moves the vault's entries (vault/switch-backend.ts). */
export async function runCryptoBackend(
  options: CryptoBackendOptions,
  ctx: AppContext,
): Promise<number> {
  const backend = options.backend;
  if (backend !== "file" && backend !== "keychain" && backend !== "pass") {
    throw new UsageError(
      `Unknown vault backend "${backend ?? ""}".`,
      "Choose file, keychain or pass: credo crypto backend pass",
    );
  }
  const [{ openCredentialRuntime }, { switchVaultBackend }, { openBackendForMove }] =
    await Promise.all([
      import("../runtime/credential-runtime.js"),
      import("../vault/switch-backend.js"),
      import("../vault/open-vault.js"),
    ]);
  const runtime = await openCredentialRuntime(ctx);
  const current = await runtime.vault();
  const result = await switchVaultBackend(
    { backend, ...(options.prefix === undefined ? {} : { passPrefix: options.prefix }) },
    {
      home: runtime.credoHome,
      files: ctx.files,
      current,
      openTarget: (request) =>
        openBackendForMove({
          home: runtime.credoHome,
          env: ctx.env,
          logger: ctx.logger,
          homedir: ctx.homedir,
          backend: request.backend,
          ...(request.passPrefix === undefined ? {} : { passPrefix: request.passPrefix }),
          // A move into the file creates it: a new passphrase (CREDO_PASSPHRASE, else asked twice).
          askPassphrase: () => newPassphrase(ctx),
          warn: (message) => ctx.io.err.write(`${message}\n`),
        }),
    },
  );
  if (options.json) {
    const { cryptoStatus } = await import("../vault/crypto-admin.js");
    const { openVault } = await import("../vault/open-vault.js");
    const now = await openVault({
      home: runtime.credoHome,
      env: ctx.env,
      logger: ctx.logger,
      homedir: ctx.homedir,
      // status() reads headers only and derives no key.
      askPassphrase: () => Promise.reject(new Error("no passphrase is needed for the status")),
      warn: () => undefined,
    });
    writeJson(ctx, { ...(await cryptoStatus(now)), moved: result.moved });
    return 0;
  }
  ctx.io.err.write(
    result.unchanged
      ? `The vault already is in ${result.to}.\n`
      : `Moved ${result.moved} ${result.moved === 1 ? "entry" : "entries"} from ${result.from} to ${result.to}; credo now uses ${result.to}.\n`,
  );
  return 0;
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
