import path from "node:path";
import { ConfigError, UsageError } from "../errors.js";
import { resolveCredoHome, resolveProfileFileLocations } from "../profile-files/locations.js";
import { withFileLock } from "../io/file-lock.js";
import { updateProfileFile } from "../profile-files/update.js";
import { sectionLabel, teamSections } from "./plan-team-sync.js";
import { listTeams, type TeamSummary } from "./list-teams.js";
import { syncTeam, type TeamDeps, type TeamSyncResult } from "./sync-team.js";
import {
  assertTeamName,
  readTeam,
  removeTeamDirectory,
  requireTeam,
  teamRecordFile,
  writeTeam,
  type TeamSettings,
} from "./team-store.js";

export interface AddTeamInput {
  name: string;
  source: string;
  ref?: string | undefined;
  path?: string | undefined;
  prefix?: string | undefined;
  requireSigned: boolean;
  allowedSigners?: string | undefined;
  force: boolean;
  /** Where a relative local path is resolved from. */
  cwd: string;
}

export const defaultRegistryPath = "config";

/**
 * `credo team add`: records the team, then syncs it once. A first sync that
 * fails removes the record again, so the command either adds a working team or
 * leaves everything as it was.
 */
export async function addTeam(input: AddTeamInput, deps: TeamDeps): Promise<TeamSyncResult> {
  const settings = teamSettings(input);
  const credoHome = resolveCredoHome(deps);
  if ((await readTeam(deps.files, credoHome, input.name)) !== undefined) {
    throw new ConfigError(
      `The team "${input.name}" exists already.`,
      `Run \`credo team sync ${input.name}\`, or remove it first.`,
    );
  }
  await writeTeam(credoHome, settings);
  try {
    return await syncTeam({ name: input.name, dryRun: false, force: input.force }, deps);
  } catch (error) {
    await removeTeamDirectory(credoHome, input.name);
    throw error;
  }
}

export function teamSettings(input: AddTeamInput): TeamSettings {
  assertTeamName(input.name);
  const prefix = input.prefix ?? "";
  if (prefix !== "" && !/^[A-Za-z0-9_\-/.%@:+]+$/.test(prefix)) {
    throw new UsageError(
      `--prefix "${prefix}" would make invalid profile names.`,
      "Use letters, digits and _ - / . % @ : +.",
    );
  }
  const registryPath = input.path ?? defaultRegistryPath;
  if (
    registryPath.startsWith("/") ||
    registryPath.split("/").includes("..") ||
    registryPath === ""
  ) {
    throw new UsageError(`--path "${registryPath}" is not a path inside the repository.`);
  }
  if (input.ref !== undefined && !/^(?!-)(?!.*\.\.)[\w./-]+$/.test(input.ref)) {
    throw new UsageError(`--ref "${input.ref}" is not a branch, tag or commit.`);
  }
  const source = input.source;
  if (source.startsWith("http://")) {
    throw new UsageError(`${source} is not encrypted.`, "Use an https, ssh or local source.");
  }
  const httpsFile = source.startsWith("https://") && !/\.git\/?$/.test(new URL(source).pathname);
  if (httpsFile && (input.ref !== undefined || input.path !== undefined)) {
    throw new UsageError(
      "--ref and --path apply to a git repository; this source is the file itself.",
      "A git URL over https ends in .git.",
    );
  }
  if (httpsFile && input.requireSigned) {
    throw new UsageError(
      "--require-signed needs a git source: a file over https carries no signature.",
    );
  }
  if (input.requireSigned && input.allowedSigners === undefined) {
    throw new UsageError(
      "--require-signed needs --allowed-signers FILE (git's allowed signers format).",
    );
  }
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[^/]+@[^/:]+:/.test(source);
  return {
    name: input.name,
    source: httpsFile || isUrl ? source : path.resolve(input.cwd, source),
    kind: httpsFile ? "https-file" : "git",
    ...(input.ref === undefined ? {} : { ref: input.ref }),
    path: registryPath,
    prefix,
    requireSigned: input.requireSigned,
    ...(input.allowedSigners === undefined
      ? {}
      : { allowedSigners: path.resolve(input.cwd, input.allowedSigners) }),
  };
}

/** `credo team remove NAME`: the team's managed sections leave the config, then its folder goes. */
export async function removeTeam(name: string, deps: TeamDeps): Promise<{ removed: string[] }> {
  const credoHome = resolveCredoHome(deps);
  await requireTeam(deps.files, credoHome, name);
  const { configFile } = resolveProfileFileLocations(deps);
  const removed: string[] = [];
  await withFileLock(teamRecordFile(credoHome, name), async () => {
    await updateProfileFile(
      configFile,
      "config",
      (document) => {
        for (const section of teamSections(document, name)) {
          document.removeSection(section.ref);
          removed.push(sectionLabel(section.ref));
        }
      },
      { files: deps.files },
    );
  });
  await removeTeamDirectory(credoHome, name);
  return { removed };
}

export async function listTeamsOf(deps: TeamDeps): Promise<TeamSummary[]> {
  return listTeams({ credoHome: resolveCredoHome(deps), files: deps.files, now: deps.clock.now() });
}
