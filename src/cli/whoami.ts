import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";
import { maskAccessKeyId } from "../aws/mask-access-key-id.js";
import type { ProfileOptions } from "./profile-argument.js";
import { formatDuration } from "../output/format-duration.js";
import { writeJson } from "../output/command-output.js";

export interface WhoamiOptions extends ProfileOptions {
  json?: boolean;
  showSecrets?: boolean;
  mfaCode?: string;
}

export function registerWhoami(program: Command, ctx: AppContext): void {
  const command = program
    .command("whoami")
    .summary("show who AWS says a profile is (GetCallerIdentity)")
    .description("Resolve a profile's credentials and ask STS who they belong to.")
    .option("--json", "print JSON")
    .option("--show-secrets", "print the access key id unmasked");
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText("after", "\nExamples:\n  credo whoami dev\n  AWS_PROFILE=prod credo whoami --json")
    .action(
      exitCodeAction((name: string | undefined, options: WhoamiOptions) =>
        runWhoami({ ...options, profile: chosenProfile(name, options) }, ctx),
      ),
    );
}

/** Resolves the profile and asks STS who it is. */
export async function runWhoami(options: WhoamiOptions, ctx: AppContext): Promise<number> {
  const [{ openCredentialRuntime, describeEndpoint }, { getCallerIdentity }] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../aws/sts.js"),
  ]);
  const runtime = await openCredentialRuntime(
    ctx,
    options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
  );
  const profileOption = options.profile;
  const { resolution, identity } = await runtime.waiting("Asking AWS who this is", async () => {
    const resolved = await runtime.resolve(profileOption);
    const sts = runtime.chain(resolved.profile).sts;
    ctx.logger.debug(`calling STS GetCallerIdentity at ${describeEndpoint(sts)}`);
    return {
      resolution: resolved,
      identity: await getCallerIdentity(sts, resolved.credentials),
    };
  });
  const { credentials } = resolution;
  const accessKeyId = options.showSecrets
    ? credentials.accessKeyId
    : maskAccessKeyId(credentials.accessKeyId);
  const expires = credentials.expiration?.toISOString() ?? null;
  if (options.json) {
    writeJson(ctx, {
      profile: resolution.profile,
      account: identity.account,
      arn: identity.arn,
      userId: identity.userId,
      source: resolution.source,
      accessKeyId,
      expiration: expires,
      region: resolution.region ?? null,
    });
    return ExitCode.ok;
  }
  const left = credentials.expiration
    ? ` (valid for ${formatDuration(credentials.expiration.getTime() - ctx.clock.now())})`
    : "";
  ctx.io.out.write(
    [
      `Profile:    ${resolution.profile}`,
      `Account:    ${identity.account}`,
      `ARN:        ${identity.arn}`,
      `User id:    ${identity.userId}`,
      `Source:     ${resolution.source}${resolution.chain.length > 1 ? ` (${resolution.chain.join(" -> ")})` : ""}`,
      `Access key: ${accessKeyId}`,
      `Expires:    ${expires ?? "never (long-term keys)"}${left}`,
      `Region:     ${resolution.region ?? "(none)"}`,
    ].join("\n") + "\n",
  );
  return ExitCode.ok;
}
