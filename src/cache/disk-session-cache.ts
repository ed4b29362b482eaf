import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { withFileLock } from "../io/file-lock.js";
import type { Clock } from "../io/clock.js";
import type { Logger } from "../io/logger.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { KeyParts } from "./cache-file.js";
import {
  cacheFileName,
  defaultRefreshMarginMs,
  freshCredentials,
  readCacheFile,
} from "./cache-file.js";
import { keyWithoutSecrets, writeCacheFile } from "./cache-file-write.js";
import type { CachedCredentials, SessionCache } from "./session-cache.js";

export { cacheFileName, readCachedCredentials } from "./cache-file.js";
export type { CachedSession } from "./cache-file.js";
export { clearCache } from "./clear-cache.js";

export interface DiskSessionCacheOptions {
  /** CREDO_HOME/cache */
  dir: string;
  clock: Clock;
  logger: Logger;
  /** Refresh this long before expiry; 5 minutes, as the SDKs' default refresh window. */
  refreshMarginMs?: number;
}

/**
 * Temporary credentials shared by every credo process on the machine. A hit
 * needs no lock. A miss or a refresh takes a per-key lock across processes
 * and re-reads the file inside it, so when 32 processes start at once one of
 * them fetches (one STS call, one MFA prompt) and the others read its result.
 */
export function diskSessionCache(options: DiskSessionCacheOptions): SessionCache {
  const { dir, clock, logger } = options;
  const marginMs = options.refreshMarginMs ?? defaultRefreshMarginMs;
  // Single flight inside this process: concurrent callers for one key share one promise.
  const inFlight = new Map<string, Promise<CachedCredentials>>();

  async function readFresh(path: string): Promise<AwsCredentials | undefined> {
    return freshCredentials(await readCacheFile(path, logger), clock.now(), marginMs);
  }

  async function getOrFetchUncoalesced(
    keyParts: KeyParts,
    fetch: () => Promise<AwsCredentials>,
    path: string,
  ): Promise<CachedCredentials> {
    const described = JSON.stringify(keyWithoutSecrets(keyParts));
    const hit = await readFresh(path);
    if (hit !== undefined) {
      logger.debug(`session cache hit for ${described}`);
      return { credentials: hit, fromCache: true };
    }
    logger.debug(`session cache miss or refresh due for ${described}; waiting for its lock`);
    await ensurePrivateDir(dir);
    // The holder may sit at an MFA prompt, so waiters wait long.
    return withFileLock(
      path,
      async () => {
        // Another process may have refreshed the entry while this one waited for the lock.
        const refreshed = await readFresh(path);
        if (refreshed !== undefined) {
          logger.debug(`session cache entry for ${described} was refreshed by another process`);
          return { credentials: refreshed, fromCache: true };
        }
        const credentials = await fetch();
        const { expiration } = credentials;
        if (expiration === undefined) {
          logger.debug(`not caching credentials without an expiration for ${described}`);
          return { credentials, fromCache: false };
        }
        await writeCacheFile(dir, keyParts, { ...credentials, expiration }, new Date(clock.now()));
        logger.debug(
          `session cache entry for ${described} written, expires ${expiration.toISOString()}`,
        );
        return { credentials, fromCache: false };
      },
      {
        wait: "refresh",
        busy: {
          message: "Timed out waiting for another credo process to refresh a cached session.",
          exitCode: "general",
        },
      },
    );
  }

  return {
    getOrFetch(keyParts, fetch) {
      const name = cacheFileName(keyParts);
      const pending = inFlight.get(name);
      if (pending !== undefined) return pending;
      const result = getOrFetchUncoalesced(keyParts, fetch, join(dir, name)).finally(() => {
        inFlight.delete(name);
      });
      inFlight.set(name, result);
      return result;
    },
  };
}

async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing folder's mode alone; the cache holds session credentials, so tighten it.
  await chmod(dir, 0o700);
}
