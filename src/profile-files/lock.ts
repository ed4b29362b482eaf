import { mkdir } from "node:fs/promises";
import path from "node:path";
import { CredoError } from "../errors.js";
import { resolveSymlinkTarget } from "./resolve-symlink-target.js";

/**
 * Runs fn while holding a cross-process lock on the file, so concurrent
 * read-modify-write cycles (two `credo auth` at once, twenty processes adding
 * profiles) never lose an edit. proper-lockfile takes the lock by creating
 * `<file>.lock` (mkdir is atomic), which works before the file exists, and
 * treats a lock not refreshed for `stale` ms as left by a dead process. The
 * lock is on the symlink's target, where the write goes. Every file credo
 * shares or keeps (the AWS files, the vault) is edited under this one lock.
 *
 * proper-lockfile loads only when a file is written: a run that only reads
 * (a cache hit of `credo export`) never pays for it and graceful-fs. It loads
 * signal-exit, whose SIGINT/SIGTERM listener re-raises the signal when it
 * finds itself the only listener; io/interrupt-signal.ts keeps its own
 * listener in place until the command has stopped, so loading it late (a
 * refresh while `credo serve` runs) cannot kill the process.
 */
export async function withFileLock<T>(filePath: string, fn: () => Promise<T>): Promise<T> {
  const target = await resolveSymlinkTarget(filePath);
  const folder = path.dirname(target);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A file where the folder should be (EEXIST/ENOTDIR) or a folder credo may not write to.
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CredoError(`Cannot create the folder ${folder} for ${filePath} (${code}).`, {
      exitCode: "config",
      hint: `Check that ${folder} is a folder you can write to, or point the setting for this file elsewhere.`,
      cause: error,
    });
  }
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    const { lock } = await import("proper-lockfile");
    release = await lock(target, {
      realpath: false,
      lockfilePath: `${target}.lock`,
      stale: 10_000,
      retries: { retries: 200, factor: 1.3, minTimeout: 10, maxTimeout: 200, randomize: true },
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    throw new CredoError(`Another process is editing ${filePath}.`, {
      exitCode: "config",
      hint: `Try again; if no credo is running, remove ${target}.lock.`,
      cause: error,
    });
  }
  let result: T;
  try {
    result = await fn();
  } finally {
    await release().catch(() => undefined);
  }
  if (compromised !== undefined) {
    // Another process took the lock as stale while we held it: say so rather than hide a possible lost edit.
    throw new CredoError(`The lock on ${filePath} was lost while editing it.`, {
      exitCode: "config",
      hint: "Check the file, then run the command again.",
      cause: compromised,
    });
  }
  return result;
}
