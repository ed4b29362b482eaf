import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { ExitCodeName } from "../errors.js";
import { CredoError } from "../errors.js";
import { resolveSymlinkTarget } from "./resolve-symlink-target.js";

/**
 * How long a waiter keeps trying. An edit of a shared file is quick, so its
 * waiters give up after a few seconds; a session refresh may sit at an MFA
 * prompt, so its waiters wait up to about ten minutes.
 */
export type LockWait = "edit" | "refresh";

export interface FileLockOptions {
  wait?: LockWait;
  /** What the waiter was waiting for, for the message when it gives up. */
  busy?: { message: string; exitCode: ExitCodeName };
}

const retries = {
  edit: { retries: 200, factor: 1.3, minTimeout: 10, maxTimeout: 200, randomize: true },
  refresh: { retries: 1_500, factor: 1.5, minTimeout: 25, maxTimeout: 500, randomize: true },
} as const;

/**
 * Runs fn while holding a cross-process lock on the file: the one lock every
 * file credo shares or keeps (the AWS files, the vault, the caches) is taken
 * with, so concurrent read-modify-write cycles never lose an edit and
 * concurrent refreshes make one network call.
 *
 * proper-lockfile takes the lock by creating `<file>.lock` (mkdir is atomic),
 * which works before the file exists. One stale policy for every lock: the
 * holder touches the lock every 5 s, so a lock untouched for 20 s was left by
 * a dead process and may be taken over. One lost policy: when the holder finds
 * its lock taken over (it was suspended past the stale time), another process
 * may have done the same work at once, so the caller gets an error rather
 * than a result that may have overwritten another's. The lock is on the
 * symlink's target, where the write goes.
 *
 * proper-lockfile is loaded on the first lock, not at start-up: a command that
 * only reads never pays for it, and interruptSignal() keeps its listeners in
 * place so the signal-exit it brings cannot turn a clean stop into a kill,
 * whatever the order the two are loaded in.
 */
export async function withFileLock<T>(
  filePath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
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
  const { lock } = await import("proper-lockfile");
  const lockPath = `${target}.lock`;
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(target, {
      realpath: false,
      lockfilePath: lockPath,
      stale: 20_000,
      update: 5_000,
      retries: retries[options.wait ?? "edit"],
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    const busy: { message: string; exitCode: ExitCodeName } = options.busy ?? {
      message: `Another process is editing ${filePath}.`,
      exitCode: "config",
    };
    throw new CredoError(busy.message, {
      exitCode: busy.exitCode,
      hint: `Try again; if no credo is running, remove ${lockPath}.`,
      cause: error,
    });
  }
  let result: T;
  try {
    result = await fn();
  } finally {
    // After a lost lock release() rejects; the loss is reported below.
    await release().catch(() => undefined);
  }
  if (compromised !== undefined) {
    throw new CredoError(`The lock on ${filePath} was lost while it was held.`, {
      exitCode: "config",
      hint: "Another process may have changed it at the same time: check it, then run the command again.",
      cause: compromised,
    });
  }
  return result;
}
