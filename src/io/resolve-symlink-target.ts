import { lstat, readlink } from "node:fs/promises";
import path from "node:path";
import { isNotFound } from "./file-system.js";

const maxLinks = 40;

/**
 * The file a path finally names, following symlinks even when the last one
 * dangles (unlike realpath), so that writing through a linked
 * ~/.aws/credentials updates the file the link points at and keeps the link,
 * as the SDKs read through it.
 */
export async function resolveSymlinkTarget(filePath: string): Promise<string> {
  let current = path.resolve(filePath);
  for (let hops = 0; hops < maxLinks; hops += 1) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (error) {
      if (isNotFound(error)) return current;
      throw error;
    }
    if (!isLink) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`Too many symbolic links at ${filePath}`), { code: "ELOOP" });
}
