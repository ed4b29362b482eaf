import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { UsageError, ExitCode } from "../errors.js";
import { envValue } from "../io/env.js";
import { confirmOrYes } from "./confirm.js";
import { formatDuration } from "../output/format-duration.js";
import { writeJson } from "../output/command-output.js";
import { maskAccessKeyId } from "../aws/mask-access-key-id.js";

export interface HubAddOptions {
  name: string;
  accessKeyId?: string;
  mfaSerial: string;
  region?: string;
  secretAccessKeyStdin?: boolean;
  fromEnv?: boolean;
  force?: boolean;
  json?: boolean;
}

export interface HubListOptions {
  json?: boolean | undefined;
}

export interface HubRemoveOptions {
  name: string;
  yes?: boolean | undefined;
  json?: boolean | undefined;
}

export function registerHub(program: Command, ctx: AppContext): void {
  const hub = program
    .command("hub")
    .summary("add, list and remove hubs (IAM users whose keys live in the vault)")
    .description(
      "A hub is an IAM user in a hub account: its access key is kept in credo's encrypted vault and\n" +
        "[profile NAME] in ~/.aws/config gets mfa_serial, region and credential_process = credo process NAME,\n" +
        "so every AWS tool gets its MFA session (one MFA code a day) and assumes roles from it.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo hub add acme --access-key-id AKIA... --mfa-serial arn:aws:iam::111111111111:mfa/alice\n  credo hub list\n  credo hub remove acme",
    );

  hub
    .command("add")
    .argument("<name>", "the hub's profile name")
    .summary("store a hub's access key in the vault and write its profile")
    .description(
      "Store the IAM user's access key in the vault and write [profile NAME] into ~/.aws/config.\nThe secret key is read from a hidden prompt, standard input or the environment, never from the command line.",
    )
    .option("--access-key-id <id>", "the access key id (AKIA...)")
    .requiredOption("--mfa-serial <arn>", "the user's MFA device ARN")
    .option("--region <region>", "the region written into the profile")
    .option("--secret-access-key-stdin", "read the secret access key from standard input")
    .option("--from-env", "take the key from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    .option("--force", "replace a profile of that name that credo did not write")
    .option("--json", "print what was stored and written as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo hub add acme --access-key-id AKIAIOSFODNN7EXAMPLE --mfa-serial arn:aws:iam::111111111111:mfa/alice --region eu-west-1\n  pass show aws/acme | credo hub add acme --access-key-id AKIA... --mfa-serial ARN --secret-access-key-stdin\n  credo hub add acme --from-env --mfa-serial arn:aws:iam::111111111111:mfa/alice",
    )
    .action(
      exitCodeAction((name: string, options: Omit<HubAddOptions, "name">) =>
        runHubAdd({ ...options, name }, ctx),
      ),
    );

  hub
    .command("list")
    .summary("list the hubs and their MFA sessions")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  credo hub list\n  credo hub list --json")
    .action(exitCodeAction((options: HubListOptions) => runHubList(options, ctx)));

  hub
    .command("remove")
    .argument("<name>", "the hub")
    .summary("remove a hub: its vault key, its profile and its cached sessions")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--json", "print what was removed as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo hub remove acme\n  credo hub remove acme --yes --json",
    )
    .action(
      exitCodeAction((name: string, options: Omit<HubRemoveOptions, "name">) =>
        runHubRemove({ ...options, name }, ctx),
      ),
    );
}

