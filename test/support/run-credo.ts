import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { recordTranscript } from "./secret-registry.js";

export const projectRoot = resolve(import.meta.dirname, "../..");
export const credoBin = join(projectRoot, "bin/credo.js");

export interface CredoRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * Runs the built CLI (dist/) as a user would, with an environment made only of
 * what the test gives plus PATH: nothing leaks in from the developer's machine.
 */
export async function runCredo(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CredoRun> {
  const run = await runCommand(process.execPath, [credoBin, ...args], options);
  // Every run's output goes to the suite-wide secret scan (secret-global-setup.ts).
  recordTranscript({ argv: [...args], stdout: run.stdout, stderr: run.stderr });
  return run;
}

export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<CredoRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], {
      env: runEnvironment(options.env),
      cwd: options.cwd ?? projectRoot,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    // A child that exits without reading its input must not fail the test.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** The environment of a run: what the test gives (undefined values left out) plus PATH, nothing of the machine's. */
export function runEnvironment(
  given: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** A temporary HOME with nothing in it; removed by the returned cleanup. */
export async function makeTempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), "credo-home-"));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

/** The environment of a user whose HOME is `home` and whose credo state lives under it. */
export function homeEnv(home: string, extra: Record<string, string | undefined> = {}) {
  return { HOME: home, CREDO_HOME: join(home, ".credo"), ...extra };
}
