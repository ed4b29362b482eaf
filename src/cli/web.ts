import type { Command } from "commander";
import type { AppContext } from "../context.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";
import { writeJson } from "./output.js";

interface WebOptions extends ProfileOptions {
  print?: boolean;
  destination?: string;
  region?: string;
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
        "(up to two minutes) until the browser has followed it.",
    )
    .option("--print", "print the sign-in URL instead of opening the browser")
    .option("--destination <url>", "the console page to land on (default: the console home)")
    .option("--region <region>", "the console region (default: the profile's)")
    .option("--json", "print {profile, kind, url} with --print, {profile, kind, via} otherwise")
    .option(
      "--switch-role",
      "the console's switch-role link for a role profile, for a browser signed in to the hub",
    );
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText(
      "after",
      "\nExamples:\n  credo web dev\n  credo web prod --destination https://console.aws.amazon.com/s3/\n" +
        "  credo web acme --print\n  credo web acme --print --json\n  credo web dev --switch-role\n  credo web            # pick from menus",
    )
    .action(async (name: string | undefined, options: WebOptions) => {
      const [
        { openCredentialRuntime },
        { consoleLink },
        { profileOrPick },
        { systemUrlOpener },
        { openSigninUrl },
      ] = await Promise.all([
        import("../runtime/credential-runtime.js"),
        import("../console/console-link.js"),
        import("../pickers/profile-or-pick.js"),
        import("../sso/open-url.js"),
        import("../console/open-signin-url.js"),
      ]);
      const runtime = await openCredentialRuntime(
        ctx,
        options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
      );
      const profileOption = await profileOrPick(runtime, chosenProfile(name, options));
      const link = await runtime.waiting("Signing in to the console", () =>
        consoleLink(runtime, {
          profileOption,
          switchRole: options.switchRole === true,
          ...(options.destination === undefined ? {} : { destination: options.destination }),
          ...(options.region === undefined ? {} : { region: options.region }),
        }),
      );
      if (options.print) {
        if (options.json) writeJson(ctx, { profile: link.profile, kind: link.kind, url: link.url });
        else ctx.io.out.write(`${link.url}\n`);
        return;
      }
      const openUrl = systemUrlOpener(ctx.env, ctx.platform);
      if (link.kind === "switch-role") await openUrl(link.url);
      else
        await runtime.waiting("Waiting for the browser", () =>
          openSigninUrl(link.url, { openUrl }),
        );
      // The sign-in URL is a bearer secret: without --print, the JSON says what opened, not the URL.
      if (options.json)
        return writeJson(ctx, { profile: link.profile, kind: link.kind, via: link.via });
      const what = link.kind === "switch-role" ? "the switch-role page" : "the AWS console";
      ctx.io.err.write(`Opened ${what} for ${link.profile} in your browser (${link.via}).\n`);
    });
}
