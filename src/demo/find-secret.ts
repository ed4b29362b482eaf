import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface SecretScan {
  /** Every regular file under the folder, relative to it. */
  files: string[];
  /** The files whose bytes contain the secret. */
  holding: string[];
}

/** Reads every file under `folder` (following no links) and lists those whose bytes contain `secret`. */
export async function findSecret(folder: string, secret: string): Promise<SecretScan> {
  const needle = Buffer.from(secret);
  const files: string[] = [];
  const holding: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(join(folder, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : join(relative, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        files.push(path);
        if ((await readFile(join(folder, path))).includes(needle)) holding.push(path);
      }
    }
  };
  await walk("");
  return { files: files.sort(), holding: holding.sort() };
}
