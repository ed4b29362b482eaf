import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import lockfile from "proper-lockfile";

/**
 * Runs fn while holding a cross-process lock on `<path>.lock` (a directory
 * proper-lockfile creates atomically with mkdir), so two credo processes never
 * interleave a read-modify-write of the vault. The target need not exist yet
 * (realpath: false); its directory is created (0700) if missing. A holder that crashed leaves a lock whose mtime stops
 * being refreshed; after `stale` ms the next writer takes it over.
 */
export async function withVaultLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const release = await lockfile.lock(path, {
    lockfilePath: `${path}.lock`,
    realpath: false,
    stale: 10_000,
    // Waiters may queue behind several writers, each of which may derive a
    // scrypt key (~100 ms) while holding the lock: retry for up to ~30 s.
    retries: { retries: 120, factor: 1.3, minTimeout: 20, maxTimeout: 250, randomize: true },
  });
  try {
    return await fn();
  } finally {
    await release();
  }
}