/** Stores a hub's key in the vault and writes its profile. */
export async function runHubAdd(options: HubAddOptions, ctx: AppContext): Promise<number> {
  const { name } = options;
  const v = await import("../hub/validate-input.js");
  if (options.fromEnv && (options.secretAccessKeyStdin || options.accessKeyId !== undefined)) {
    throw new UsageError(
      "--from-env takes both keys from the environment; give no --access-key-id or --secret-access-key-stdin with it.",
    );
  }
  const accessKeyId = options.fromEnv
    ? envValue(ctx.env, "AWS_ACCESS_KEY_ID")
    : options.accessKeyId;
  if (accessKeyId === undefined) {
    throw new UsageError(
      options.fromEnv
        ? "AWS_ACCESS_KEY_ID is not set."
        : "--access-key-id is required (or --from-env).",
    );
  }
  const input = {
    name: v.validProfileName(name, "hub name"),
    accessKeyId: v.validAccessKeyId(accessKeyId),
    mfaSerial: v.validMfaSerial(options.mfaSerial),
    ...(options.region === undefined ? {} : { region: v.validRegion(options.region) }),
    force: options.force === true,
  };
  const [{ openCredentialRuntime }, { addHub }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../hub/add-hub.js"),
  ]);
  const runtime = await openCredentialRuntime(ctx);
  const secret = async (): Promise<string> => {
    let value: string | undefined;
    if (options.fromEnv) value = envValue(ctx.env, "AWS_SECRET_ACCESS_KEY");
    else if (options.secretAccessKeyStdin) value = (await ctx.io.readStdin()).trim();
    else {
      const prompter = runtime.prompter();
      if (prompter === undefined) {
        throw new UsageError(
          "There is no terminal to ask for the secret access key on.",
          "Use --secret-access-key-stdin or --from-env.",
        );
      }
      value = (await prompter.secret("Secret access key:")).trim();
    }
    if (value === undefined || !/^[A-Za-z0-9/+=]{16,128}$/.test(value)) {
      throw new UsageError(
        "The secret access key is missing or malformed.",
        "It is the 40-character secret shown once when the key was created.",
      );
    }
    return value;
  };
  const { replaced } = await addHub(input, secret, runtime.vault, {
    configFile: runtime.files.locations.configFile,
    files: ctx.files,
    credoHome: runtime.credoHome,
  });
  if (options.json) {
    writeJson(ctx, {
      name: input.name,
      accessKeyId: maskAccessKeyId(input.accessKeyId),
      mfaSerial: input.mfaSerial,
      region: input.region ?? null,
      configFile: runtime.files.locations.configFile,
      replaced,
    });
    return ExitCode.ok;
  }
  ctx.io.err.write(
    `${replaced ? "Updated" : "Added"} hub ${input.name}: key ${maskAccessKeyId(input.accessKeyId)} in the vault, [profile ${input.name}] in ${runtime.files.locations.configFile}.\n` +
      `Try: credo auth ${input.name}   or   aws --profile ${input.name} sts get-caller-identity\n`,
  );
  return ExitCode.ok;
}

/** Lists the hubs with their keys and MFA sessions. */
export async function runHubList(options: HubListOptions, ctx: AppContext): Promise<number> {
  const [{ openCredentialRuntime }, { listHubProfiles }, { getHubKeys }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../hub/list-hubs.js"),
    import("../vault/hub-keys.js"),
  ]);
  const runtime = await openCredentialRuntime(ctx);
  const hubs = await listHubProfiles(runtime);
  // The access key id is in the vault; opening it asks the passphrase only when there are hubs to show.
  const vault = hubs.length === 0 ? undefined : await runtime.vault();
  const rows = await Promise.all(
    hubs.map(async (entry) => {
      const keys = vault === undefined ? undefined : await getHubKeys(vault, entry.name);
      const now = ctx.clock.now();
      const session = entry.sessionExpiration;
      return {
        name: entry.name,
        accessKeyId: keys === undefined ? null : maskAccessKeyId(keys.accessKeyId),
        mfaSerial: entry.mfaSerial,
        region: entry.region,
        session: session === null ? "none" : session.getTime() > now ? "active" : "expired",
        sessionExpiration: session?.toISOString() ?? null,
      };
    }),
  );
  if (options.json) {
    writeJson(ctx, rows);
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    ctx.io.out.write("No hubs yet. Add one with `credo hub add` or `credo import`.\n");
    return ExitCode.ok;
  }
  for (const row of rows) {
    const left =
      row.sessionExpiration === null
        ? ""
        : ` (${formatDuration(Date.parse(row.sessionExpiration) - ctx.clock.now())})`;
    ctx.io.out.write(
      `${row.name}  key ${row.accessKeyId ?? "(missing from the vault)"}  mfa ${row.mfaSerial ?? "(none)"}  region ${row.region ?? "(none)"}  session ${row.session}${left}\n`,
    );
  }
  return ExitCode.ok;
}

/** Removes a hub (after confirmation). */
export async function runHubRemove(options: HubRemoveOptions, ctx: AppContext): Promise<number> {
  const { name } = options;
  const [{ openCredentialRuntime }, { removeHub }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../hub/remove-hub.js"),
  ]);
  const runtime = await openCredentialRuntime(ctx);
  await confirmOrYes(
    runtime.prompter(),
    options.yes,
    `Remove hub ${name} (its access key in the vault, its profile, its sessions)?`,
  );
  const result = await removeHub(name, runtime.vault, {
    configFile: runtime.files.locations.configFile,
    files: ctx.files,
    credoHome: runtime.credoHome,
  });
  if (options.json) {
    writeJson(ctx, { name, ...result });
    return ExitCode.ok;
  }
  const done = [
    result.keyRemoved ? "its key from the vault" : undefined,
    result.profileRemoved ? `[profile ${name}]` : undefined,
    result.sessionsRemoved > 0 ? `${result.sessionsRemoved} cached session(s)` : undefined,
  ].filter((part) => part !== undefined);
  ctx.io.err.write(`Removed hub ${name}: ${done.join(", ")}.\n`);
  return ExitCode.ok;
}
