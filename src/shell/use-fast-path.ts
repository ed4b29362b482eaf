import { writeSync } from "node:fs";
import { cachedResolution } from "../fast-path/cached-process-credentials.js";
import { fastPathInputs, writeStdout } from "../fast-path/fast-path-io.js";
import type { Env } from "../io/env.js";
import type { ShellName } from "./shell-names.js";
import { isShellName } from "./shell-names.js";
import { useCode } from "./use-code.js";
import { credentialsTarget, usingMessage } from "./use-target.js";

/**
 * `credo use NAME` as the shell function runs it (`--shell S`, and `--quiet`
 * for its refresh before a command), on a cache hit, before the full CLI
 * loads: the same code and message as runUse prints, from the sessions
 * `credo process` serves. Any other form (no name: the picker; --clear;
 * --profile-only; --mfa-code), a miss or an error is the full CLI's.
 */
export async function tryUseFastPath(argv: readonly string[], env: Env): Promise<boolean> {
  const request = plainUse(argv);
  if (request === undefined) return false;
  const inputs = fastPathInputs(request.profile, env);
  if (inputs === undefined) return false;
  let code: string;
  let message: string;
  try {
    const resolution = await cachedResolution(inputs);
    if (resolution === undefined) return false;
    const target = credentialsTarget(resolution);
    code = useCode(request.shell, env, target);
    message = `${usingMessage(target, Date.now())}\n`;
  } catch {
    return false;
  }
  await writeStdout(code);
  if (!request.quiet) {
    try {
      writeSync(2, message);
    } catch {
      // A closed stderr: the code has been handed over, which is what matters.
    }
  }
  return true;
}

/** `NAME --shell S [--quiet | -q]` in any order, or undefined for anything else. */
export function plainUse(
  argv: readonly string[],
): { profile: string; shell: ShellName; quiet: boolean } | undefined {
  let profile: string | undefined;
  let shell: string | undefined;
  let quiet = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === "--shell") {
      if (shell !== undefined) return undefined;
      shell = argv[index + 1];
      index += 1;
    } else if (arg.startsWith("--shell=")) {
      if (shell !== undefined) return undefined;
      shell = arg.slice("--shell=".length);
    } else if (arg === "--quiet" || arg === "-q") {
      quiet = true;
    } else if (arg.startsWith("-") || arg === "" || profile !== undefined) {
      return undefined;
    } else {
      profile = arg;
    }
  }
  if (profile === undefined || shell === undefined || !isShellName(shell)) return undefined;
  return { profile, shell, quiet };
}
