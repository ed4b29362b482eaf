import { spawn } from "node:child_process";
import { childEnvironment } from "../io/child-environment.js";
import type { Env } from "../io/env.js";

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the machine's `git` without a shell. The child gets credo's child
 * environment (no credo secrets) with prompts off: a sync must fail with a
 * message rather than wait for a password nobody will type. Callers put `--`
 * before every argument a user supplied.
 */
export function runGit(args: readonly string[], env: Env): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", [...args], {
      env: { ...childEnvironment(env), GIT_TERMINAL_PROMPT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}
