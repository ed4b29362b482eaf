import { execFileSync } from "node:child_process";
import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome, projectRoot, runCommand, runCredo } from "../support/run-credo.js";
import type { CredoRun } from "../support/run-credo.js";
import { plantSecret } from "../support/secret-registry.js";
import {
  browserEnvironments,
  chromiumPath,
  closeWindow,
  forgetWindow,
  haveChromium,
  inSignInWindow,
  providerPosts,
  signInAtProvider,
} from "./saml-browser-harness.js";

// The real interpreter behind the pyenv shim, so botocore runs with the test's HOME.
const python = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
  encoding: "utf8",
}).trim();

const account = "333333333333";
const developer = `arn:aws:iam::${account}:role/Developer`;
const readOnly = `arn:aws:iam::${account}:role/ReadOnly`;
const sessionArn = (role: string) =>
  `arn:aws:sts::${account}:assumed-role/${role}/alice@example.com`;

const botocoreScript = `
import json, sys, botocore.session
session = botocore.session.Session(profile=sys.argv[1])
print(json.dumps(session.create_client("sts").get_caller_identity()))
`;

const fromProcessScript = `
import { fromProcess } from "@aws-sdk/credential-providers";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
const client = new STSClient({ credentials: fromProcess({ profile: process.argv[1] }), region: "us-east-1" });
console.log(JSON.stringify(await client.send(new GetCallerIdentityCommand({}))));
`;

/** Each sign-in starts Chromium cold (twice when the user is needed) on two shared cores. */
const browserTimeout = 300_000;

