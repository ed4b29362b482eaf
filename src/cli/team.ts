import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import type { TeamDeps, TeamSyncResult } from "../team/sync-team.js";
import { UsageError, ExitCode } from "../errors.js";
import { writeJson } from "../output/command-output.js";

export interface AddOptions {
  ref?: string;
  path?: string;
  prefix?: string;
  requireSigned?: boolean;
  allowedSigners?: string;
  force?: boolean;
  json?: boolean;
}

export interface SyncOptions {
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
}

export interface TeamAddOptions extends AddOptions {
  name: string;
  source: string;
}

export interface TeamSyncOptions extends SyncOptions {
  /** One team; every team when undefined. */
  name?: string | undefined;
}

export interface TeamListOptions {
  json?: boolean | undefined;
}

export interface TeamRemoveOptions {
  name: string;
  json?: boolean | undefined;
}

/** `credo team add|sync|list|remove|generate`: a team's accounts and roles from one reviewed file in git. */
export function registerTeam(program: Command, ctx: AppContext): void {
  const team = program
    .command("team")
    .summary("share a team's accounts and roles: a registry in git, synced into ~/.aws/config")
    .description(
      "A team registry is a file in AWS config syntax (role profiles, SSO profiles, [sso-session] sections)\n" +
        "kept in a git repository the team reviews like code. `credo team sync` writes its sections into\n" +
        "~/.aws/config marked `credo_managed = team:NAME`, updates and removes only those, and never touches\n" +
        "a section you wrote. A fetch that fails, a registry that does not parse or would remove more than\n" +
        "half of the team's profiles, or a commit without an allowed signature changes nothing.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo team add acme git@git.example.com:platform/aws-registry.git\n  credo team sync --dry-run\n  credo team list",
    );
  team
    .command("add")
    .argument("<team>", "the team's name (its sections are marked credo_managed = team:NAME)")
    .argument(
      "<source>",
      "a git URL or path the machine's git can fetch, or an https URL of the file",
    )
    .summary("add a team registry and sync it")
    .description(
      "Record a team registry and sync it once. SOURCE is any git URL or local path `git fetch` accepts;\n" +
        "an https URL that does not end in .git is the registry file itself. If the first sync fails the\n" +
        "team is not added.",
    )
    .option("--ref <ref>", "the branch, tag or commit to sync (default: the remote's HEAD)")
    .option("--path <file>", "the registry file in the repository (default: config)")
    .option("--prefix <prefix>", "put before every section name of the registry")
    .option("--require-signed", "refuse a commit whose SSH signature does not verify")
    .option(
      "--allowed-signers <file>",
      "the allowed signers file (git's gpg.ssh.allowedSignersFile)",
    )
    .option("--force", "apply even if more than half of the team's profiles would be removed")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo team add acme https://git.example.com/platform/aws-registry.git --path aws/config\n" +
        "  credo team add acme ../aws-registry --require-signed --allowed-signers ~/.config/acme-allowed-signers\n" +
        "  credo team add acme https://example.com/acme/aws-config --prefix acme-",
    )
    .action(
      exitCodeAction((name: string, source: string, options: AddOptions) =>
        runTeamAdd({ ...options, name, source }, ctx),
      ),
    );

  team
    .command("sync")
    .argument("[team]", "the team to sync (default: every team)")
    .summary("fetch the team registries and update their sections in ~/.aws/config")
    .description(
      "Fetch each registry, check it (and its signature when required), then update the team's managed\n" +
        "sections under the config file's lock. Prints what was added, changed and removed; --dry-run\n" +
        "prints the change as a diff and writes nothing.",
    )
    .option("--dry-run", "print the change as a unified diff and write nothing")
    .option("--force", "apply even if more than half of the team's profiles would be removed")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExamples:\n  credo team sync\n  credo team sync acme --dry-run")
    .action(
      exitCodeAction((name: string | undefined, options: SyncOptions) =>
        runTeamSync({ ...options, name }, ctx),
      ),
    );

  registerGenerate(team, ctx);

  team
    .command("list")
    .summary("list the team registries with their synced commit and age")
    .description(
      "List each team: its source, the commit in use and when it was synced (a week is too long).",
    )
    .option("--json", "print the teams as JSON")
    .addHelpText("after", "\nExamples:\n  credo team list\n  credo team list --json")
    .action(exitCodeAction((options: TeamListOptions) => runTeamList(options, ctx)));

  team
    .command("remove")
    .argument("<team>", "the team to remove")
    .summary("remove a team and the sections its sync wrote")
    .description(
      "Remove the team's managed sections from ~/.aws/config, then its clone and record.",
    )
    .option("--json", "print what was removed as JSON")
    .addHelpText("after", "\nExamples:\n  credo team remove acme")
    .action(
      exitCodeAction((name: string, options: Omit<TeamRemoveOptions, "name">) =>
        runTeamRemove({ ...options, name }, ctx),
      ),
    );
}

