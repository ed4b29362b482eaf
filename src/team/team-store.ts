import { readdirSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { FileReader } from "../io/file-system.js";

/** What `credo team add` records; the sync reads it. */
export interface TeamSettings {
  name: string;
  /** A git URL or local path (absolute), or an https URL of the file itself. */
  source: string;
  kind: "git" | "https-file";
  /** The branch, tag or commit to sync (git sources); HEAD of the remote by default. */
  ref?: string;
  /** The registry file inside the repository. */
  path: string;
  /** Put before every section name the registry defines ("" for none). */
  prefix: string;
  requireSigned: boolean;
  /** Absolute path of the allowed-signers file (git's gpg.ssh.allowedSignersFile format). */
  allowedSigners?: string;
}

/** The last sync that was applied: the copy in use until the next good one. */
export interface TeamSyncRecord {
  /** The git commit, or `sha256:<hex>` of a file fetched over https. */
  commit: string;
  author?: string;
  /** Epoch milliseconds. */
  syncedAt: number;
  sections: number;
}

export interface TeamRecord extends TeamSettings {
  lastSync?: TeamSyncRecord;
}

export const teamNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** CREDO_HOME/teams/<name>/: the record (team.json) and the git clone (repo.git), 0700. */
export function teamDirectory(credoHome: string, name: string): string {
  return path.join(credoHome, "teams", name);
}

export function teamRecordFile(credoHome: string, name: string): string {
  return path.join(teamDirectory(credoHome, name), "team.json");
}

export function assertTeamName(name: string): void {
  if (!teamNamePattern.test(name)) {
    throw new ConfigError(
      `"${name}" is not a valid team name.`,
      "Use letters, digits, '_', '-' and '.', starting with a letter or digit.",
    );
  }
}

export async function readTeam(
  files: FileReader,
  credoHome: string,
  name: string,
): Promise<TeamRecord | undefined> {
  assertTeamName(name);
  const file = teamRecordFile(credoHome, name);
  const text = await files.readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as TeamRecord;
  } catch {
    throw new ConfigError(
      `Cannot read ${file}: it is not JSON.`,
      `Run \`credo team remove ${name}\` and add the team again.`,
    );
  }
}

export async function requireTeam(
  files: FileReader,
  credoHome: string,
  name: string,
): Promise<TeamRecord> {
  const team = await readTeam(files, credoHome, name);
  if (team === undefined) {
    throw new ConfigError(`There is no team "${name}".`, "Run `credo team list` to see the teams.");
  }
  return team;
}

export async function writeTeam(credoHome: string, team: TeamRecord): Promise<void> {
  await mkdir(teamDirectory(credoHome, team.name), { recursive: true, mode: 0o700 });
  await writeFileAtomic(teamRecordFile(credoHome, team.name), `${JSON.stringify(team, null, 2)}\n`);
}

export async function listTeamNames(credoHome: string): Promise<string[]> {
  try {
    // Synchronous: `credo list` asks on every run, mostly of a folder that is
    // not there, and the first asynchronous call loads fs/promises.
    const entries = readdirSync(path.join(credoHome, "teams"), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && teamNamePattern.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

export async function removeTeamDirectory(credoHome: string, name: string): Promise<void> {
  assertTeamName(name);
  await rm(teamDirectory(credoHome, name), { recursive: true, force: true });
}
