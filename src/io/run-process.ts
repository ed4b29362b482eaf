import { spawn } from "node:child_process";
import { childEnvironment } from "./child-environment.js";
import type { Env } from "./env.js";

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs argv (no shell) and collects its output; injected so tests can run the real one or a fake. */
export type ProcessRunner = (
  argv: readonly string[],
  options: { env: Env; timeoutMs: number },
) => Promise<ProcessResult>;

/**
 * Spawns without a shell, as botocore's ProcessProvider does
 * (`Popen(compat_shell_split(cmd))`): stdin is inherited so a helper can
 * prompt, stdout carries the JSON, stderr is kept for the error message.
 * The helper gets the environment without credo's secrets (childEnvironment).
 */
export const spawnProcess: ProcessRunner = (argv, options) =>
  new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    if (command === undefined) {
      reject(new Error("empty command"));
      return;
    }
    const child = spawn(command, args, {
      env: childEnvironment(options.env),
      stdio: ["inherit", "pipe", "pipe"],
      timeout: options.timeoutMs,
      killSignal: "SIGKILL",
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (exitCode, signal) => {
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        timedOut: signal === "SIGKILL" && exitCode === null,
      });
    });
  });
