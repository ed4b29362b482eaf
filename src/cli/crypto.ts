import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode, UsageError } from "../errors.js";
import type { Prompter } from "../io/prompter.js";
import { exitCodeAction } from "./command-action.js";
import { envValue } from "../io/env.js";
import type { OpenedVault } from "../vault/open-vault.js";
import { requireNewPassphrase } from "../vault/passphrase-rule.js";
import { writeJson } from "../output/command-output.js";

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
    .action(exitCodeAction((options: CryptoOptions) => runCryptoStatus(options, ctx)));

  crypto
    .command("enable")
    .summary("encrypt the vault with a new passphrase")
    .option("--json", "print the resulting status as JSON (as `crypto status --json`)")
    .addHelpText("after", "\nExamples:\n  credo crypto enable")
    .action(exitCodeAction((options: CryptoOptions) => runCryptoEnable(options, ctx)));

  crypto
    .command("disable")
    .summary("store the vault unencrypted (mode 0600)")
    .option("--json", "print the resulting status as JSON (as `crypto status --json`)")
    .addHelpText("after", "\nExamples:\n  credo crypto disable")
    .action(exitCodeAction((options: CryptoOptions) => runCryptoDisable(options, ctx)));

  crypto
    .command("change-passphrase")
    .summary("re-encrypt the vault under a new passphrase")
    .option("--json", "print the resulting status as JSON (as `crypto status --json`)")
    .addHelpText(
      "after",
      "\nExamples:\n  credo crypto change-passphrase\n  CREDO_PASSPHRASE=old CREDO_NEW_PASSPHRASE=new credo crypto change-passphrase",
    )
    .action(exitCodeAction((options: CryptoOptions) => runCryptoChangePassphrase(options, ctx)));

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
    .action(
      exitCodeAction((backend: string, options: CryptoBackendOptions) =>
        runCryptoBackend({ ...options, backend }, ctx),
      ),
    );
}

export interface CryptoBackendOptions {
  backend?: string | undefined;
  prefix?: string | undefined;
  json?: boolean | undefined;
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
  const [{ switchVaultBackend }, { openBackendForMove, openVault }] = await Promise.all([
    import("../vault/switch-backend.js"),
    import("../vault/open-vault.js"),
  ]);
  const { vault: current, prompter, credoHome } = await openForCrypto(ctx);
  const result = await switchVaultBackend(
    { backend, ...(options.prefix === undefined ? {} : { passPrefix: options.prefix }) },
    {
      home: credoHome,
      files: ctx.files,
      current,
      openTarget: (request) =>
        openBackendForMove({
          home: credoHome,
          env: ctx.env,
          logger: ctx.logger,
          homedir: ctx.homedir,
          backend: request.backend,
          ...(request.passPrefix === undefined ? {} : { passPrefix: request.passPrefix }),
          // A move into the file creates it: a new passphrase (CREDO_PASSPHRASE, else asked twice).
          askPassphrase: () => newPassphrase(ctx, prompter),
          warn: (message) => ctx.io.err.write(`${message}\n`),
        }),
    },
  );
  if (options.json) {
    const { cryptoStatus } = await import("../vault/crypto-admin.js");
    const now = await openVault({
      home: credoHome,
      env: ctx.env,
      logger: ctx.logger,
      homedir: ctx.homedir,
      // status() reads headers only and derives no key.
      askPassphrase: () => Promise.reject(new Error("no passphrase is needed for the status")),
      warn: () => undefined,
    });
    writeJson(ctx, { ...(await cryptoStatus(now)), moved: result.moved });
    return ExitCode.ok;
  }
  ctx.io.err.write(
    result.unchanged
      ? `The vault already is in ${result.to}.\n`
      : `Moved ${result.moved} ${result.moved === 1 ? "entry" : "entries"} from ${result.from} to ${result.to}; credo now uses ${result.to}.\n`,
  );
  return ExitCode.ok;
}

