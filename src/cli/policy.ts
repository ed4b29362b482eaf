import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { writeJson } from "../output/command-output.js";

/** `credo policy spoke` takes no options. */
export interface PolicySpokeOptions {
  requireSourceIdentity?: boolean | undefined;
}

export interface PolicyOptions {
  team?: string;
  hubAccount?: string;
  roleArn: string[];
  externalId?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerPolicy(program: Command, ctx: AppContext): void {
  const policy = program
    .command("policy")
    .summary("print the IAM policies of the hub-and-spoke model")
    .description(
      "Print, as JSON ready for the IAM console or infrastructure code, the policies the hub-and-spoke\n" +
        "model needs: the hub group policy (sts:AssumeRole on the spoke roles), each spoke role's trust\n" +
        "policy (the hub account, with MFA required and optionally an external id), and a sample spoke\n" +
        "permissions policy. Without --role-arn, the roles come from the role profiles over credo hubs.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo policy hub\n  credo policy trust --hub-account 111111111111 --role-arn arn:aws:iam::222222222222:role/DEVELOPER\n  credo policy spoke > developer-permissions.json",
    );
  const teamOption = "the roles of a team registry (see `credo team`), as last synced";

  policy
    .command("hub")
    .summary("the hub group policy allowing sts:AssumeRole on the spoke roles")
    .description(
      "The policy to attach to the hub account's IAM group: its users may assume the spoke roles and\n" +
        "nothing else. One document per hub when the config has several.",
    )
    .option(
      "--role-arn <arn>",
      "a spoke role (repeatable); default: the roles in the config",
      collect,
      [],
    )
    .option("--team <name>", teamOption)
    .addHelpText(
      "after",
      "\nExamples:\n  credo policy hub\n  credo policy hub --team acme\n  credo policy hub --role-arn arn:aws:iam::111111111111:role/DEVELOPER --role-arn arn:aws:iam::222222222222:role/DEVELOPER",
    )
    .action(exitCodeAction((options: PolicyOptions) => runPolicyHub(options, ctx)));

  policy
    .command("trust")
    .summary("each spoke role's trust policy (hub account, MFA required)")
    .description(
      "The trust policy of each spoke role: the hub account may assume it only with MFA\n" +
        "(aws:MultiFactorAuthPresent) and, with --external-id or external_id in the profile, only with that\n" +
        "sts:ExternalId. Roles whose profiles set source_identity also allow sts:SetSourceIdentity, and\n" +
        "session_tags sts:TagSession for those tag keys only (aws:TagKeys).\n" +
        "One document when all roles share it, else an object keyed by role ARN.",
    )
    .option("--hub-account <id>", "the hub account id (default: from the hub's mfa_serial)")
    .option(
      "--role-arn <arn>",
      "a spoke role (repeatable); default: the roles in the config",
      collect,
      [],
    )
    .option("--team <name>", teamOption)
    .option("--external-id <id>", "require this sts:ExternalId")
    .addHelpText(
      "after",
      "\nExamples:\n  credo policy trust\n  credo policy trust --hub-account 111111111111 --external-id acme-dev\n  credo policy trust --team acme",
    )
    .action(exitCodeAction((options: PolicyOptions) => runPolicyTrust(options, ctx)));

  policy
    .command("spoke")
    .summary("a sample permissions policy for a spoke role")
    .description("A sample permissions policy for a developer role in a spoke account, to edit.")
    .option(
      "--require-source-identity",
      "deny actions of sessions without aws:SourceIdentity (default: when the roles set source_identity)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo policy spoke > developer-permissions.json\n  credo policy spoke --require-source-identity",
    )
    .action(exitCodeAction((options: PolicySpokeOptions) => runPolicySpoke(options, ctx)));
}

/** Prints the hub group policies. */
export async function runPolicyHub(options: PolicyOptions, ctx: AppContext): Promise<number> {
  const { hubPolicies } = await import("../policy/build-policies.js");
  const { request, profileSet } = await withTeam({ roleArns: options.roleArn }, options, ctx);
  writeJson(ctx, hubPolicies(request, profileSet));
  return ExitCode.ok;
}

/** Prints the spoke roles' trust policies. */
export async function runPolicyTrust(options: PolicyOptions, ctx: AppContext): Promise<number> {
  const { trustPolicies } = await import("../policy/build-policies.js");
  const { request, profileSet } = await withTeam(
    {
      roleArns: options.roleArn,
      ...(options.hubAccount === undefined ? {} : { hubAccount: options.hubAccount }),
      ...(options.externalId === undefined ? {} : { externalId: options.externalId }),
    },
    options,
    ctx,
  );
  writeJson(ctx, trustPolicies(request, profileSet));
  return ExitCode.ok;
}

/** Prints the sample spoke permissions policy. */
export async function runPolicySpoke(
  options: PolicySpokeOptions,
  ctx: AppContext,
): Promise<number> {
  const [{ sampleSpokePermissionsPolicy }, { spokesUseSourceIdentity }, { loadContextProfiles }] =
    await Promise.all([
      import("../policy/spoke-permissions-policy.js"),
      import("../policy/build-policies.js"),
      import("../runtime/context-files.js"),
    ]);
  const requireSourceIdentity =
    options.requireSourceIdentity === true ||
    spokesUseSourceIdentity((await loadContextProfiles(ctx)).profileSet);
  writeJson(ctx, sampleSpokePermissionsPolicy({ requireSourceIdentity }));
  return ExitCode.ok;
}

/** The request with the roles of --team, read from the team's sections in the config. */
async function withTeam<T extends object>(request: T, options: PolicyOptions, ctx: AppContext) {
  const { loadContextProfiles } = await import("../runtime/context-files.js");
  const { profileSet } = await loadContextProfiles(ctx);
  if (options.team === undefined) return { request, profileSet };
  const { teamRoles } = await import("../team/team-roles.js");
  return { request: { ...request, teamRoles: teamRoles(profileSet, options.team) }, profileSet };
}
