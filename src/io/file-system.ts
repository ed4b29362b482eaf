import { promises as fs, readFileSync } from "node:fs";

/**
 * Read access to files, injected so the whole credential chain can run over a
 * virtual file system (the conformance cases mount one at "/"). Writes go
 * through io/atomic-write.ts, which is always the real file system.
 *
 * `fs.promises` is reached through node:fs at call time: requiring
 * node:fs/promises up front costs ~1 ms on the `credo process` fast path.
 */
export interface FileReader {
  /** The file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
}

/**
 * Reads synchronously: what credo reads through this (profile files, cache
 * and token files) is small, and a run waits for it anyway. The first
 * asynchronous read loads fs/promises (and readline's internals with it) and
 * starts libuv's thread pool, a few milliseconds of a command's start.
 */
export const nodeFileReader: FileReader = {
  async readText(path) {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
};

export function memoryFileReader(files: ReadonlyMap<string, string>): FileReader {
  return { readText: async (path) => files.get(path) };
}

export function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** Removes a file; false when it was not there (a concurrent clean-up is no error). */
export async function removeFileIfPresent(path: string): Promise<boolean> {
  try {
    await fs.unlink(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
