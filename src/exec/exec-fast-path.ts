import { cachedResolution } from "../fast-path/cached-process-credentials.js";
import { fastPathInputs } from "../fast-path/fast-path-io.js";
import type { Env } from "../io/env.js";
import { staticCredentialsEnvironment } from "./child-environment.js";
import { replaceProcess } from "./replace-process.js";

/**
 * `credo exec [NAME] [-p NAME] -- COMMAND ARGS...` on a cache hit, before the
 * full CLI loads: the child gets the environment runExec gives it
 * (staticCredentialsEnvironment, from the sessions `credo process` serves)
 * and credo becomes the command where Node.js can (replaceProcess), or else
 * runs it as runChild runs it (superviseChild). Resolves with the child's
 * exit status, or undefined when the full CLI must take over: another option
 * (--server, --mfa-code, --debug...), a miss, a refresh due, any error, and a
 * command that could not start, which the full CLI then reports as it does.
 */
export async function tryExecFastPath(
  argv: readonly string[],
  env: Env,
  beforeReplace?: () => void,
): Promise<number | undefined> {
  const request = plainExec(argv);
  if (request === undefined) return undefined;
  const inputs = fastPathInputs(request.profile, env);
  if (inputs === undefined) return undefined;
  let childEnv: Record<string, string>;
  try {
    const resolution = await cachedResolution(inputs);
    if (resolution === undefined) return undefined;
    childEnv = staticCredentialsEnvironment(env, resolution, resolution.profile);
  } catch {
    return undefined;
  }
  // Where Node.js can, credo becomes the command and this does not return.
  replaceProcess(request.command, request.args, childEnv, beforeReplace);
  // node:child_process loads its stream and socket modules with it: only here, never for the other fast paths.
  const { superviseChild } = await import("./run-child.js");
  try {
    const outcome = await superviseChild(request.command, request.args, childEnv);
    return outcome.ran ? outcome.status : undefined;
  } catch {
    // spawn() threw: the child never ran.
    return undefined;
  }
}

/** `[NAME] [-p NAME | --profile NAME | --profile=NAME] -- COMMAND ARGS...`, or undefined for anything else. */
export function plainExec(
  argv: readonly string[],
): { profile: string | undefined; command: string; args: readonly string[] } | undefined {
  const separator = argv.indexOf("--");
  const command = argv[separator + 1];
  if (separator < 0 || command === undefined) return undefined;
  let positional: string | undefined;
  let option: string | undefined;
  for (let index = 0; index < separator; index += 1) {
    const arg = argv[index] as string;
    let value: string | undefined;
    if (arg === "-p" || arg === "--profile") {
      index += 1;
      value = index < separator ? argv[index] : undefined;
    } else if (arg.startsWith("--profile=")) {
      value = arg.slice("--profile=".length);
    } else if (arg.startsWith("-") || arg === "" || positional !== undefined) {
      return undefined;
    } else {
      positional = arg;
      continue;
    }
    if (option !== undefined || value === undefined || value === "" || value.startsWith("-"))
      return undefined;
    option = value;
  }
  // Two different names are the full CLI's usage error to report.
  if (positional !== undefined && option !== undefined && positional !== option) return undefined;
  return { profile: positional ?? option, command, args: argv.slice(separator + 2) };
}
