import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Emulator } from "../emulator/index.js";
import { demoAccounts, seedDemoIdentities, totp } from "../emulator/index.js";
import { directTransport, succeeded } from "../aws/http-transport.js";
import { CredoError } from "../errors.js";
import type { Clock } from "../io/clock.js";
import { updateProfileFile } from "../profile-files/index.js";
import type { CommandResult, RunProgram } from "./demo-step.js";
import type { DevicePrompt } from "./device-approval.js";
import { approveDeviceCode, devicePromptIn } from "./device-approval.js";
import { assertNothingSecretLeft } from "./nothing-secret-left.js";
import { ssoProfilesIn } from "./sso-profiles.js";

export interface DemoDeps {
  /** The temporary HOME every command runs in. */
  home: string;
  emulator: Emulator;
  run: RunProgram;
  say(line: string): void;
  clock: Clock;
}

/** Asks STS who the JS SDK's default credential chain is, as any Node.js tool would. */
const sdkWhoamiScript = [
  'const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");',
  "const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));",
  "console.log(identity.Arn);",
].join("\n");

/**
 * The seeds' story end to end against the embedded emulator, through credo's
 * real commands: a hub with a virtual MFA device, dev and prod roles, one MFA
 * code, credentials for every AWS tool, the console, unauth, and proof that
 * the hub's secret is nowhere in plain text.
 */
