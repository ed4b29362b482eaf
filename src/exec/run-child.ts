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

/** How a child ended: its exit status, or the error that kept it from starting. */
export type ChildOutcome =
  { ran: true; status: number } | { ran: false; error: NodeJS.ErrnoException };

/**
 * Runs COMMAND with the given environment, without a shell (the arguments
 * reach it exactly as typed, and no secret ever sits on a command line),
 * forwards signals to it and resolves with its exit status: the code it
 * exited with, or 128 + the signal number, as a shell reports it.
 */
export async function runChild(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<number> {
  const outcome = await superviseChild(command, args, env);
  if (outcome.ran) return outcome.status;
  const { error } = outcome;
  throw new CredoError(
    `Could not run ${command}: ${error.code === "ENOENT" ? "command not found" : error.message}`,
    { exitCode: "usage", hint: "Check the command after `--`." },
  );
}

/**
 * runChild's child handling, shared with `credo exec`'s fast path
 * (exec-fast-path.ts), which leaves a command that could not start to the
 * full CLI so that it reports it: stdio inherited, signals forwarded while
 * the child runs, the status as a shell reports it. A child that started is
 * waited for to its end (an error after the start, such as a failed kill,
 * changes nothing of that).
 */
export function superviseChild(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { env, stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of forwardedSignals) process.on(signal, forward);
    const cleanup = () => {
      for (const signal of forwardedSignals) process.off(signal, forward);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      // Node.js gives a child that never started no process id.
      if (child.pid !== undefined) return;
      cleanup();
      resolve({ ran: false, error });
    });
    child.on("exit", (code, signal) => {
      cleanup();
      resolve({ ran: true, status: code ?? 128 + signalNumber(signal) });
    });
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return (signal && constants.signals[signal]) ?? 1;
}
