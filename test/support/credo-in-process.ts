import { homedir } from "node:os";
import type { AppContext } from "../../src/context.js";
import { systemClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { bufferStreams } from "../../src/io/streams.js";
import { main } from "../../src/main.js";
import type { SamlBrowser } from "../../src/saml/capture-saml-response.js";
import type { ScryptWorkFactors } from "../../src/vault/vault-cipher.js";
import type { CredoRun, RunOptions } from "./run-credo.js";
import { projectRoot, runEnvironment } from "./run-credo.js";
import { recordTranscript } from "./secret-registry.js";

/**
 * Runs credo's main() in this process, as runCredo runs the built CLI in a
 * new one: the same arguments, an environment made only of what the test
 * gives plus PATH, stdin from `input`, no terminal to ask on, and the output
 * and exit code captured. A test whose subject is a command's behaviour
 * (not the process: its start-up, signals, pipes, bin/credo.js's fast path,
 * or processes racing each other) runs it here, which costs the command's
 * work alone instead of starting Node.js and loading the CLI (and often the
 * AWS SDK) again.
 */
export async function credoInProcess(
  args: readonly string[],
  options: Omit<RunOptions, "timeoutMs"> & {
    /** The scrypt cost of the vaults it creates and unlocks (hubHomeScryptCost); credo's own when unset. */
    vaultScryptCost?: ScryptWorkFactors;
    /** The browser of SAML sign-ins; credo's own (Chromium) when unset. */
    samlBrowser?: SamlBrowser;
  } = {},
): Promise<CredoRun> {
  const env = runEnvironment(options.env);
  const io = { ...bufferStreams(), readStdin: () => Promise.resolve(options.input ?? "") };
  const ctx: AppContext = {
    env,
    clock: systemClock,
    files: nodeFileReader,
    io,
    logger: silentLogger,
    // A child process of the test has no controlling terminal under CI either.
    openPrompter: () => undefined,
    homedir: env.HOME || homedir(),
    platform: process.platform,
    cwd: options.cwd ?? projectRoot,
    argv: [...args],
    ...(options.vaultScryptCost === undefined ? {} : { vaultScryptCost: options.vaultScryptCost }),
    ...(options.samlBrowser === undefined ? {} : { samlBrowser: options.samlBrowser }),
  };
  const code = await main([...args], ctx);
  const run = { code, stdout: io.stdout(), stderr: io.stderr() };
  // Every run's output goes to the suite-wide secret scan (secret-global-setup.ts).
  recordTranscript({ argv: [...args], stdout: run.stdout, stderr: run.stderr });
  return run;
}
