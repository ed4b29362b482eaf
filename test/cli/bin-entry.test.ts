import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it("bin/credo.js reports a failure before main() on one line with exit 1, not as an unhandled rejection", async () => {
  // The entry point without the build beside it: the import of dist/main.js fails.
  dir = await mkdtemp(join(tmpdir(), "credo-bin-"));
  await mkdir(join(dir, "bin"));
  for (const file of ["credo.js", "package.json"])
    await copyFile(join("bin", file), join(dir, "bin", file));
  const failure = await promisify(execFile)(process.execPath, [
    join(dir, "bin", "credo.js"),
    // A command with no fast path: the full CLI is what fails to load.
    "whoami",
  ]).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toMatch(/^credo: Cannot find module .*dist\/main\.js.*\n$/);
  expect(failure?.stderr.split("\n")).toHaveLength(2);
});
