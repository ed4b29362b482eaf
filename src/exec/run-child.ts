import { spawn } from "node:child_process";
import { constants } from "node:os";
import { CredoError } from "../errors.js";

const forwardedSignals: NodeJS.Signals[] = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGQUIT",
  "SIGUSR1",
  "SIGUSR2",
];

/**
 * Runs COMMAND with the given environment, without a shell (the arguments
 * reach it exactly as typed, and no secret ever sits on a command line),
 * forwards signals to it and resolves with its exit status: the code it
 * exited with, or 128 + the signal number, as a shell reports it.
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env, stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of forwardedSignals) process.on(signal, forward);
    const cleanup = () => {
      for (const signal of forwardedSignals) process.off(signal, forward);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        new CredoError(
          `Could not run ${command}: ${error.code === "ENOENT" ? "command not found" : error.message}`,
          {
            exitCode: "usage",
            hint: "Check the command after `--`.",
          },
        ),
      );
    });
    child.on("exit", (code, signal) => {
      cleanup();
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return (signal && constants.signals[signal]) ?? 1;
}
