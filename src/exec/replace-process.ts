import { accessSync, closeSync, constants, openSync, readSync, statSync } from "node:fs";
import { delimiter, isAbsolute, resolve } from "node:path";

/**
 * Becomes COMMAND, as `exec` in a shell and aws-vault on Unix do, where
 * Node.js can (process.execve, Node.js 22.15 and later, not on Windows) and
 * the file is ELF (Linux; macOS's Mach-O programs are started as children):
 * no child to start and wait for, signals and the exit status are the
 * command's own. Returns only when it cannot, and then the caller starts a
 * child instead.
 *
 * Node.js aborts the whole process when execve(2) itself fails, with no error
 * to catch, so this replaces the process only with a file execve will take:
 * a regular, executable ELF file built for this machine (as the running
 * node is), or a `#!` script whose interpreter is one. Anything else (a
 * script without `#!`, which a child runs through /bin/sh, a command not
 * found) is left to the child, which handles and reports it as always.
 */
export function replaceProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  beforeReplace: () => void = () => undefined,
): void {
  const execve = (process as { execve?: ExecveFunction }).execve;
  if (typeof execve !== "function" || process.platform === "win32") return;
  const file = executableFile(command, env.PATH);
  if (file === undefined || !execveTakes(file)) return;
  beforeReplace();
  execve(file, [command, ...args], env);
}

type ExecveFunction = (file: string, args: string[], env: Record<string, string>) => never;

/** The file COMMAND names: a path as given, or else the first executable file of that name on PATH. */
export function executableFile(command: string, path: string | undefined): string | undefined {
  if (command === "") return undefined;
  if (command.includes("/")) return isExecutableFile(command) ? resolve(command) : undefined;
  for (const folder of (path ?? "").split(delimiter)) {
    // An empty PATH entry is the current folder, as execvp(3) reads it.
    const candidate = resolve(folder === "" ? "." : folder, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Whether execve(2) runs FILE: an ELF file for this machine, or a `#!` script whose interpreter is one. */
export function execveTakes(file: string): boolean {
  const head = readHead(file);
  if (head === undefined) return false;
  if (isElf(head)) return sameMachine(head, readHead(process.execPath));
  if (head[0] !== 0x23 || head[1] !== 0x21) return false;
  const interpreter = head.subarray(2).toString("latin1").split("\n")[0]?.trim().split(/[ \t]/)[0];
  if (interpreter === undefined || !isAbsolute(interpreter) || !isExecutableFile(interpreter))
    return false;
  const interpreterHead = readHead(interpreter);
  return (
    interpreterHead !== undefined &&
    isElf(interpreterHead) &&
    sameMachine(interpreterHead, readHead(process.execPath))
  );
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first bytes of FILE: enough for a `#!` line and an ELF header's machine field. */
function readHead(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const head = Buffer.alloc(256);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isElf(head: Buffer): boolean {
  return head.length >= 20 && head.readUInt32BE(0) === 0x7f454c46;
}

/** Same ELF class, byte order and machine (e_machine) as the running node. */
function sameMachine(head: Buffer, node: Buffer | undefined): boolean {
  if (node === undefined || !isElf(node)) return false;
  return (
    head[4] === node[4] && head[5] === node[5] && head.readUInt16LE(18) === node.readUInt16LE(18)
  );
}
