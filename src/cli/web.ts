import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";
import { writeJson } from "../output/command-output.js";

export interface WebOptions extends ProfileOptions {
  print?: boolean;
  destination?: string;
  service?: string;
  path?: string;
  region?: string;
  duration?: string;
  browser?: string;
  isolation?: boolean;
  switchRole?: boolean;
  mfaCode?: string;
  json?: boolean;
}

export function registerWeb(program: Command, ctx: AppContext): void {
  const command = program
    .command("web")
    .summary("open the AWS console signed in as a profile")
    .description(
      "Sign in to the AWS console through the federation endpoint and open it in the browser.\n" +
        "A hub signs in with a federation token made from its vault keys; a role or SSO profile\n" +
        "with its own session. With no NAME on a terminal, pick hub, account and role from menus.\n" +
        "The sign-in URL works for 15 minutes for whoever holds it, so it is printed only with --print;\n" +
        "the browser gets a one-shot link on 127.0.0.1 that redirects to it once, and credo waits\n" +
        "(up to two minutes) until the browser has followed it.\n" +
        "With --browser (or CREDO_BROWSER, or credo_browser in the profile or [default]) each profile\n" +
        "opens in a browser profile of its own under CREDO_HOME/browsers, so several accounts stay\n" +
        "signed in side by side; a browser profile last signed in as someone else is signed out first.",
    )
    .option("--print", "print the sign-in URL instead of opening the browser")
    .option("--service <name>", "the console service to land on (s3, ec2, lambda, iam, ...)")
    .option("--path <path>", "the console path to land on (e.g. vpc/home#RouteTables)")
    .option("--destination <url>", "the console page to land on (default: the console home)")
    .option("--region <region>", "the console region (default: the profile's)")
    .option("--duration <seconds>", "the console session (role: 900-43200, hub: 900-129600)")
    .option(
      "--browser <name|path>",
      "chromium, chrome, brave, edge, firefox, safari or a path (default: the system's browser)",
    )
    .option("--no-isolation", "use the browser's normal profile, not one per credo profile")
    .option("--json", "print {profile, kind, url} with --print, {profile, kind, via} otherwise")
    .option(
      "--switch-role",
      "the console's switch-role link for a role profile, for a browser signed in to the hub",
    );
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText(
      "after",
      "\nExamples:\n  credo web dev\n  credo web dev --service s3 --region eu-west-1\n" +
        "  credo web dev --browser chromium; credo web prod --browser chromium   # side by side\n" +
        "  credo web prod --destination https://console.aws.amazon.com/s3/\n" +
        "  credo web acme --print\n  credo web acme --print --json\n  credo web dev --switch-role\n  credo web            # pick from menus",
    )
    .action(
      exitCodeAction((name: string | undefined, options: WebOptions) =>
        runWeb({ ...options, profile: chosenProfile(name, options) }, ctx),
      ),
    );
}

/** Signs in to the console as the profile and opens (or prints) it. */
export async function runWeb(options: WebOptions, ctx: AppContext): Promise<number> {
  const [
    { openCredentialRuntime },
    { consoleLink },
    { profileOrPick },
    { consoleBrowserSettings },
    { openConsoleWindow },
    { validDuration },
  ] = await Promise.all([
    import("../runtime/credential-runtime.js"),
    import("../console/console-link.js"),
    import("../pickers/profile-or-pick.js"),
    import("../console/console-browser-settings.js"),
    import("../console/open-console-window.js"),
    import("../hub/validate-input.js"),
  ]);
  const durationSeconds =
    options.duration === undefined ? undefined : validDuration(options.duration, 129_600);
  const runtime = await openCredentialRuntime(
    ctx,
    options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
  );
  const profileOption = await profileOrPick(runtime, options.profile);
  const link = await runtime.waiting("Signing in to the console", () =>
    consoleLink(runtime, {
      profileOption,
      switchRole: options.switchRole === true,
      ...(options.destination === undefined ? {} : { destination: options.destination }),
      ...(options.service === undefined ? {} : { service: options.service }),
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
    }),
  );
  if (options.print) {
    if (options.json) writeJson(ctx, { profile: link.profile, kind: link.kind, url: link.url });
    else ctx.io.out.write(`${link.url}\n`);
    return ExitCode.ok;
  }
  const settings = consoleBrowserSettings({
    option: options.browser,
    env: ctx.env,
    platform: ctx.platform,
    profile: runtime.files.profileSet.profiles[link.profile],
    defaults: runtime.files.profileSet.profiles["default"],
  });
  const window = await runtime.waiting("Waiting for the browser", () =>
    openConsoleWindow({
      link,
      browser: settings.browser,
      isolation: options.isolation !== false,
      ...(settings.containers ? { container: link.profile } : {}),
      credoHome: runtime.credoHome,
      env: ctx.env,
      platform: ctx.platform,
    }),
  );
  // The sign-in URL is a bearer secret: without --print, the JSON says what opened, not the URL.
  if (options.json) {
    writeJson(ctx, { profile: link.profile, kind: link.kind, via: link.via });
    return ExitCode.ok;
  }
  const what = link.kind === "switch-role" ? "the switch-role page" : "the AWS console";
  const where =
    settings.browser === undefined
      ? "your browser"
      : window.profileDir === undefined
        ? settings.browser.name
        : `${settings.browser.name} (its own browser profile)`;
  const signedOut = window.signedOutFirst ? ", after signing out the previous account" : "";
  ctx.io.err.write(`Opened ${what} for ${link.profile} in ${where} (${link.via}${signedOut}).\n`);
  return ExitCode.ok;
}
