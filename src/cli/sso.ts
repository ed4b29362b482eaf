import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { UsageError, ExitCode } from "../errors.js";
import { writeJson } from "../output/command-output.js";

export interface SessionOptions {
  profile?: string;
  ssoSession?: string;
  json?: boolean;
}

export interface LoginOptions extends SessionOptions {
  browser: boolean;
  useDeviceCode?: boolean;
}

export interface SyncOptions extends SessionOptions {
  nameTemplate?: string;
  region?: string;
  dryRun?: boolean;
}

const sessionHelp = "the [sso-session NAME] to use (default: the profile's, or the only one)";

/** `credo sso login|logout|sync`: IAM Identity Center, sharing the AWS CLI's token cache. */
export function registerSso(program: Command, ctx: AppContext): void {
  const sso = program
    .command("sso")
    .summary("IAM Identity Center: log in, log out, create a profile per account and role")
    .description(
      "IAM Identity Center (AWS SSO). The token is written to ~/.aws/sso/cache exactly as `aws sso login` writes it,\n" +
        "so the AWS CLI, every SDK and credo share one login.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo sso login --sso-session corp\n  credo sso sync --sso-session corp --dry-run\n  credo sso logout",
    );

  sso
    .command("login")
    .description(
      "Log in: the authorization-code flow with PKCE in your browser, or the device code flow where no browser\n" +
        "can open (SSH, no display, --no-browser, --use-device-code).",
    )
    .option("--profile <name>", "an SSO profile whose session to log in")
    .option("--sso-session <name>", sessionHelp)
    .option("--no-browser", "never open a browser; print the URL and code instead")
    .option("--use-device-code", "use the device code flow")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo sso login --sso-session corp\n  credo sso login --profile dev --use-device-code",
    )
    .action(exitCodeAction((options: LoginOptions) => runSsoLogin(options, ctx)));

  sso
    .command("logout")
    .description(
      "Log out: end the portal session and delete the cached SSO token (of one session, or of every session in\n" +
        "the config file).",
    )
    .option("--profile <name>", "an SSO profile whose session to log out")
    .option("--sso-session <name>", "the [sso-session NAME] to log out (default: all)")
    .option("--json", "print what was removed as JSON")
    .addHelpText("after", "\nExamples:\n  credo sso logout\n  credo sso logout --sso-session corp")
    .action(exitCodeAction((options: SessionOptions) => runSsoLogout(options, ctx)));

  sso
    .command("sync")
    .description(
      "Write a standard SSO profile into ~/.aws/config for every account and role the session can reach.\n" +
        "Profiles it writes carry `credo_managed = sso-sync:<session>`; the next sync updates, renames or removes\n" +
        "those and never touches any other profile. Nothing is written if the portal fails part way.",
    )
    .option("--profile <name>", "an SSO profile whose session to sync")
    .option("--sso-session <name>", sessionHelp)
    .option(
      "--name-template <template>",
      "profile names from {account_name} {account_id} {role_name} {session}",
      "{account_name}-{role_name}",
    )
    .option("--region <region>", "the region of each profile (default: the session's sso_region)")
    .option("--dry-run", "print the change as a diff and write nothing")
    .option("--json", "print the plan as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo sso sync --sso-session corp --dry-run\n  credo sso sync --name-template '{account_id}-{role_name}'",
    )
    .action(exitCodeAction((options: SyncOptions) => runSsoSync(options, ctx)));
}

/** Logs in to IAM Identity Center. */
export async function runSsoLogin(options: LoginOptions, ctx: AppContext): Promise<number> {
  const [{ openSsoRuntime, ssoLoginDeps }, { selectSsoSession }, { ssoLogin }] = await Promise.all([
    import("../runtime/sso-runtime.js"),
    import("../sso/select-sso-session.js"),
    import("../sso/login.js"),
  ]);
  const deps = await openSsoRuntime(ctx, options.profile);
  const session = selectSsoSession(deps.loaded.profileSet, options, ctx.env);
  const result = await ssoLogin(
    { session, useDeviceCode: options.useDeviceCode === true, noBrowser: !options.browser },
    ssoLoginDeps(deps, ctx),
  );
  if (options.json) writeJson(ctx, result);
  return ExitCode.ok;
}