export interface CryptoOptions {
  json?: boolean | undefined;
}

/** `credo crypto status`. */
export async function runCryptoStatus(options: CryptoOptions, ctx: AppContext): Promise<number> {
  const { vault } = await openForCrypto(ctx);
  const { cryptoStatus } = await import("../vault/crypto-admin.js");
  const status = await cryptoStatus(vault);
  if (options.json) {
    writeJson(ctx, status);
    return ExitCode.ok;
  }
  const kdf =
    status.kdf === undefined
      ? ""
      : `\nKDF:       scrypt N=${status.kdf.N} r=${status.kdf.r} p=${status.kdf.p}`;
  ctx.io.out.write(
    `Backend:   ${status.backend}\nLocation:  ${status.path}\nExists:    ${status.exists ? "yes" : "no (created on first use)"}\nEncrypted: ${status.encrypted ? "yes" : "NO"}${kdf}\n`,
  );
  return ExitCode.ok;
}

/** `credo crypto enable`: encrypt under a new passphrase. */
export async function runCryptoEnable(options: CryptoOptions, ctx: AppContext): Promise<number> {
  const { vault, prompter } = await openForCrypto(ctx);
  const { enableEncryption } = await import("../vault/crypto-admin.js");
  await enableEncryption(vault, await newPassphrase(ctx, prompter));
  if (options.json) return writeStatus(ctx, vault);
  ctx.io.err.write("The vault is encrypted.\n");
  return ExitCode.ok;
}

/** `credo crypto disable`: a plain file, mode 0600. */
export async function runCryptoDisable(options: CryptoOptions, ctx: AppContext): Promise<number> {
  const { vault } = await openForCrypto(ctx);
  const { disableEncryption } = await import("../vault/crypto-admin.js");
  await disableEncryption(vault);
  if (options.json) return writeStatus(ctx, vault);
  ctx.io.err.write(
    "The vault is no longer encrypted (mode 0600); `credo crypto enable` encrypts it again.\n",
  );
  return ExitCode.ok;
}

/** `credo crypto change-passphrase`: the current passphrase unlocks, then the new one re-encrypts. */
export async function runCryptoChangePassphrase(
  options: CryptoOptions,
  ctx: AppContext,
): Promise<number> {
  const { vault, prompter } = await openForCrypto(ctx);
  const { changePassphrase } = await import("../vault/crypto-admin.js");
  // The current passphrase unlocks the vault before the new one is asked.
  await vault.keys();
  await changePassphrase(vault, await newPassphrase(ctx, prompter));
  if (options.json) return writeStatus(ctx, vault);
  ctx.io.err.write("The vault passphrase is changed.\n");
  return ExitCode.ok;
}

async function writeStatus(ctx: AppContext, vault: OpenedVault): Promise<number> {
  const { cryptoStatus } = await import("../vault/crypto-admin.js");
  writeJson(ctx, await cryptoStatus(vault));
  return ExitCode.ok;
}

async function openForCrypto(
  ctx: AppContext,
): Promise<{ vault: OpenedVault; prompter: () => Prompter | undefined; credoHome: string }> {
  const { openCredentialRuntime } = await import("../runtime/credential-runtime.js");
  const runtime = await openCredentialRuntime(ctx);
  return {
    vault: await runtime.vault(),
    prompter: runtime.prompter,
    credoHome: runtime.credoHome,
  };
}

async function newPassphrase(
  ctx: AppContext,
  prompter: () => Prompter | undefined,
): Promise<string> {
  const fromEnv = envValue(ctx.env, "CREDO_NEW_PASSPHRASE");
  if (fromEnv !== undefined) return requireNewPassphrase(fromEnv, "CREDO_NEW_PASSPHRASE");
  const { passphrasePrompt } = await import("../runtime/passphrase-prompt.js");
  return passphrasePrompt(prompter(), (message) => ctx.io.err.write(`${message}\n`))("new");
}
