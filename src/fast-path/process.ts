import type { Env } from "../io/env.js";
import { hubNameFromArgs } from "../providers/credo-process-command.js";
import { formatCredentials } from "../output/credential-formats.js";
import { cachedProcessCredentials } from "./cached-process-credentials.js";
import { fastPathInputs, writeStdout } from "./fast-path-io.js";

/**
 * The credential_process fast path, called by bin/credo.js before the full
 * CLI loads (this is a composition root, like main.ts): on a cache hit, print
 * the cached credentials and return true without loading the CLI parser, the
 * AWS SDK, the prompt library or the vault. Returns false whenever the full
 * CLI must take over: other arguments, a miss, a refresh due, or any error
 * (which the full path then reports properly).
 */
export async function tryProcessFastPath(argv: readonly string[], env: Env): Promise<boolean> {
  const profileOption = argv.length === 0 ? undefined : hubNameFromArgs(argv);
  if (argv.length > 0 && profileOption === undefined) return false;
  const inputs = fastPathInputs(profileOption, env);
  if (inputs === undefined) return false;
  let document: string;
  try {
    const credentials = await cachedProcessCredentials(inputs);
    if (credentials === undefined) return false;
    // The same text as the full path prints (src/cli/process.ts).
    document = formatCredentials("credential-process", {
      credentials,
      region: undefined,
      profile: "",
    });
  } catch {
    return false;
  }
  await writeStdout(document);
  return true;
}
