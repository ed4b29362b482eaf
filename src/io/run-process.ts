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
  options: { env: Env; timeoutMs: number; input?: string },
) => Promise<ProcessResult>;

/**
 * Spawns without a shell, as botocore's ProcessProvider does
 * (`Popen(compat_shell_split(cmd))`): stdin is inherited so a helper can
 * prompt, stdout carries the JSON, stderr is kept for the error message.
 * The helper gets the environment without credo's secrets (childEnvironment).
 * With `input`, stdin is a pipe carrying it instead: how a secret reaches a
 * child (never on its command line, where other users' `ps` can read it).
 */
export const spawnProcess: ProcessRunner = (argv, options) =>
  new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    if (command === undefined) {
      reject(new Error("empty command"));
      return;
    }
    // The timer is credo's own, not spawn's `timeout` option: that one keeps
    // the event loop alive for its whole length when the command is missing.
    const child = spawn(command, args, {
      env: childEnvironment(options.env),
      stdio: [options.input === undefined ? "inherit" : "pipe", "pipe", "pipe"],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (options.input !== undefined && child.stdin !== null) {
      // A child that exits without reading its input must not crash credo.
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input);
    }
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        timedOut: timedOut && exitCode === null,
      });
    });
  });
