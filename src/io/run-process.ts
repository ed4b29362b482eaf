import { spawn } from "node:child_process";
import type { Env } from "./env.js";

export interface ProcessResult {
  /** null when the process was ended by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Empty when stderr was inherited. */
  stderr: string;
}

export interface RunProcessOptions {
  env: Env;
  /**
   * "inherit" lets the child talk to the user (a hardware token's "touch your
   * key"); "capture" keeps its stderr for an error message.
   */
  stderr?: "capture" | "inherit";
}

/** Runs argv[0] with argv[1..] directly, never through a shell; stdin is closed. Rejects only when it cannot start. */
export type RunProcess = (
  argv: readonly string[],
  options: RunProcessOptions,
) => Promise<ProcessResult>;

export const runProcess: RunProcess = (argv, options) =>
  new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    if (command === undefined) {
      reject(new Error("runProcess needs a command"));
      return;
    }
    const env = Object.fromEntries(
      Object.entries(options.env).filter(([, value]) => value !== undefined),
    );
    const child = spawn(command, args, {
      env,
      shell: false,
      stdio: ["ignore", "pipe", options.stderr === "inherit" ? "inherit" : "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.once("error", reject);
    child.once("close", (exitCode, signal) => {
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