/** Logs out of one session, or of all. */
export async function runSsoLogout(options: SessionOptions, ctx: AppContext): Promise<number> {
  const [
    { openSsoRuntime },
    { selectSsoSession },
    { ssoSessionByName },
    { ssoLogout },
    { resolveCredoHome },
    { join },
  ] = await Promise.all([
    import("../runtime/sso-runtime.js"),
    import("../sso/select-sso-session.js"),
    import("../sso/resolve-sso-session.js"),
    import("../sso/logout.js"),
    import("../profile-files/locations.js"),
    import("node:path"),
  ]);
  const deps = await openSsoRuntime(ctx, options.profile);
  const { profileSet } = deps.loaded;
  const sessions =
    options.ssoSession !== undefined || options.profile !== undefined
      ? [selectSsoSession(profileSet, options, ctx.env)]
      : Object.keys(profileSet.ssoSessions).map((name) => ssoSessionByName(profileSet, name));
  const outcomes = await deps.progress.during("Logging out", () =>
    ssoLogout(sessions, {
      ...deps.tokenDeps,
      portal: deps.portal,
      // The session's cached role credentials go with its token.
      sessionCacheDir: join(resolveCredoHome({ env: ctx.env, homedir: ctx.homedir }), "cache"),
    }),
  );
  if (options.json) {
    writeJson(ctx, outcomes);
    return ExitCode.ok;
  }
  for (const outcome of outcomes) {
    ctx.io.err.write(
      outcome.removed
        ? `Logged out of ${outcome.session}: removed ${outcome.cacheFile}${outcome.portalLoggedOut ? "" : " (the portal session had already ended)"}.\n`
        : `Not logged in to ${outcome.session}: nothing to remove.\n`,
    );
  }
  return ExitCode.ok;
}

/** Writes a profile per account and role the session reaches. */
export async function runSsoSync(options: SyncOptions, ctx: AppContext): Promise<number> {
  const [{ openSsoRuntime }, { selectSsoSession }, { ssoSync }, { resolveSsoToken }] =
    await Promise.all([
      import("../runtime/sso-runtime.js"),
      import("../sso/select-sso-session.js"),
      import("../sso/sync.js"),
      import("../sso/token-provider.js"),
    ]);
  const deps = await openSsoRuntime(ctx, options.profile);
  const session = selectSsoSession(deps.loaded.profileSet, options, ctx.env);
  const sessionName = session.name;
  if (sessionName === undefined) {
    throw new UsageError(
      "`credo sso sync` needs an [sso-session] (the legacy sso_start_url form has no session to name).",
    );
  }
  const result = await deps.progress.during("Listing the accounts and roles", () =>
    ssoSync(
      {
        sessionName,
        template: options.nameTemplate,
        region: options.region,
        dryRun: options.dryRun === true,
      },
      {
        ...deps.fileDeps,
        accessToken: async (s) => (await resolveSsoToken(s, deps.tokenDeps)).token,
        portal: deps.portal,
      },
    ),
  );
  if (options.json) {
    writeJson(ctx, { ...result, diff: await result.diff() });
    return ExitCode.ok;
  }
  if (options.dryRun) ctx.io.out.write((await result.diff()) || "No changes.\n");
  const summary = `${result.write.length} written, ${result.remove.length} removed, ${result.unchanged.length} unchanged`;
  ctx.io.err.write(
    `${options.dryRun ? "Would change" : result.written ? "Updated" : "No change to"} ${result.configFile}: ${summary}.\n`,
  );
  for (const conflict of result.conflicts) {
    ctx.io.err.write(
      `Skipped ${conflict.assignment.accountId}/${conflict.assignment.roleName}: profile ${conflict.name} exists and is not credo's.\n`,
    );
  }
  return ExitCode.ok;
}
