import { randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { ExitCodeName } from "../errors.js";
import { CredoError } from "../errors.js";
import { resolveSymlinkTarget } from "./resolve-symlink-target.js";
import { isNotFound } from "./file-system.js";

/** The few file operations an atomic write needs; injectable so tests can make one fail. */
export interface AtomicWriteFileSystem {
  open: typeof open;
  rename: (from: string, to: string) => Promise<void>;
  stat: typeof stat;
  mkdir: typeof mkdir;
  rm: typeof rm;
}

export interface WriteFileAtomicOptions {
  /**
   * The text holds secrets (keys, session tokens, SSO tokens, the vault): the
   * file ends 0600 whatever mode it had, and a looser mode it had is reported
   * in one line. Otherwise a new file is 0600 and an existing one keeps its mode.
   */
  secret?: boolean;
  /** Where the one-line notice about a tightened mode goes (default: stderr). */
  notify?: (line: string) => void;
  /** The exit code of the error a failed write becomes (default "config"). */
  exitCode?: ExitCodeName;
  fileSystem?: AtomicWriteFileSystem;
}

const privateMode = 0o600;

/**
 * Replaces a file so that a reader sees the old or the new text, never a mix:
 * write a temporary file in the same folder, fsync it, rename it over the
 * target, fsync the folder. The temporary file is created 0600 (the umask can
 * only make it tighter) and given its final mode through its open handle
 * before it is published by the rename, so no path-based chmod can be
 * redirected and no looser copy ever exists. New files are 0600 and new
 * folders 0700; secret files are always 0600 (the one place this rule lives:
 * every writer of keys, tokens or the vault passes `secret`). If the target is
 * a symlink, the file it points at is replaced (and its mode is the one that
 * counts) and the link stays. On failure the original is untouched and the
 * temporary file is gone.
 */
export async function writeFileAtomic(
  filePath: string,
  text: string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  // Named at the call, not a namespace held by the module: the CLI's bundle
  // loads fs/promises on first use, and a run that writes nothing never does.
  const fs = options.fileSystem ?? { open, rename, stat, mkdir, rm };
  let temporary: string | undefined;
  let tightenedFrom: number | undefined;
  let target = filePath;
  try {
    target = await resolveSymlinkTarget(filePath);
    const folder = path.dirname(target);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const existing = await existingMode(fs, target);
    const mode = options.secret ? privateMode : (existing ?? privateMode);
    if (options.secret && existing !== undefined && (existing & 0o077) !== 0)
      tightenedFrom = existing;
    temporary = path.join(
      folder,
      `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`,
    );
    const handle = await fs.open(temporary, "wx", privateMode);
    try {
      await handle.writeFile(text, "utf8");
      // On the handle, not the path: exactly this mode whatever the umask, before anyone can see the file.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
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
  if (tightenedFrom !== undefined) {
    const notify = options.notify ?? ((line: string) => process.stderr.write(`${line}\n`));
    notify(tightenedNotice(filePath, target, tightenedFrom));
  }
}

function tightenedNotice(filePath: string, target: string, mode: number): string {
  const named = target === path.resolve(filePath) ? filePath : `${filePath} (${target})`;
  const how =
    (mode & 0o044) !== 0
      ? "readable by others"
      : (mode & 0o022) !== 0
        ? "writable by others"
        : "open to others";
  const octal = (value: number) => value.toString(8).padStart(4, "0");
  return `credo: ${named} was ${how} (${octal(mode)}); now ${octal(privateMode)}`;
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
  let handle: FileHandle | undefined;
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
