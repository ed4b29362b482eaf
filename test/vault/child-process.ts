import { spawn } from "node:child_process";
import { join } from "node:path";
import { bundledScript } from "../support/bundled-script.js";

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs a fixture script (bundled) as a separate credo process would run. */
export function runFixture(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [bundledScript(join(import.meta.dirname, "fixtures", script)), ...args],
      {
        env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", ...env },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}
