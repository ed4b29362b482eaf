import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CredoRun } from "./run-credo.js";
import { runCredo } from "./run-credo.js";

const recordModules = fileURLToPath(
  new URL("../fast-path/fixtures/record-modules.cjs", import.meta.url),
);

/**
 * Runs the built CLI as the user's shell would, recording every file it
 * loads (into `dir`): for the tests that tell the fast path from the full CLI.
 */
export async function runCredoRecordingModules(
  args: readonly string[],
  env: Record<string, string>,
  dir: string,
): Promise<{ run: CredoRun; modules: string }> {
  const loaded = join(dir, "loaded-modules.txt");
  await rm(loaded, { force: true });
  const run = await runCredo(args, {
    env: { ...env, NODE_OPTIONS: `--require ${recordModules}`, RECORD_MODULES_TO: loaded },
  });
  return { run, modules: await readFile(loaded, "utf8") };
}
