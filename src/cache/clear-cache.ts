import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { isNotFound, removeFileIfPresent } from "../io/file-system.js";
import { silentLogger } from "../io/logger.js";
import { readCacheFile } from "./cache-file.js";

/**
 * Removes cached sessions (reset, logout): all of them, or those whose
 * recorded key (keyParts without secrets) matches the predicate. Without a
 * predicate, unreadable entries and leftover temp files go too. Returns how
 * many entries were removed.
 */
export async function clearCache(
  dir: string,
  predicate?: (key: Readonly<Record<string, unknown>>) => boolean,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    if (predicate === undefined && name.endsWith(".tmp")) {
      await removeFileIfPresent(path);
    } else if (name.endsWith(".json")) {
      const session = predicate === undefined ? undefined : await readCacheFile(path, silentLogger);
      if (predicate !== undefined && (session === undefined || !predicate(session.key))) continue;
      if (await removeFileIfPresent(path)) removed += 1;
    }
  }
  return removed;
}
