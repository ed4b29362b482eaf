import { spawn } from "node:child_process";
import { childEnvironment } from "./child-environment.js";
import type { Env } from "./env.js";

/**
 * Shows a message window (a dialog program's argv) without waiting for it,
 * and returns what closes it: the window stays up while credo waits for
 * something the user does elsewhere, and goes away when that is done. A
 * program that cannot start is ignored: the same text is on stderr too.
 */
export function openMessageWindow(argv: readonly string[], env: Env): () => void {
  const [command, ...args] = argv;
  if (command === undefined) return () => undefined;
  const child = spawn(command, args, { stdio: "ignore", env: childEnvironment(env) });
  child.once("error", () => undefined);
  // The window must not keep credo running once its work is done.
  child.unref();
  return () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
}
