import { spawn } from "node:child_process";
import { credoBin } from "./run-credo.js";
import type { CredoRun } from "./run-credo.js";
import { recordTranscript } from "./secret-registry.js";

export interface Started {
  done: Promise<CredoRun>;
  /** The stderr received so far. */
  stderr(): string;
}

/** Runs bin/credo.js in a session of its own (setsid): no /dev/tty, as under an IDE. */
export function startCredo(args: readonly string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, [credoBin, ...args], { env, detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const done = new Promise<CredoRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      recordTranscript({ argv: [...args], stdout, stderr });
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
  return { done, stderr: () => stderr };
}
