import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findLeaks } from "./secret-leaks.js";
import { readPlantedSecrets, readTranscripts, recordsEnv } from "./secret-registry.js";

/**
 * vitest globalSetup: starts every run with a folder of its own for planted
 * secrets and transcripts (the workers, started after, inherit its path),
 * and at teardown fails the run if any planted secret appears where it must
 * not (see secret-leaks.ts), then removes the folder. The values are never printed.
 */
export function setup(): void {
  process.env[recordsEnv] = mkdtempSync(join(tmpdir(), "credo-test-records-"));
}

export function teardown(): void {
  const root = process.env[recordsEnv];
  try {
    scan();
  } finally {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  }
}

function scan(): void {
  const leaks = findLeaks(readTranscripts(), readPlantedSecrets());
  if (leaks.length > 0) {
    const lines = leaks
      .slice(0, 20)
      .map((leak) => `  ${leak.kind} "${leak.secret}" in ${leak.where}`);
    throw new Error(`Planted secrets leaked (${leaks.length}):\n${lines.join("\n")}`);
  }
}
