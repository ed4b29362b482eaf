import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";

interface AddOptions {
  url: string;
  roleArn?: string;
  duration?: string;
  region?: string;
}

/** `credo saml add|roles|sync`: AWS credentials from any SAML 2.0 identity provider, signed in through the browser. */
export function registerSaml(program: Command, ctx: AppContext): void {
  const saml = program
    .command("saml")
    .summary("SAML 2.0 sign-in through the browser, for any identity provider")
    .description(
      "A SAML profile opens the identity provider's AWS application in a browser credo drives (an installed\n" +
        "Chromium, Chrome, Edge or Brave, with a browser profile of its own under CREDO_HOME), lets you sign in\n" +
        "as usual, takes the SAML assertion the provider posts to AWS, and exchanges it with\n" +
        "AssumeRoleWithSAML. While the provider's session lives, later sign-ins need no window.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo saml add corp --url https://idp.example.com/app/aws --region eu-west-1\n  credo saml roles corp\n  credo saml sync corp",
    );

  saml
    .command("add")
    .argument("<name>", "the profile to write in ~/.aws/config")
    .summary("write a SAML profile (credential_process = credo process NAME)")
    .description(
      "Write a managed profile whose credentials come from a SAML sign-in. Its settings are under\n" +
        "credo_saml_* keys, which AWS tools ignore: they see only credential_process.",
    )
    .requiredOption("--url <url>", "the identity provider's AWS application URL")
    .option("--role-arn <arn>", "the role to assume (default: the only one granted, or ask)")
    .option(
      "--duration <seconds>",
      "session length, 900 to 43200 (default: the assertion's SessionDuration, else 1 hour)",
    )
    .option("--region <region>", "the profile's region")
    .addHelpText(
      "after",
      "\nExamples:\n  credo saml add corp --url https://idp.example.com/app/aws --region eu-west-1\n" +
        "  credo saml add corp-admin --url https://idp.example.com/app/aws --role-arn arn:aws:iam::123456789012:role/Admin --duration 3600",
    )
    .action(
      exitCodeAction(async (name: string, options: AddOptions) => {
        const { runSamlAdd } = await import("../saml-profiles/add-saml-profile.js");
        return runSamlAdd({ name, ...options }, ctx);
      }),
    );

  saml
    .command("roles")
    .argument("<name>", "a SAML profile")
    .summary("list the roles the identity provider grants")
    .description(
      "Print the roles of the last assertion the profile received (role ARN, SAML provider ARN);\n" +
        "signs in first when there was none yet, or with --refresh.",
    )
    .option("--refresh", "sign in again for the current roles")
    .option("--json", "print the roles as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  credo saml roles corp\n  credo saml roles corp --refresh --json",
    )
    .action(
      exitCodeAction(async (name: string, options: { refresh?: boolean; json?: boolean }) => {
        const { runSamlRoles } = await import("../saml-profiles/saml-roles.js");
        return runSamlRoles(
          { name, refresh: options.refresh === true, json: options.json === true },
          ctx,
        );
      }),
    );

  saml
    .command("sync")
    .argument("<name>", "a SAML profile")
    .summary("write a profile per granted role (NAME-ROLE), as sso sync does")
    .description(
      "Write one managed profile per role the identity provider grants, sharing NAME's browser profile;\n" +
        "remove those of roles no longer granted; never touch a profile credo did not write.",
    )
    .option("--refresh", "sign in again for the current roles")
    .option("--dry-run", "print the change as a unified diff and write nothing")
    .addHelpText("after", "\nExamples:\n  credo saml sync corp --dry-run\n  credo saml sync corp")
    .action(
      exitCodeAction(async (name: string, options: { refresh?: boolean; dryRun?: boolean }) => {
        const { runSamlSync } = await import("../saml-profiles/sync-saml-profiles.js");
        return runSamlSync(
          { name, refresh: options.refresh === true, dryRun: options.dryRun === true },
          ctx,
        );
      }),
    );
}