/** Removes a team and its sections. */
export async function runTeamRemove(options: TeamRemoveOptions, ctx: AppContext): Promise<number> {
  const { name } = options;
  const { removeTeam } = await import("../team/manage-teams.js");
  const result = await removeTeam(name, await teamDeps(ctx));
  if (options.json === true) {
    writeJson(ctx, result);
    return ExitCode.ok;
  }
  ctx.io.err.write(`Removed team ${name} and its ${result.removed.length} section(s).\n`);
  return ExitCode.ok;
}

/** Lists the teams with their synced commit and age. */
export async function runTeamList(options: TeamListOptions, ctx: AppContext): Promise<number> {
  const [{ listTeamsOf }, { describeSync, staleWarning }] = await Promise.all([
    import("../team/manage-teams.js"),
    import("../team/list-teams.js"),
  ]);
  const teams = await listTeamsOf(await teamDeps(ctx));
  if (options.json === true) {
    writeJson(ctx, teams);
    return ExitCode.ok;
  }
  if (teams.length === 0) {
    ctx.io.out.write("No teams. Add one with `credo team add NAME SOURCE`.\n");
    return ExitCode.ok;
  }
  for (const t of teams) {
    const signed = t.requireSigned ? ", signed commits only" : "";
    ctx.io.out.write(`${t.name}  ${t.source}  (${describeSync(t)}${signed})\n`);
    if (t.stale)
      ctx.io.err.write(`Warning: ${staleWarning(t)} Run \`credo team sync ${t.name}\`.\n`);
  }
  return ExitCode.ok;
}

/** Syncs one team, or every team. */
export async function runTeamSync(options: TeamSyncOptions, ctx: AppContext): Promise<number> {
  const { name } = options;
  const [{ syncTeam }, { listTeamsOf }] = await Promise.all([
    import("../team/sync-team.js"),
    import("../team/manage-teams.js"),
  ]);
  const deps = await teamDeps(ctx);
  const names = name !== undefined ? [name] : (await listTeamsOf(deps)).map((t) => t.name);
  if (names.length === 0) {
    ctx.io.err.write("No teams. Add one with `credo team add NAME SOURCE`.\n");
    return ExitCode.ok;
  }
  const results: (Omit<TeamSyncResult, "diff"> & { diff: string })[] = [];
  // One team's failure does not hold the others back; it is reported (and sets the exit code) at the end.
  let failure: unknown;
  for (const teamName of names) {
    try {
      const result = await syncTeam(
        { name: teamName, dryRun: options.dryRun === true, force: options.force === true },
        deps,
      );
      results.push({ ...result, diff: await result.diff() });
      if (options.json !== true)
        await report(ctx, result, { json: false, dryRun: options.dryRun === true });
    } catch (error) {
      if (name !== undefined || names.length === 1) throw error;
      failure ??= error;
      ctx.io.err.write(`Team ${teamName} not synced: ${(error as Error).message}\n`);
    }
  }
  if (options.json === true) writeJson(ctx, name !== undefined ? results[0] : results);
  if (failure !== undefined) throw failure;
  return ExitCode.ok;
}

/** Records a team registry and syncs it once. */
export async function runTeamAdd(options: TeamAddOptions, ctx: AppContext): Promise<number> {
  const { name, source } = options;
  const { addTeam } = await import("../team/manage-teams.js");
  const result = await addTeam(
    {
      name,
      source,
      ref: options.ref,
      path: options.path,
      prefix: options.prefix,
      requireSigned: options.requireSigned === true,
      allowedSigners: options.allowedSigners,
      force: options.force === true,
      cwd: ctx.cwd,
    },
    await teamDeps(ctx),
  );
  await report(ctx, result, { json: options.json === true, dryRun: false });
  return ExitCode.ok;
}

export interface GenerateOptions {
  organization?: boolean;
  hub: string;
  roleName: string;
  nameTemplate: string;
  exclude?: string[];
  region?: string;
  profile?: string;
  mfaCode?: string;
}

