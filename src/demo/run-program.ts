import { spawn } from "node:child_process";
import type { CommandResult, RunProgram } from "./demo-step.js";

export interface ProgramRunnerOptions {
  nodePath: string;
  credoBin: string;
  /** The package root: `node -e` scripts resolve the AWS SDK from here. */
  cwd: string;
  env: Readonly<Record<string, string>>;
}

/** Spawns credo's real executable (or node), never a shell, with exactly the given environment. */
export function programRunner(options: ProgramRunnerOptions): RunProgram {
  return (program, args, { input = "", env = {}, onOutput } = {}) =>
    new Promise<CommandResult>((resolve, reject) => {
      const argv = program === "credo" ? [options.credoBin, ...args] : [...args];
      const child = spawn(options.nodePath, argv, {
        cwd: options.cwd,
        env: { ...options.env, ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        onOutput?.(chunk.toString());
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        onOutput?.(chunk.toString());
      });
      child.on("error", reject);
      child.on("close", (code, signal) =>
        resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
      );
      child.stdin.on("error", () => undefined);
      child.stdin.end(input);
    });
}
