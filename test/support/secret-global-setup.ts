import { findLeaks } from "./secret-leaks.js";
import { clearSecretRecords, readPlantedSecrets, readTranscripts } from "./secret-registry.js";

/**
 * vitest globalSetup: starts every run with no planted secrets and no
 * transcripts, and at teardown fails the run if any planted secret appears
 * where it must not (see secret-leaks.ts). The values are never printed.
 */
export function setup(): void {
  clearSecretRecords();
}

export function teardown(): void {
  const leaks = findLeaks(readTranscripts(), readPlantedSecrets());
  if (leaks.length > 0) {
    const lines = leaks
      .slice(0, 20)
      .map((leak) => `  ${leak.kind} "${leak.secret}" in ${leak.where}`);
    throw new Error(`Planted secrets leaked (${leaks.length}):\n${lines.join("\n")}`);
  }
}
