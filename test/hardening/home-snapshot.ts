import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * Every entry under `root` with its mode and a hash of its bytes (or its link
 * target), so a test can show a failed command left the home exactly as it
 * was: no new file, no partial write, no mode change.
 */
export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const stat = await lstat(path);
      const key = relative(root, path);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries[key] = `link ${await readlink(path)}`;
      else if (stat.isDirectory()) {
        entries[key] = `dir ${mode}`;
        await walk(path);
      } else {
        const hash = createHash("sha256")
          .update(await readFile(path))
          .digest("hex");
        entries[key] = `file ${mode} ${hash}`;
      }
    }
  }
  await walk(root);
  return entries;
}
