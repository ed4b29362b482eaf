import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { ProcessResult, ProcessRunner } from "../io/run-process.js";
import type { Keyring } from "./keyring.js";

export const defaultPassPrefix = "credo/";

export interface PassKeyringOptions {
  /** Where credo's entries live in the store: "credo/" keeps hub acme at credo/hub:acme. */
  prefix: string;
  env: Env;
  homedir: string;
  run: ProcessRunner;
}

/** pass may wait for gpg-agent's pinentry (a passphrase-protected GPG key): give the user time to type. */
const passTimeoutMs = 120_000;

/**
 * The vault in `pass`, the standard Unix password store: one GPG-encrypted
 * entry per vault key under the prefix (`pass show credo/hub:acme` prints a
 * hub's key), so a team's existing store, its GPG recipients and its git
 * sync apply to credo's entries too. credo runs the `pass` command with the
 * environment it was given minus credo's own secrets, and hands every value
 * over on stdin, never on a command line. Listing reads the store's
 * directory (PASSWORD_STORE_DIR, else ~/.password-store): `pass ls` prints a
 * tree for people, not a list for programs.
 */
export function passKeyring(options: PassKeyringOptions): Keyring {
  const prefix = normalisePassPrefix(options.prefix);
  const dir = passStoreDir(options.env, options.homedir);
  const entryFile = (key: string) => join(dir, `${prefix}${key}.gpg`);

  async function pass(args: readonly string[], input?: string): Promise<ProcessResult> {
    await assertInitialised(dir, prefix);
    let result: ProcessResult;
    try {
      result = await options.run(["pass", ...args], {
        env: options.env,
        timeoutMs: passTimeoutMs,
        ...(input === undefined ? {} : { input }),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw passMissing();
      throw error;
    }
    if (result.exitCode !== 0) {
      const reason = result.timedOut
        ? `no answer in ${passTimeoutMs / 1000} seconds`
        : result.stderr.trim().split("\n").at(-1) || `exit code ${result.exitCode}`;
      throw new CredoError(`\`pass ${args[0]}\` failed: ${reason}`, {
        exitCode: "vault",
        hint: "Check that `pass show` works in this terminal (your GPG key, gpg-agent).",
      });
    }
    return result;
  }

  return {
    async get(key) {
      if (!(await isFile(entryFile(key)))) return undefined;
      const { stdout } = await pass(["show", `${prefix}${key}`]);
      return stdout.endsWith("\n") ? stdout.slice(0, -1) : stdout;
    },
    async set(key, value) {
      await pass(["insert", "--multiline", "--force", `${prefix}${key}`], `${value}\n`);
    },
    async remove(key) {
      if (!(await isFile(entryFile(key)))) return false;
      await pass(["rm", "--force", `${prefix}${key}`]);
      return true;
    },
    async keys() {
      const root = join(dir, prefix);
      return (await gpgFilesUnder(root))
        .map((file) => relative(root, file).split(sep).join("/").slice(0, -".gpg".length))
        .sort();
    },
  };
}

/**
 * Fails with the clear message when pass is missing or the store is not
 * initialised: checked before a move, which may have nothing to write.
 */
export async function checkPassStore(options: PassKeyringOptions): Promise<void> {
  const prefix = normalisePassPrefix(options.prefix);
  await assertInitialised(passStoreDir(options.env, options.homedir), prefix);
  try {
    await options.run(["pass", "version"], { env: options.env, timeoutMs: passTimeoutMs });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw passMissing();
    throw error;
  }
}

/** The store's directory, as pass finds it. */
export function passStoreDir(env: Env, homedir: string): string {
  return envValue(env, "PASSWORD_STORE_DIR") ?? join(homedir, ".password-store");
}

/** A prefix names a folder of the store: no leading "/", no "." or ".." parts, a trailing "/". */
export function normalisePassPrefix(prefix: string): string {
  const parts = prefix.split("/").filter((part) => part !== "");
  if (parts.length === 0 || parts.some((part) => part === "." || part === "..")) {
    throw new CredoError(`"${prefix}" is not a folder of the password store.`, {
      exitCode: "usage",
      hint: `Use a folder name such as --prefix ${defaultPassPrefix}`,
    });
  }
  return `${parts.join("/")}/`;
}

/** pass encrypts an entry for the .gpg-id nearest above it: the store's, or a folder's own. */
async function assertInitialised(dir: string, prefix: string): Promise<void> {
  const folders = prefix.split("/").filter((part) => part !== "");
  for (let depth = folders.length; depth >= 0; depth--) {
    if (await isFile(join(dir, ...folders.slice(0, depth), ".gpg-id"))) return;
  }
  throw new CredoError(`The password store ${dir} is not initialised.`, {
    exitCode: "vault",
    hint: "Run `pass init YOUR-GPG-KEY-ID` first (PASSWORD_STORE_DIR chooses another store).",
  });
}

function passMissing(): CredoError {
  return new CredoError("`pass` (the standard Unix password store) is not installed.", {
    exitCode: "vault",
    hint: "Install it (e.g. `apt-get install pass`, `brew install pass`), or choose another backend with `credo crypto backend file`.",
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function gpgFilesUnder(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) files.push(...(await gpgFilesUnder(path)));
    else if (entry.isFile() && entry.name.endsWith(".gpg")) files.push(path);
  }
  return files;
}
