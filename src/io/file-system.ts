import { readFile } from "node:fs/promises";

/**
 * Read access to files, injected so the whole credential chain can run over a
 * virtual file system (the conformance cases mount one at "/"). Writes go
 * through profile-files/safe-write.ts, which is always the real file system.
 */
export interface FileReader {
  /** The file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
}

export const nodeFileReader: FileReader = {
  async readText(path) {
    try {
      return await readFile(path, "utf8");
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
