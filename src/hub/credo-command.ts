import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The absolute, symlink-free path of bin/credo.js. Both src/hub/ (tests) and
 * dist/hub/ (the built CLI) sit two levels below the package root.
 */
export function credoExecutablePath(): string {
  return realpathSync(fileURLToPath(new URL("../../bin/credo.js", import.meta.url)));
}

/**
 * The `credential_process` value of a hub: the absolute path of the
 * executable bin (it has a shebang, so no `node` in front), so the profile
 * works from every shell and from IDEs whose PATH lacks credo. botocore splits
 * the value shell-style (compat_shell_split), so a path with spaces is quoted.
 */
export function credoProcessCommand(hub: string, executable = credoExecutablePath()): string {
  const quoted = /[\s"'\\]/.test(executable)
    ? `"${executable.replace(/(["\\])/g, "\\$1")}"`
    : executable;
  return `${quoted} process ${hub}`;
}