export async function runDemo(deps: DemoDeps): Promise<void> {
  const { emulator, home, say } = deps;
  const identities = seedDemoIdentities(emulator);
  const { hub } = identities;
  let stepNumber = 0;
  const step = (title: string, why: string) => {
    stepNumber += 1;
    say(`\n== ${stepNumber}. ${title}\n   ${why}`);
  };
  const credo = async (args: string[], shown = args, options: Parameters<RunProgram>[2] = {}) => {
    say(`$ credo ${shown.join(" ")}`);
    return show(await deps.run("credo", args, options), `credo ${args[0] ?? ""}`);
  };
  const sdkWhoami = async (env: Record<string, string>, label: string) => {
    say(`$ ${label}`);
    return show(
      await deps.run("node", ["--no-warnings", "--input-type=module", "-e", sdkWhoamiScript], {
        env,
      }),
      "the AWS SDK",
    );
  };
  const show = (result: CommandResult, what: string): CommandResult => {
    for (const line of `${result.stdout}${result.stderr}`.trimEnd().split("\n"))
      if (line !== "") say(`  ${line}`);
    if (result.code !== 0)
      throw new CredoError(`The demo stopped: ${what} exited with code ${result.code}.`);
    return result;
  };
  const showFile = async (path: string) => {
    say(`$ cat ~/${path}`);
    const text = (await readFile(join(home, path), "utf8").catch(() => "")).trimEnd();
    for (const line of text === "" ? ["(empty)"] : text.split("\n")) say(`  ${line}`);
  };
  const mfaCode = () => totp(hub.mfaSecret ?? "", deps.clock.now());

  step(
    "A local AWS",
    `The embedded emulator at ${emulator.url} plays STS, IAM, SSO and the console sign-in. IAM user ${hub.userName} in hub account ${hub.account} has a virtual MFA device; roles ${identities.roles.dev} and ${identities.roles.prod} (the latter demands MFA) trust the hub. Everything happens in the temporary home ${home}.`,
  );

  step(
    "Add the hub",
    "The access key goes into the encrypted vault; ~/.aws/config gets a standard profile whose credential_process is credo.",
  );
  const hubArgs = [
    "hub",
    "add",
    "acme",
    "--access-key-id",
    hub.accessKeyId,
    "--mfa-serial",
    hub.mfaSerial ?? "",
    "--region",
    "eu-west-1",
    "--secret-access-key-stdin",
  ];
  await credo(hubArgs, [...hubArgs, "<<< (the secret access key)"], {
    input: `${hub.secretAccessKey}\n`,
  });

  step(
    "Add the dev and prod roles",
    "Standard role profiles with source_profile = acme: every AWS tool can assume them natively.",
  );
  await credo(["role", "add", "dev", "--hub", "acme", "--role-arn", identities.roles.dev]);
  await credo([
    "role",
    "add",
    "prod",
    "--hub",
    "acme",
    "--role-arn",
    identities.roles.prod,
    "--region",
    "eu-central-1",
  ]);
  await showFile(".aws/config");

  step(
    "Authenticate once with an MFA code",
    "The seed's flow: dev's credentials into [default] of ~/.aws/credentials, through the hub's MFA session (cached for 12 hours).",
  );
  await credo(["auth", "dev", "--mfa-code", mfaCode()]);

  step(
    "whoami through the AWS SDK on the written credentials",
    "A Node.js program with the SDK's default chain reads [default].",
  );
  await sdkWhoami({}, "node -e '(STSClient GetCallerIdentity)'");

  step(
    "whoami through credential_process",
    "With AWS_PROFILE=prod the SDK runs `credo process acme` (a cache hit: no second MFA code) and assumes the prod role itself.",
  );
  await sdkWhoami(
    { AWS_PROFILE: "prod" },
    "AWS_PROFILE=prod node -e '(STSClient GetCallerIdentity)'",
  );
  await credo(["whoami", "prod"]);

  step(
    "The AWS console",
    "A sign-in URL through the federation endpoint (valid 15 minutes, so credo prints it only with --print); the demo opens it as a browser would.",
  );
  const printed = await credo(["web", "dev", "--print"]);
  const signedIn = await directTransport({
    method: "GET",
    url: printed.stdout.trim(),
    headers: {},
  });
  const signin = emulator.signins().at(-1);
  say(
    `  (opened: HTTP ${signedIn.status}, the console says: signed in as ${signin?.arn ?? "nobody"})`,
  );
  if (!succeeded(signedIn) || signin === undefined)
    throw new CredoError("The demo stopped: the console sign-in URL did not sign in.");

  step(
    "IAM Identity Center (SSO)",
    `An [sso-session] for the emulator's start URL; \`credo sso login\` with the device code prints a URL and a code, and the demo approves it as the user would in the browser. Then \`credo sso sync\` writes a profile per account and role.`,
  );
  const configFile = join(home, ".aws/config");
  await updateProfileFile(configFile, "config", (document) =>
    document.addSection(
      { kind: "sso-session", name: "demo" },
      {
        sso_start_url: emulator.sso.startUrl,
        sso_region: "eu-west-1",
        sso_registration_scopes: "sso:account:access",
      },
    ),
  );
  say(`(added [sso-session demo] with sso_start_url = ${emulator.sso.startUrl} to ~/.aws/config)`);
  let output = "";
  let approval: Promise<DevicePrompt> | undefined;
  await credo(
    ["sso", "login", "--sso-session", "demo", "--use-device-code", "--no-browser"],
    undefined,
    {
      onOutput: (chunk) => {
        output += chunk;
        const prompt = approval === undefined ? devicePromptIn(output) : undefined;
        if (prompt === undefined) return;
        approval = approveDeviceCode(prompt).then(
          () => prompt,
          (error: unknown) => {
            // A login left waiting would poll until the code expires; denying ends it now.
            emulator.sso.deny(prompt.userCode);
            throw error;
          },
        );
      },
    },
  );
  if (approval === undefined)
    throw new CredoError("The demo stopped: credo sso login showed no device code.");
  const approved = await approval;
  say(`  (the demo opened ${approved.url} and clicked Allow for ${approved.userCode})`);
  const ssoTokens = [
    ...[...emulator.sso.accessTokens.keys()].map((value) => ({
      name: "the SSO access token",
      value,
    })),
    ...[...emulator.sso.refreshTokens.keys()].map((value) => ({
      name: "the SSO refresh token",
      value,
    })),
  ];
  await credo(["sso", "sync", "--sso-session", "demo"]);
  const synced = ssoProfilesIn(await readFile(configFile, "utf8"));
  say("$ cat ~/.aws/config   (the profiles sso sync wrote)");
  for (const line of synced.text.split("\n")) say(`  ${line}`);
  const developer = synced.profiles.find(
    (profile) => profile.accountId === demoAccounts.dev && profile.roleName === "Developer",
  );
  if (developer === undefined)
    throw new CredoError(
      "The demo stopped: sso sync wrote no profile for acme-dev's Developer role.",
    );
  await credo(["whoami", developer.name]);
  await credo(["sso", "logout"]);

  step("Unauth", "Removes the sections credo wrote to ~/.aws/credentials, and nothing else.");
  await credo(["unauth", "--all"]);
  await showFile(".aws/credentials");

  step(
    "Nothing secret in plain text",
    "Every file in the home, the vault included, is searched for the hub's secret access key and the SSO tokens.",
  );
  await assertNothingSecretLeft(
    home,
    [{ name: "the hub's secret access key", value: hub.secretAccessKey }, ...ssoTokens],
    say,
  );
  say("\nDone.");
}
