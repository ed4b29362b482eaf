import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The suite-wide record of planted secrets and of every credo run's output,
 * kept in files because vitest runs test files in separate worker processes:
 * each worker appends to its own file, and the global teardown
 * (secret-global-setup.ts) reads them all and fails the run on a leak.
 */
export type SecretKind = "long-term-secret" | "passphrase" | "sso-token" | "session-token";

export interface PlantedSecret {
  kind: SecretKind;
  label: string;
  value: string;
}

export interface Transcript {
  argv: string[];
  stdout: string;
  stderr: string;
}

/**
 * The run's own folder, made by the global setup and handed to the workers in
 * CREDO_TEST_RECORDS: runs on one machine (two checkouts, two terminals) must
 * not clear or read each other's records.
 */
export const recordsEnv = "CREDO_TEST_RECORDS";
const runRoot = () => process.env[recordsEnv] ?? tmpdir();

export const secretsDir = (root = runRoot()) => join(root, "credo-test-secrets");
export const transcriptsDir = (root = runRoot()) => join(root, "credo-test-transcripts");

/** Registers a secret for the end-of-run scan; returns it for inline use. */
export function plantSecret(kind: SecretKind, label: string, value: string, root?: string): string {
  // Short values would match by accident (and "" matches everything).
  if (value.length < 8) throw new Error(`planted secret "${label}" is too short to search for`);
  appendLine(secretsDir(root), { kind, label, value });
  return value;
}

/** Appends one run's argv and output; run-credo.ts calls it for every run. */
export function recordTranscript(transcript: Transcript, root?: string): void {
  appendLine(transcriptsDir(root), transcript);
}

export function readPlantedSecrets(root?: string): PlantedSecret[] {
  return readLines<PlantedSecret>(secretsDir(root));
}

export function readTranscripts(root?: string): Transcript[] {
  return readLines<Transcript>(transcriptsDir(root));
}

export function clearSecretRecords(root?: string): void {
  rmSync(secretsDir(root), { recursive: true, force: true });
  rmSync(transcriptsDir(root), { recursive: true, force: true });
}

function appendLine(dir: string, record: object): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(record)}\n`, { mode: 0o600 });
}

function readLines<T>(dir: string): T[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) =>
    readFileSync(join(dir, name), "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as T),
  );
}