function registerGenerate(team: Command, ctx: AppContext): void {
  team
    .command("generate")
    .summary("print a registry with a role profile per account of the AWS organisation")
    .description(
      "List the organisation's accounts (organizations:ListAccounts, every page) and print a team registry\n" +
        "with one role profile per active account, named from the template, slugified and stable across\n" +
        "runs, ready to review and commit. The call is made with the hub's MFA session, or --profile.",
    )
    .requiredOption("--organization", "take the accounts from AWS Organizations")
    .requiredOption("--hub <name>", "the hub profile every role starts from (source_profile)")
    .requiredOption("--role-name <name>", "the role to assume in each account")
    .option(
      "--name-template <template>",
      "profile names from {account_name} {account_id} {role_name}",
      "{account_name}-{role_name}",
    )
    .option("--exclude <account...>", "account IDs or names to leave out")
    .option("--region <region>", "the region written into each profile")
    .option("--profile <name>", "the profile to call Organizations with (default: the hub)")
    .option("--mfa-code <code>", "the MFA code, if the hub needs one")
    .addHelpText(
      "after",
      "\nExamples:\n  credo team generate --organization --hub acme --role-name DEVELOPER > config\n" +
        "  credo team generate --organization --hub acme --role-name ReadOnly --exclude 111111111111 --name-template '{account_id}-{role_name}'",
    )
    .action(exitCodeAction((options: GenerateOptions) => runTeamGenerate(options, ctx)));
}

/** Prints a registry with a role profile per account of the organisation. */
export async function runTeamGenerate(options: GenerateOptions, ctx: AppContext): Promise<number> {
  if (!/^[\w+=,.@/-]{1,64}$/.test(options.roleName)) {
    throw new UsageError(`--role-name "${options.roleName}" is not an IAM role name.`);
  }
  if (!/^[A-Za-z0-9_\-/.%@:+]+$/.test(options.hub)) {
    throw new UsageError(`--hub "${options.hub}" is not a profile name.`);
  }
  const [
    { openCredentialRuntime },
    { listOrganizationAccounts },
    { generateRegistry },
    { resolveEndpointUrl },
  ] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../aws/organizations.js"),
    import("../team/generate-registry.js"),
    import("../config/resolve-endpoint-url.js"),
  ]);
  const runtime = await openCredentialRuntime(
    ctx,
    options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
  );
  const profile = options.profile ?? options.hub;
  const accounts = await runtime.waiting("Listing the organisation's accounts", async () => {
    const resolved = await runtime.resolve(profile);
    const { profileSet } = runtime.files;
    const endpoint = resolveEndpointUrl({
      service: "Organizations",
      env: ctx.env,
      profile: profileSet.profiles[resolved.profile],
      profileSet,
    });
    // Organizations is a global service answered in us-east-1.
    return listOrganizationAccounts(
      { region: "us-east-1", ...(endpoint === undefined ? {} : { endpoint }) },
      resolved.credentials,
    );
  });
  ctx.io.out.write(
    generateRegistry({
      accounts,
      hub: options.hub,
      roleName: options.roleName,
      template: options.nameTemplate,
      exclude: options.exclude ?? [],
      region: options.region,
    }),
  );
  return ExitCode.ok;
}

async function teamDeps(ctx: AppContext): Promise<TeamDeps> {
  return (await import("../runtime/context-files.js")).profileFileDeps(ctx);
}

async function report(
  ctx: AppContext,
  result: TeamSyncResult,
  options: { json: boolean; dryRun: boolean },
): Promise<void> {
  if (options.json) {
    writeJson(ctx, { ...result, diff: await result.diff() });
    return;
  }
  if (options.dryRun) ctx.io.out.write((await result.diff()) || "No changes.\n");
  const by = result.author === undefined ? "" : ` by ${result.author}`;
  const verb = options.dryRun ? "would add" : "added";
  ctx.io.out.write(
    `Team ${result.team} at ${result.commit.slice(0, 12)}${by}: ${result.added.length} ${verb}, ` +
      `${result.changed.length} changed, ${result.removed.length} removed, ${result.unchanged.length} unchanged.\n`,
  );
  for (const list of [
    ["+", result.added],
    ["~", result.changed],
    ["-", result.removed],
  ] as const) {
    for (const label of list[1]) ctx.io.out.write(`  ${list[0]} ${label}\n`);
  }
  for (const label of result.conflicts) {
    ctx.io.err.write(
      `Kept your ${label}: the team's registry defines it too. Add the team with --prefix to keep both.\n`,
    );
  }
}
