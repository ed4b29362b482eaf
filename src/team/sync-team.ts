import type { Clock } from "../io/clock.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import {
  resolveCredoHome,
  resolveProfileFileLocations,
  type FilePlatform,
} from "../profile-files/locations.js";
import { withFileLock } from "../io/file-lock.js";
import { editConfigFile } from "../profile-files/edit-config-file.js";
import { fetchRegistry } from "./fetch-registry.js";
import { applyTeamSync, type TeamSyncPlan } from "./plan-team-sync.js";
import { parseRegistry } from "./registry-file.js";
import {
  requireTeam,
  teamDirectory,
  teamRecordFile,
  writeTeam,
  type TeamSyncRecord,
} from "./team-store.js";

export interface TeamSyncOptions {
  name: string;
  dryRun: boolean;
  force: boolean;
}

export interface TeamDeps {
  env: Env;
  files: FileReader;
  homedir: string;
  platform: FilePlatform;
  clock: Clock;
}

export interface TeamSyncResult extends TeamSyncPlan {
  team: string;
  configFile: string;
  commit: string;
  author?: string;
  /** The change as a unified diff ("" when there is none); what --dry-run prints, computed only then. */
  diff(): Promise<string>;
  written: boolean;
}

/**
 * `credo team sync NAME`: one team at a time under the lock of its record (two
 * syncs of one team never fetch into the clone at once), fetch and verify and
 * parse first, then one edit of ~/.aws/config under its own lock. Any failure
 * before the edit leaves the config and the recorded commit as they were.
 */
export async function syncTeam(options: TeamSyncOptions, deps: TeamDeps): Promise<TeamSyncResult> {
  const credoHome = resolveCredoHome(deps);
  const { configFile } = resolveProfileFileLocations(deps);
  // Checked before the lock, which would create the team's folder.
  await requireTeam(deps.files, credoHome, options.name);
  return withFileLock(teamRecordFile(credoHome, options.name), async () => {
    const team = await requireTeam(deps.files, credoHome, options.name);
    const fetched = await fetchRegistry(team, teamDirectory(credoHome, team.name), deps);
    const sections = parseRegistry(
      fetched.text,
      `registry of team ${team.name} (${fetched.source})`,
    );
    const input = { team: team.name, prefix: team.prefix, sections, force: options.force };
    const base = {
      team: team.name,
      configFile,
      commit: fetched.commit,
      ...(fetched.author === undefined ? {} : { author: fetched.author }),
    };
    const { plan, diff, written } = await editConfigFile(
      configFile,
      options.dryRun,
      (document) => applyTeamSync(document, input),
      deps.files,
    );
    if (options.dryRun) return { ...base, ...plan, diff, written };
    const lastSync: TeamSyncRecord = {
      commit: fetched.commit,
      ...(fetched.author === undefined ? {} : { author: fetched.author }),
      syncedAt: deps.clock.now(),
      sections: sections.length - plan.conflicts.length,
    };
    await writeTeam(credoHome, { ...team, lastSync });
    return { ...base, ...plan, diff, written };
  });
}
