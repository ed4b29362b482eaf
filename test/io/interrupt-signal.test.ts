import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The built modules, as the CLI loads them: the signal handling under test is
// process-wide, so each case runs in a Node.js process of its own.
const dist = (module: string) => pathToFileURL(join(process.cwd(), "dist", module)).href;

function script(order: "listener-first" | "lock-first", lockFile: string): string {
  const takeLock = `await withFileLock(${JSON.stringify(lockFile)}, async () => undefined);`;
  return `
    const { interruptSignal } = await import(${JSON.stringify(dist("io/interrupt-signal.js"))});
    const { withFileLock } = await import(${JSON.stringify(dist("io/file-lock.js"))});
    ${order === "lock-first" ? takeLock : ""}
    const interrupt = interruptSignal();
    ${order === "listener-first" ? takeLock : ""}
    const stopped = new Promise((resolve) => interrupt.signal.addEventListener("abort", resolve));
    // A long-running command has something keeping it alive (a server, a timer).
    const alive = setInterval(() => undefined, 1000);
    process.kill(process.pid, "SIGTERM");
    await stopped;
    clearInterval(alive);
    // Work a long-running command does after the signal before it ends cleanly.
    await new Promise((resolve) => setImmediate(resolve));
    interrupt.dispose();
    process.stdout.write("stopped cleanly");
  `;
}

function run(source: string): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--input-type=module", "-e", source],
      (error, stdout) => {
        resolve({ code: child.exitCode, signal: child.signalCode, out: stdout });
      },
    );
  });
}

describe("interruptSignal", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "credo-signal-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // proper-lockfile brings signal-exit, which re-raises a signal it finds no other listener for.
  it.each(["listener-first", "lock-first"] as const)(
    "lets a command stop cleanly on SIGTERM whichever loads first (%s)",
    async (order) => {
      const result = await run(script(order, join(dir, "file")));
      expect(result).toEqual({ code: 0, signal: null, out: "stopped cleanly" });
    },
  );
});
