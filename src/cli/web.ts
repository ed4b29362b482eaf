import type { Command } from "commander";
import type { AppContext } from "../context.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addMfaCodeOption, addProfileArgument, chosenProfile } from "./profile-argument.js";

interface WebOptions extends ProfileOptions {
  print?: boolean;
  destination?: string;
  region?: string;
  switchRole?: boolean;
  mfaCode?: string;
}

export function registerWeb(program: Command, ctx: AppContext): void {
  const command = program
    .command("web")
    .summary("open the AWS console signed in as a profile")
    .description(
      "Sign in to the AWS console through the federation endpoint and open it in the browser.\n" +
        "A hub signs in with a federation token made from its vault keys; a role or SSO profile\n" +
        "with its own session. With no NAME on a terminal, pick hub, account and role from menus.\n" +
        "The sign-in URL works for 15 minutes for whoever holds it, so it is printed only with --print.",
    )
    .option("--print", "print the sign-in URL instead of opening the browser")
    .option("--destination <url>", "the console page to land on (default: the console home)")
    .option("--region <region>", "the console region (default: the profile's)")
    .option(
      "--switch-role",
      "the console's switch-role link for a role profile, for a browser signed in to the hub",
    );
  addMfaCodeOption(addProfileArgument(command))
    .addHelpText(
      "after",
      "\nExamples:\n  credo web dev\n  credo web prod --destination https://console.aws.amazon.com/s3/\n" +
        "  credo web acme --print\n  credo web dev --switch-role\n  credo web            # pick from menus",
    )
    .action(async (name: string | undefined, options: WebOptions) => {
      const [{ openCredentialRuntime }, { consoleLink }, { profileOrPick }, { systemUrlOpener }] =
        await Promise.all([
          import("../runtime/credential-runtime.js"),
          import("../console/console-link.js"),
          import("../pickers/profile-or-pick.js"),
          import("../sso/open-url.js"),
        ]);
      const runtime = await openCredentialRuntime(
        ctx,
        options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode },
      );
      const link = await consoleLink(runtime, {
        profileOption: await profileOrPick(runtime, chosenProfile(name, options)),
        switchRole: options.switchRole === true,
        ...(options.destination === undefined ? {} : { destination: options.destination }),
        ...(options.region === undefined ? {} : { region: options.region }),
      });
      if (options.print) {
        ctx.io.out.write(`${link.url}\n`);
        return;
      }
      await systemUrlOpener(ctx.env, ctx.platform)(link.url);
      const what = link.kind === "switch-role" ? "the switch-role page" : "the AWS console";
      ctx.io.err.write(`Opened ${what} for ${link.profile} in your browser (${link.via}).\n`);
    });
}
