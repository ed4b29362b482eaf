import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { useColour, writeJson } from "../output/command-output.js";

export interface ListOptions {
  json?: boolean;
  tree?: boolean;
  names?: boolean;
}

/** `credo list`: the profiles with their session states, and the team registries they came from. */
export async function runList(options: ListOptions, ctx: AppContext): Promise<number> {
  const { loadContextProfiles, contextCredoHome } = await import("../runtime/context-files.js");
  const files = await loadContextProfiles(ctx);
  if (options.names) {
    // For shell completion: names only, no cache reads.
    const names = Object.keys(files.profileSet.profiles).sort();
    ctx.io.out.write(names.map((name) => `${name}\n`).join(""));
    return ExitCode.ok;
  }
  const [{ listProfiles }, { join }] = await Promise.all([
    import("./list-profiles.js"),
    import("node:path"),
  ]);
  const now = ctx.clock.now();
  const cacheDir = join(contextCredoHome(ctx), "cache");
  const profiles = await listProfiles({
    profileSet: files.profileSet,
    env: ctx.env,
    cacheDir,
    now,
    homedir: ctx.homedir,
  });
  if (options.json) {
    writeJson(
      ctx,
      profiles.map((profile) => ({
        name: profile.name,
        kind: profile.kind,
        account: profile.account ?? null,
        role: profile.role ?? null,
        region: profile.region ?? null,
        sourceProfile: profile.sourceProfile ?? null,
        session: {
          state: profile.session.state,
          expiresAt:
            profile.session.state === "none" ? null : profile.session.expiresAt.toISOString(),
        },
      })),
    );
    return ExitCode.ok;
  }
  if (profiles.length === 0) {
    ctx.io.err.write(
      `No profiles in ${files.locations.configFile} or ${files.locations.credentialsFile}.\nAdd a hub with \`credo hub add\`, or run \`credo config\`.\n`,
    );
    return ExitCode.ok;
  }
  if (options.tree) {
    const { formatProfileTree } = await import("./format-tree.js");
    ctx.io.out.write(formatProfileTree(profiles, now));
  } else {
    const { ansiPaint, formatProfileTable, noPaint } = await import("./format-table.js");
    ctx.io.out.write(formatProfileTable(profiles, now, useColour(ctx) ? ansiPaint : noPaint));
  }
  // The team registries the profiles came from, with the commit in use and its age.
  const { describeSync, listTeams, staleWarning } = await import("../team/list-teams.js");
  const credoHome = contextCredoHome(ctx);
  const teams = await listTeams({ credoHome, files: ctx.files, now });
  if (teams.length > 0) ctx.io.out.write("\nTeam registries:\n");
  for (const team of teams) {
    ctx.io.out.write(`  ${team.name}  ${describeSync(team)}\n`);
    if (team.stale)
      ctx.io.err.write(`Warning: ${staleWarning(team)} Run \`credo team sync ${team.name}\`.\n`);
  }
  return ExitCode.ok;
}
