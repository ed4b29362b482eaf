import { nodeFileReader } from "../io/file-system.js";
import { listTeams, staleWarning } from "../team/list-teams.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * A team registry not synced for a week: the accounts and roles in use may
 * be out of date (a role renamed, an account closed), which is better learnt
 * now than when a deployment fails.
 */
export async function teamRegistries({ credoHome, now }: DoctorInputs): Promise<Finding[]> {
  const teams = await listTeams({ credoHome, files: nodeFileReader, now });
  return teams
    .filter((team) => team.stale)
    .map((team) => ({
      check: "team-registry",
      severity: "warning" as const,
      what: staleWarning(team),
      fix: `credo team sync ${team.name}`,
    }));
}
