import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { Env } from "../env.js";
import { envValue } from "../env.js";

/** Whether a program is on PATH (and executable), as `command -v` would answer; POSIX only. */
export type FindExecutable = (name: string) => string | undefined;

/** Looks up a program in the environment's PATH, without starting it. */
export function pathExecutableFinder(env: Env): FindExecutable {
  return (name) => {
    for (const folder of (envValue(env, "PATH") ?? "").split(delimiter)) {
      if (folder === "") continue;
      const candidate = join(folder, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here: try the next folder.
      }
    }
    return undefined;
  };
}
