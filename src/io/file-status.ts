import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { isNotFound } from "./file-system.js";

/** What `credo doctor` asks of the file system, injected so checks run over fakes too. */
export interface FileStatus {
  /** The permission bits (mode & 0o777), or undefined when the path does not exist. */
  permissions(path: string): Promise<number | undefined>;
  /** True for an existing file this user may execute. */
  isExecutable(path: string): Promise<boolean>;
}

export const nodeFileStatus: FileStatus = {
  async permissions(path) {
    try {
      return (await stat(path)).mode & 0o777;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
  async isExecutable(path) {
    try {
      const info = await stat(path);
      if (!info.isFile()) return false;
      await access(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};
