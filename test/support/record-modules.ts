import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CredoRun } from "./run-credo.js";
import { credoBin, runCommand, runCredo } from "./run-credo.js";
import { recordTranscript } from "./secret-registry.js";

const recordModules = fileURLToPath(
  new URL("../fast-path/fixtures/record-modules.cjs", import.meta.url),
);
const recordBuiltins = fileURLToPath(
  new URL("../startup/fixtures/record-builtins.cjs", import.meta.url),
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

/**
 * Runs the built CLI recording the Node.js built-in modules it loaded (into
 * `dir`), written as node exits: undefined when it never did (`credo exec`
 * became its command). node --require rather than NODE_OPTIONS, which a
 * child would inherit.
 */
export async function runCredoRecordingBuiltins(
  args: readonly string[],
  env: Record<string, string>,
  dir: string,
): Promise<{ run: CredoRun; builtins: string[] | undefined }> {
  const loaded = join(dir, "loaded-builtins.txt");
  await rm(loaded, { force: true });
  const run = await runCommand(process.execPath, ["--require", recordBuiltins, credoBin, ...args], {
    env: { ...env, RECORD_BUILTINS_TO: loaded },
  });
  recordTranscript({ argv: [...args], stdout: run.stdout, stderr: run.stderr });
  const text = await readFile(loaded, "utf8").catch(() => undefined);
  return { run, builtins: text?.split("\n").filter(Boolean) };
}
