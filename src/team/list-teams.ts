import type { FileReader } from "../io/file-system.js";
import { listTeamNames, readTeam, type TeamRecord } from "./team-store.js";

export interface TeamSummary extends TeamRecord {
  /** Whole days since the last sync, or undefined when never synced. */
  ageDays?: number;
  /** Never synced, or not for a week: the registry in use may be out of date. */
  stale: boolean;
}

export const staleAfterMs = 7 * 24 * 3600 * 1000;
const dayMs = 24 * 3600 * 1000;

/** Every team with its last sync; read by `credo team list`, `credo list` and `credo doctor`. */
export async function listTeams(input: {
  credoHome: string;
  files: FileReader;
  now: number;
}): Promise<TeamSummary[]> {
  const teams: TeamSummary[] = [];
  for (const name of await listTeamNames(input.credoHome)) {
    const team = await readTeam(input.files, input.credoHome, name);
    if (team === undefined) continue;
    const age = team.lastSync === undefined ? undefined : input.now - team.lastSync.syncedAt;
    teams.push({
      ...team,
      ...(age === undefined ? {} : { ageDays: Math.floor(age / dayMs) }),
      stale: age === undefined || age > staleAfterMs,
    });
  }
  return teams;
}

/** "commit 1a2b3c4d5e6f, synced 3 days ago", for one line of a listing. */
export function describeSync(team: TeamSummary): string {
  if (team.lastSync === undefined) return "never synced";
  const age =
    team.ageDays === 0 ? "today" : team.ageDays === 1 ? "1 day ago" : `${team.ageDays} days ago`;
  return `commit ${team.lastSync.commit.slice(0, 12)}, synced ${age}`;
}

export function staleWarning(team: TeamSummary): string {
  return team.lastSync === undefined
    ? `Team registry ${team.name} has never been synced.`
    : `Team registry ${team.name} was last synced ${team.ageDays} days ago (commit ${team.lastSync.commit.slice(0, 12)}).`;
}
