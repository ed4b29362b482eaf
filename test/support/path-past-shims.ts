import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { basename, delimiter, dirname, join } from "node:path";

/**
 * PATH with the folder of the real python3 first when python3 on PATH is a
 * version manager's shim (pyenv, asdf): a shim is a shell script that starts
 * the manager before Python, about half a CPU-second per start, and the suite
 * starts python3, the AWS CLI and moto_server (all from that folder) many
 * times. Asked once per run, in vitest.config.ts; the same programs run.
 */
export function pathPastShims(path: string | undefined): string | undefined {
  if (path === undefined) return path;
  const python = path
    .split(delimiter)
    .map((dir) => join(dir, "python3"))
    .find(isExecutable);
  if (python === undefined || basename(dirname(python)) !== "shims") return path;
  try {
    const executable = execFileSync(python, ["-c", "import sys; print(sys.executable)"], {
      encoding: "utf8",
    }).trim();
    return executable === "" ? path : `${dirname(executable)}${delimiter}${path}`;
  } catch {
    return path;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
