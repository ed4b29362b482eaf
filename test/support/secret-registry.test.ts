import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { bundledScript } from "./bundled-script.js";
import { readTranscripts, recordTranscript } from "./secret-registry.js";

const anotherRun = bundledScript(
  fileURLToPath(new URL("./fixtures/another-run-starts.ts", import.meta.url)),
);

it("the run's records folder reaches the test workers, so the end-of-run scan reads what they record", () => {
  expect(process.env["CREDO_TEST_RECORDS"]).toMatch(/credo-test-records-/);
});

it("another run starting on the same machine leaves this run's records alone", () => {
  const transcript = { argv: ["registry-test", String(process.pid)], stdout: "", stderr: "" };
  recordTranscript(transcript);
  const env: Record<string, string> = { PATH: process.env["PATH"] ?? "/usr/bin:/bin" };
  const other = spawnSync(process.execPath, [anotherRun], { env, encoding: "utf8" });
  expect(other.status, other.stderr).toBe(0);
  expect(readTranscripts()).toContainEqual(transcript);
});