describe.skipIf(!haveChromium)("SAML sign-in through the browser, end to end", () => {
  let emu: Emulator;
  let home: string;
  let cleanup: () => Promise<void>;
  const credoHome = () => join(home, ".credo");
  const env = (extra: Record<string, string> = {}) =>
    homeEnv(home, {
      AWS_ENDPOINT_URL: emu.url,
      AWS_EC2_METADATA_DISABLED: "true",
      CREDO_BROWSER: chromiumPath,
      CREDO_SAML_WINDOW: "headless-devtools",
      ...extra,
    });
  const credo = (args: string[], extra: Record<string, string> = {}) =>
    runCredo(args, { env: env(extra), timeoutMs: browserTimeout });
  /** The same in this process: for runs whose subject is what the command does, not its process. */
  const credoHere = (args: string[], extra: Record<string, string> = {}) =>
    credoInProcess(args, { env: env(extra) });
  /** The same, handed the provider's assertion without a browser: for what credo does with it. */
  const credoGivenAssertion = (args: string[]) =>
    credoInProcess(args, { env: env(), samlBrowser: providerPosts(emu) });
  const forgetSessions = () => rm(join(credoHome(), "cache"), { recursive: true, force: true });
  const arnOf = (run: CredoRun) => {
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { Arn: string }).Arn;
  };

  beforeAll(async () => {
    emu = await startEmulator();
    const providerArn = await emu.saml.registerProvider(account, "ExampleIdP");
    emu.createRole({ arn: developer, trustPrincipals: [providerArn] });
    emu.createRole({ arn: readOnly, trustPrincipals: [providerArn] });
    emu.saml.setRoles([
      { roleArn: developer, providerArn },
      { roleArn: readOnly, providerArn },
    ]);
    ({ home, cleanup } = await makeTempHome());
  }, 60_000);

  afterAll(async () => {
    await emu?.stop();
    await cleanup?.();
  });

  it("saml add writes a managed profile every tool can use", async () => {
    const run = await credoHere([
      "saml",
      "add",
      "corp",
      "--url",
      emu.saml.appUrl,
      "--role-arn",
      developer,
      "--region",
      "us-east-1",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const config = await readFile(join(home, ".aws/config"), "utf8");
    expect(config).toBe(
      "[profile corp]\n" +
        `credential_process = ${join(projectRoot, "bin/credo.js")} process corp\n` +
        `credo_saml_url = ${emu.saml.appUrl}\n` +
        `credo_saml_role_arn = ${developer}\n` +
        "region = us-east-1\n" +
        "credo_managed = saml\n",
    );
  });

  it(
    "the first use signs in on the provider's page; botocore gets the role through credential_process",
    async () => {
      await forgetWindow(credoHome(), "corp");
      const passphrase = "saml-e2e-vault-passphrase";
      plantSecret("passphrase", "a vault passphrase in the environment", passphrase);
      let browsers: string[] = [];
      const [run] = await Promise.all([
        runCommand(python, ["-c", botocoreScript, "corp"], {
          env: env({ CREDO_PASSPHRASE: passphrase }),
          timeoutMs: browserTimeout,
        }),
        inSignInWindow(credoHome(), "corp", emu, async (page) => {
          browsers = await browserEnvironments(join(credoHome(), "saml-browser/corp"));
          await signInAtProvider(page, emu);
        }),
      ]);
      expect(arnOf(run)).toBe(sessionArn("Developer"));
      expect(emu.saml.signIns()).toBe(1);
      // credo's secrets stay out of the browser's environment.
      expect(browsers.length).toBeGreaterThan(0);
      for (const environment of browsers) expect(environment).not.toContain(passphrase);
      expect((await stat(join(credoHome(), "saml-browser/corp"))).mode & 0o777).toBe(0o700);
    },
    browserTimeout,
  );

  it(
    "while the provider's session lives, a new AWS session needs no sign-in (JS SDK fromProcess)",
    async () => {
      await forgetSessions();
      emu.resetCalls();
      const run = await runCommand(
        process.execPath,
        ["--input-type=module", "-e", fromProcessScript, "corp"],
        { env: env(), timeoutMs: browserTimeout },
      );
      expect(arnOf(run)).toBe(sessionArn("Developer"));
      expect(emu.saml.signIns()).toBe(1);
      expect(emu.calls("saml-idp:Password")).toBe(0);
      expect(emu.calls("sts:AssumeRoleWithSAML")).toBe(1);
    },
    browserTimeout,
  );

  it(
    "many concurrent callers cause one sign-in and one AssumeRoleWithSAML",
    async () => {
      await forgetSessions();
      emu.resetCalls();
      const runs = await Promise.all([1, 2, 3, 4].map(() => credo(["process", "corp"])));
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      expect(emu.calls("saml-idp:Application")).toBe(1);
      expect(emu.calls("sts:AssumeRoleWithSAML")).toBe(1);
      // The cached session serves later calls without any browser (none could start here).
      const cached = await credo(["process", "corp"], { CREDO_BROWSER: "/nonexistent/chromium" });
      expect(cached.code, cached.stderr).toBe(0);
      const keyOf = (run: CredoRun) =>
        (JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId;
      expect(keyOf(cached)).toBe(keyOf(runs[0]!));
      expect(emu.calls("saml-idp:Application")).toBe(1);
    },
    browserTimeout,
  );

  it(
    "saml roles lists the granted roles; saml sync writes a profile per role sharing the provider session",
    async () => {
      const roles = await credoHere(["saml", "roles", "corp"]);
      expect(roles.code, roles.stderr).toBe(0);
      expect(roles.stdout).toBe(
        `${developer}  arn:aws:iam::${account}:saml-provider/ExampleIdP\n` +
          `${readOnly}  arn:aws:iam::${account}:saml-provider/ExampleIdP\n`,
      );
      const sync = await credoHere(["saml", "sync", "corp"]);
      expect(sync.code, sync.stderr).toBe(0);
      expect(sync.stderr).toBe("written  corp-Developer\nwritten  corp-ReadOnly\n");
      const again = await credoHere(["saml", "sync", "corp"]);
      expect(again.stderr).toBe("unchanged  corp-Developer\nunchanged  corp-ReadOnly\n");
      const run = await runCommand(python, ["-c", botocoreScript, "corp-ReadOnly"], {
        env: env(),
        timeoutMs: browserTimeout,
      });
      expect(arnOf(run)).toBe(sessionArn("ReadOnly"));
      expect(emu.saml.signIns()).toBe(1);
    },
    browserTimeout,
  );

  describe("refusals, each one clear message and exit code", () => {
    const refused = async (flaw: Parameters<Emulator["saml"]["flawNext"]>[0]) => {
      await forgetSessions();
      const configBefore = await readFile(join(home, ".aws/config"), "utf8");
      emu.saml.flawNext(flaw);
      const run = await credoGivenAssertion(["process", "corp"]);
      expect(run.stdout).toBe("");
      expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(configBefore);
      return run;
    };

    it(
      "a tampered assertion: AWS refused it",
      async () => {
        const run = await refused("tampered");
        expect(run.code).toBe(4);
        expect(run.stderr).toContain(
          `AWS refused the SAML assertion for role ${developer} (profile "corp"): InvalidIdentityTokenException: Response signature invalid.`,
        );
      },
      browserTimeout,
    );

    it(
      "an assertion for another audience: AWS refused it",
      async () => {
        const run = await refused("wrong-audience");
        expect(run.code).toBe(4);
        expect(run.stderr).toMatch(/AWS refused the SAML assertion .*audience/);
      },
      browserTimeout,
    );

    it(
      "an expired assertion",
      async () => {
        const run = await refused("expired");
        expect(run.code).toBe(4);
        expect(run.stderr).toContain(
          'The SAML assertion for profile "corp" had expired when AWS received it (ExpiredTokenException',
        );
      },
      browserTimeout,
    );

    it(
      "an assertion without AWS roles",
      async () => {
        const run = await refused("no-roles");
        expect(run.code).toBe(3);
        expect(run.stderr).toContain(
          `The identity provider's SAML assertion for profile "corp" grants no AWS role`,
        );
      },
      browserTimeout,
    );

    it(
      "several roles, none named and no terminal to pick on: a configuration error naming them",
      async () => {
        const add = await credoHere([
          "saml",
          "add",
          "corp-any",
          "--url",
          emu.saml.appUrl,
          "--region",
          "us-east-1",
        ]);
        expect(add.code, add.stderr).toBe(0);
        const run = await credoGivenAssertion(["process", "corp-any"]);
        expect(run.code).toBe(3);
        expect(run.stderr).toContain(
          'The identity provider grants 2 roles and profile "corp-any" names none, with no terminal to ask on.',
        );
      },
      browserTimeout,
    );

    it(
      "no assertion: the user closed the sign-in window",
      async () => {
        await forgetSessions();
        emu.saml.endSessions();
        await forgetWindow(credoHome(), "corp");
        const [run] = await Promise.all([
          credo(["process", "corp"]),
          inSignInWindow(credoHome(), "corp", emu, closeWindow),
        ]);
        expect(run.code).toBe(4);
        expect(run.stderr).toContain(
          'The identity provider sent no SAML assertion for profile "corp": the sign-in window was closed',
        );
      },
      browserTimeout,
    );

    it(
      "no display to show the sign-in on",
      async () => {
        await forgetSessions();
        const run = await credoInProcess(["process", "corp"], {
          env: { ...env(), CREDO_SAML_WINDOW: "" },
        });
        expect(run.code).toBe(4);
        expect(run.stderr).toContain("there is no display to show the browser on");
      },
      browserTimeout,
    );
  });
});
