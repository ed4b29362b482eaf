import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs/promises";
import path from "node:path";
import type { ExitCodeName } from "../errors.js";
import { CredoError } from "../errors.js";
import { resolveSymlinkTarget } from "../profile-files/resolve-symlink-target.js";
import { isNotFound } from "./file-system.js";

/** The few file operations an atomic write needs; injectable so tests can make one fail. */
export interface AtomicWriteFileSystem {
  open: typeof nodeFs.open;
  rename: (from: string, to: string) => Promise<void>;
  chmod: typeof nodeFs.chmod;
  stat: typeof nodeFs.stat;
  mkdir: typeof nodeFs.mkdir;
  rm: typeof nodeFs.rm;
}

export interface WriteFileAtomicOptions {
  /** Mode of a file that does not exist yet (default 0600); an existing file keeps its mode. */
  mode?: number;
  /**
   * False for credo's own secret-holding files (vault, token cache): they are
   * always written with `mode`, whatever mode a previous copy had.
   */
  keepExistingMode?: boolean;
  /** The exit code of the error a failed write becomes (default "config"). */
  exitCode?: ExitCodeName;
  fileSystem?: AtomicWriteFileSystem;
}

/**
 * Replaces a file so that a reader sees the old or the new text, never a mix:
 * write a temporary file in the same folder, fsync it, rename it over the
 * target, fsync the folder. New files are 0600 and new folders 0700, since
 * these files hold credentials (the one place credo writes files: the AWS
 * files, the vault, the caches); if the target is a symlink, the file it points
 * at is replaced and the link stays. On failure the original is untouched and
 * the temporary file is gone.
 */
export async function writeFileAtomic(
  filePath: string,
  text: string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const fs = options.fileSystem ?? nodeFs;
  let temporary: string | undefined;
  try {
    const target = await resolveSymlinkTarget(filePath);
    const folder = path.dirname(target);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const kept = options.keepExistingMode === false ? undefined : await existingMode(fs, target);
    const mode = kept ?? options.mode ?? 0o600;
    temporary = path.join(
      folder,
      `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`,
    );
    const handle = await fs.open(temporary, "wx", mode);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; the mode must be exactly the original's (or 0600).
    await fs.chmod(temporary, mode);
    await fs.rename(temporary, target);
    temporary = undefined;
    await syncFolder(fs, folder);
  } catch (error) {
    if (temporary !== undefined) await fs.rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "unknown error";
    throw new CredoError(`Cannot write ${filePath} (${code}); the file was left as it was.`, {
      exitCode: options.exitCode ?? "config",
      hint: "Check that its folder exists and is writable and that the disk is not full.",
      cause: error,
    });
  }
}

async function existingMode(
  fs: AtomicWriteFileSystem,
  target: string,
): Promise<number | undefined> {
  try {
    return (await fs.stat(target)).mode & 0o7777;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Makes the rename durable. Windows cannot open a folder for fsync; the rename is all it offers. */
async function syncFolder(fs: AtomicWriteFileSystem, folder: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw error;
  } finally {
    await handle?.close();
  }
}
