import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";
import type { ProfileOptions } from "./profile-argument.js";
import { UsageError, ExitCode } from "../errors.js";
import { envValue } from "../io/env.js";
import { writeJson } from "../output/command-output.js";

export interface AuthOptions extends ProfileOptions {
  as: string;
  mfaCode?: string;
  duration?: string;
  session: boolean;
  force?: boolean;
  keepFresh?: boolean;
  json?: boolean;
}

export function registerAuth(program: Command, ctx: AppContext): void {
  const command = program
    .command("auth")
    .summary("write a hub's MFA session or a role's credentials into ~/.aws/credentials")
    .description(
      "For tools that read only ~/.aws/credentials: a hub's MFA session, or a role's\n" +
        "credentials through the hub's cached MFA session (or with --no-session, AssumeRole with the MFA code\n" +
        "straight from the hub's key). Written under SECTION (default: [default]) with a comment marking it as\n" +
        "credo's and its expiry; a section credo did not write is refused unless --force (which keeps a private\n" +
        "copy of that section); a section with long-term keys is always refused (`credo import` moves them).",
    )
    .option("--as <section>", "the credentials-file section to write", "default")
    .option("--duration <seconds>", "session length (hub: 900-129600, role: 900-43200)")
    .option(
      "--no-session",
      "roles: AssumeRole with the MFA code from the hub's long-term key, no cached session",
    )
    .option(
      "--force",
      "replace a section credo did not write, except long-term keys (a copy of the section is kept)",
    )
    .option(
      "--keep-fresh",
      "keep running and rewrite the section ahead of expiry until Ctrl-C or the MFA session ends",
    )
    .option("--json", "print what was written as JSON (the first write, with --keep-fresh)");
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText(
      "after",
      "\nExamples:\n  credo auth acme                 # the hub's MFA session into [default]\n  credo auth dev --as dev         # a role's credentials into [dev]\n  credo auth prod --no-session --mfa-code 123456\n  credo auth dev --keep-fresh     # leave it running in a terminal\n  credo unauth default            # remove them again",
    )
    .action(
      exitCodeAction((name: string | undefined, options: AuthOptions) =>
        runAuth({ ...options, profile: chosenProfile(name, options) }, ctx),
      ),
    );
}

/** Writes the profile's credentials into the credentials file (and keeps them fresh). */
export async function runAuth(options: AuthOptions, ctx: AppContext): Promise<number> {
  const { validDuration, validProfileName } = await import("../hub/validate-input.js");
  const named = options.profile ?? envValue(ctx.env, "AWS_PROFILE");
  const section = validProfileName(options.as, "section name");
  const durationSeconds =
    options.duration === undefined ? undefined : validDuration(options.duration, 129_600);
  const [{ openCredentialRuntime }, { authCredentials }, { writeAuthSection }, { profileOrPick }] =
    await Promise.all([
      import("../runtime/credential-runtime.js"),
      import("../auth/auth-credentials.js"),
      import("../auth/write-auth-section.js"),
      import("../pickers/profile-or-pick.js"),
    ]);
  const runtime = await openCredentialRuntime(
    ctx,
    options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
  );
  // With no NAME on a terminal: the pickers (hub, account, role).
  const profile = await profileOrPick(runtime, named);
  if (profile === undefined) {
    throw new UsageError(
      "Name the hub or role to authenticate.",
      "For example `credo auth acme` (see `credo hub list`, `credo role list`).",
    );
  }
  const request = {
    profile,
    noSession: !options.session,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  };
  const first = await runtime.waiting(`Getting credentials for ${profile}`, () =>
    authCredentials(runtime, request),
  );
  const credentialsFile = runtime.files.locations.credentialsFile;
  const write = (credentials: typeof first.credentials, force: boolean) =>
    writeAuthSection({
      credentialsFile,
      section,
      profile,
      credentials,
      force,
      now: new Date(ctx.clock.now()),
      files: ctx.files,
    });
  const { backup } = await write(first.credentials, options.force === true);
  if (backup !== undefined)
    ctx.io.err.write(
      `Kept a copy of the replaced section [${section}] in ${backup} (0600); delete it once you no longer need it.\n`,
    );
  const expires = first.credentials.expiration?.toISOString() ?? "never";
  if (options.json) {
    writeJson(ctx, {
      profile,
      section,
      file: credentialsFile,
      expiration: first.credentials.expiration?.toISOString() ?? null,
      hub: first.hub ?? null,
    });
  } else
    ctx.io.err.write(
      `Wrote credentials for ${profile} to [${section}] in ${credentialsFile}; they expire at ${expires}.\n`,
    );
  if (!options.keepFresh) return ExitCode.ok;

  const [{ keepFresh, abortableSleep }, { interruptSignal }, { sessionRefreshAdvisoryMs }] =
    await Promise.all([
      import("../auth/keep-fresh.js"),
      import("../io/interrupt-signal.js"),
      import("../serve/refreshing-resolution.js"),
    ]);
  const interrupt = interruptSignal();
  ctx.io.err.write("Keeping it fresh; press Ctrl-C to stop.\n");
  try {
    const end = await keepFresh({
      initial: first.credentials,
      source: async () => (await authCredentials(runtime, request)).credentials,
      write: async (credentials) => void (await write(credentials, false)),
      renewableUntil: first.renewableUntil,
      clock: ctx.clock,
      logger: ctx.logger,
      say: (message) => ctx.io.err.write(`${message}\n`),
      sleep: abortableSleep,
      signal: interrupt.signal,
      advisoryWindowMs: sessionRefreshAdvisoryMs,
      // The disk cache fetches a hub session again within 5 minutes of its end, which needs a new code.
      sessionMarginMs: 5 * 60_000,
    });
    if (end === "interrupted")
      ctx.io.err.write(
        "Stopped; the section stays until it expires (`credo unauth` removes it).\n",
      );
  } finally {
    interrupt.dispose();
  }
  return ExitCode.ok;
}
