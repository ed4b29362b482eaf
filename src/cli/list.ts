import type { Command } from "commander";
import { Option } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { useColour, writeJson } from "./output.js";

export interface ListOptions {
  json?: boolean;
  tree?: boolean;
  names?: boolean;
}

export function registerList(program: Command, ctx: AppContext): void {
  program
    .command("list")
    .summary("list every profile credo can use, with the state of its session")
    .description(
      "List the profiles of ~/.aws/config and ~/.aws/credentials: name, kind (hub, role, sso, login,\n" +
        "static, process, other), account, role, region and the state of the cached session (valid for\n" +
        "3h12m, expired, none), looked up under the same cache keys the credential chain uses (an\n" +
        "`aws login` profile: the credentials in ~/.aws/login/cache).\n" +
        "Reads only the files and credo's cache folder: no network, no passphrase.",
    )
    .option("--json", "print JSON: [{name, kind, account, role, region, sourceProfile, session}]")
    .option("--tree", "draw hubs with the roles hanging off them, following source_profile")
    .addOption(
      new Option(
        "--names",
        "print profile names only, one a line (for shell completion)",
      ).hideHelp(),
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo list\n  credo list --tree\n  credo list --json | jq -r '.[] | select(.kind == \"role\") | .name'",
    )
    .action(exitCodeAction((options: ListOptions) => runList(options, ctx)));
}

/** Lists the profiles with their session states. */
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
    import("../listing/list-profiles.js"),
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
    const { formatProfileTree } = await import("../listing/format-tree.js");
    ctx.io.out.write(formatProfileTree(profiles, now));
  } else {
    const { ansiPaint, formatProfileTable, noPaint } = await import("../listing/format-table.js");
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
