import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { UsageError, ExitCode } from "../errors.js";
import { writeJson } from "../output/command-output.js";

export interface RoleAddOptions {
  name: string;
  hub: string;
  roleArn?: string;
  account?: string;
  role?: string;
  mfa?: boolean;
  externalId?: string;
  duration?: string;
  sessionName?: string;
  region?: string;
  force?: boolean;
  json?: boolean;
}

export interface RoleListOptions {
  json?: boolean | undefined;
}

export interface RoleRemoveOptions {
  name: string;
  json?: boolean | undefined;
}

export function registerRole(program: Command, ctx: AppContext): void {
  const role = program
    .command("role")
    .summary("add, list and remove role profiles assumed from a hub")
    .description(
      "A role is a standard ~/.aws/config profile (role_arn + source_profile = HUB), so the AWS CLI,\n" +
        "boto3, the JS SDK and Terraform assume it natively; credo assumes it too, with its cache.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo role add dev --hub acme --role-arn arn:aws:iam::222222222222:role/Developer\n  credo role list\n  credo role remove dev",
    );

  role
    .command("add")
    .argument("<name>", "the role's profile name")
    .summary("write a role profile over a hub")
    .requiredOption("--hub <hub>", "the hub whose MFA session assumes the role")
    .option("--role-arn <arn>", "the role's ARN")
    .option("--account <id>", "the role's account (with --role, instead of --role-arn)")
    .option("--role <name>", "the role's name (with --account)")
    .option("--mfa", "send the hub's MFA code with AssumeRole too (copies mfa_serial)")
    .option("--external-id <id>", "the external id the role's trust policy demands")
    .option("--duration <seconds>", "role session length, 900 to 43200 (duration_seconds)")
    .option("--session-name <name>", "role_session_name")
    .option("--region <region>", "the profile's region")
    .option("--force", "replace a profile of that name that credo did not write")
    .option("--json", "print the profile written as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo role add dev --hub acme --role-arn arn:aws:iam::222222222222:role/Developer --region eu-central-1\n  credo role add prod --hub acme --account 333333333333 --role Admin --duration 3600\n  aws --profile dev sts get-caller-identity",
    )
    .action(
      exitCodeAction((name: string, options: Omit<RoleAddOptions, "name">) =>
        runRoleAdd({ ...options, name }, ctx),
      ),
    );

  role
    .command("list")
    .summary("list the role profiles credo wrote")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  credo role list\n  credo role list --json")
    .action(exitCodeAction((options: RoleListOptions) => runRoleList(options, ctx)));

  role
    .command("remove")
    .argument("<name>", "the role profile")
    .summary("remove a role profile credo wrote")
    .option("--json", "print the profile removed as JSON")
    .addHelpText("after", "\nExamples:\n  credo role remove dev\n  credo role remove dev --json")
    .action(
      exitCodeAction((name: string, options: Omit<RoleRemoveOptions, "name">) =>
        runRoleRemove({ ...options, name }, ctx),
      ),
    );
}

/** Writes a role profile over a hub. */
export async function runRoleAdd(options: RoleAddOptions, ctx: AppContext): Promise<number> {
  const { name } = options;
  const v = await import("../hub/validate-input.js");
  const roleArn = await roleArnOf(options);
  const input = {
    name: v.validProfileName(name, "role name"),
    hub: v.validProfileName(options.hub, "hub name"),
    roleArn: v.validRoleArn(roleArn),
    mfa: options.mfa === true,
    force: options.force === true,
    ...(options.externalId === undefined
      ? {}
      : { externalId: v.validExternalId(options.externalId) }),
    ...(options.duration === undefined
      ? {}
      : { durationSeconds: v.validDuration(options.duration) }),
    ...(options.sessionName === undefined
      ? {}
      : { sessionName: v.validSessionName(options.sessionName) }),
    ...(options.region === undefined ? {} : { region: v.validRegion(options.region) }),
  };
  const { addRole } = await import("../hub/role-profiles.js");
  const deps = await fileDeps(ctx);
  await addRole(input, deps);
  if (options.json) {
    writeJson(ctx, {
      name: input.name,
      hub: input.hub,
      roleArn: input.roleArn,
      mfa: input.mfa,
      externalId: input.externalId === undefined ? null : "****",
      durationSeconds: input.durationSeconds ?? null,
      sessionName: input.sessionName ?? null,
      region: input.region ?? null,
      configFile: deps.configFile,
    });
    return ExitCode.ok;
  }
  ctx.io.err.write(
    `Added role ${input.name} (${input.roleArn} from hub ${input.hub}) to ${deps.configFile}.\n`,
  );
  return ExitCode.ok;
}

/** Lists the role profiles credo wrote. */
export async function runRoleList(options: RoleListOptions, ctx: AppContext): Promise<number> {
  const { listRoles } = await import("../hub/role-profiles.js");
  const roles = await listRoles(await fileDeps(ctx));
  if (options.json) {
    writeJson(ctx, roles);
    return ExitCode.ok;
  }
  if (roles.length === 0) ctx.io.out.write("No roles yet. Add one with `credo role add`.\n");
  for (const entry of roles) {
    ctx.io.out.write(
      `${entry.name}  ${entry.roleArn}  hub ${entry.hub}  region ${entry.region ?? "(none)"}${entry.mfa ? "  mfa" : ""}\n`,
    );
  }
  return ExitCode.ok;
}

/** Removes a role profile credo wrote. */
export async function runRoleRemove(options: RoleRemoveOptions, ctx: AppContext): Promise<number> {
  const { name } = options;
  const { removeRole } = await import("../hub/role-profiles.js");
  const deps = await fileDeps(ctx);
  await removeRole(name, deps);
  if (options.json) {
    writeJson(ctx, { name, configFile: deps.configFile });
    return ExitCode.ok;
  }
  ctx.io.err.write(`Removed role ${name}.\n`);
  return ExitCode.ok;
}

async function roleArnOf(options: RoleAddOptions): Promise<string> {
  const byParts = options.account !== undefined || options.role !== undefined;
  if (options.roleArn !== undefined && byParts)
    throw new UsageError("Give --role-arn, or --account with --role, not both.");
  if (options.roleArn !== undefined) return options.roleArn;
  if (options.account === undefined || options.role === undefined) {
    throw new UsageError(
      "The role is missing: give --role-arn ARN, or --account ID with --role NAME.",
    );
  }
  const [{ validAccountId }, { formatRoleArn, partitionOfRegion }] = await Promise.all([
    import("../hub/validate-input.js"),
    import("../aws/arn.js"),
  ]);
  return formatRoleArn({
    partition: partitionOfRegion(options.region),
    account: validAccountId(options.account),
    roleName: options.role,
  });
}

async function fileDeps(
  ctx: AppContext,
): Promise<{ configFile: string; files: AppContext["files"] }> {
  const { contextFileLocations } = await import("../runtime/context-files.js");
  return { configFile: contextFileLocations(ctx).configFile, files: ctx.files };
}
