import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect } from "vitest";

/**
 * The secrets a test planted (secret keys, session tokens, passphrases, SSO
 * tokens), so output, logs and files can be searched for every one of them.
 * Each test file gets its own registry (vitest isolates modules per file).
 */
export const plantedSecrets = {
  values: new Map<string, string>(),
  /** Registers a value the test chose; returns it for inline use. */
  add(label: string, value: string): string {
    if (value.length < 8)
      throw new Error(`planted secret "${label}" is too short to search for reliably`);
    this.values.set(label, value);
    return value;
  },
  /** A fresh random secret, registered; `prefix` lets it look like the real thing (e.g. "ASIA"). */
  make(label: string, prefix = ""): string {
    return this.add(label, `${prefix}${randomBytes(18).toString("base64url")}`);
  },
  clear(): void {
    this.values.clear();
  },
};

export type ScanTarget = string | { files: readonly string[] };

/** Fails naming the secret and where it appeared, never printing the secret itself. */
export function assertNoSecrets(
  target: ScanTarget,
  secrets: ReadonlyMap<string, string> = plantedSecrets.values,
): void {
  const texts: Array<[string, string]> =
    typeof target === "string"
      ? [["text", target]]
      : target.files.map((file) => [file, readFileSync(file, "latin1")]);
  const leaks: string[] = [];
  for (const [where, text] of texts) {
    for (const [label, value] of secrets)
      if (text.includes(value)) leaks.push(`${label} in ${where}`);
  }
  expect(leaks, "planted secrets found").toEqual([]);
}
