import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const fixture = join(import.meta.dirname, "fixtures", "interrupt-then-lock.ts");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "credo-interrupt-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the fixture, sends the signals once it is ready, and reports how it ended. */
function interruptFixture(
  signals: NodeJS.Signals[],
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture, dir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout === "ready\n") for (const signal of signals) child.kill(signal);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout }));
  });
}

describe("interruptSignal", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "lets the command stop cleanly on %s when the file lock loaded after it",
    async (signal) => {
      const ended = await interruptFixture([signal]);
      expect(ended).toEqual({ code: 0, signal: null, stdout: "ready\nstopped\n" });
    },
  );
});
