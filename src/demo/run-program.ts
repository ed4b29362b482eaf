import { spawn } from "node:child_process";
import { childEnvironment } from "../io/child-environment.js";
import type { CommandResult, RunProgram } from "./demo-step.js";

export interface ProgramRunnerOptions {
  nodePath: string;
  credoBin: string;
  /** The package root: `node -e` scripts resolve the AWS SDK from here. */
  cwd: string;
  /** The demo's environment (HOME, CREDO_HOME, the emulator's endpoints), built from scratch. */
  env: Readonly<Record<string, string>>;
  /** The demo vault's passphrase: given to credo only, never to the other programs. */
  passphrase: string;
}

/**
 * Spawns credo's real executable (or node), never a shell, with exactly the
 * given environment; credo gets the vault's passphrase explicitly, because the
 * demo runs unattended.
 */
export function programRunner(options: ProgramRunnerOptions): RunProgram {
  return (program, args, { input = "", env = {}, onOutput } = {}) =>
    new Promise<CommandResult>((resolve, reject) => {
      const argv = program === "credo" ? [options.credoBin, ...args] : [...args];
      const child = spawn(options.nodePath, argv, {
        cwd: options.cwd,
        env: {
          ...childEnvironment({ ...options.env, ...env }),
          ...(program === "credo" ? { CREDO_PASSPHRASE: options.passphrase } : {}),
        },
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
