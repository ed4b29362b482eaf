import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface AtomicWriteOptions {
  mode: number;
  /** The final step; injectable so tests can simulate a crash before it. */
  renameFile?: (from: string, to: string) => Promise<void>;
}

/**
 * Replaces `path` so that a reader sees either the old bytes or the new ones,
 * never a mix: write a temp file in the same directory (same file system, so
 * rename is atomic), fsync it, rename it over the target, fsync the directory
 * so the rename itself survives a power cut. On failure the temp file is
 * removed and the target is untouched.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  options: AtomicWriteOptions,
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const renameFile = options.renameFile ?? rename;
  try {
    const handle = await open(temp, "wx", options.mode);
    try {
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameFile(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is durable enough there.
  if (process.platform === "win32") return;
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
