import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { lacks } from "../support/external-tool.js";
import type { MotoServer } from "../support/moto-server.js";
import { startMotoServer } from "../support/moto-server.js";
import { homeEnv, makeTempHome, runCommand } from "../support/run-credo.js";
import { chromiumPath, haveChromium, providerPosts } from "./saml-browser-harness.js";

/**
 * moto_server's STS as a second AssumeRoleWithSAML: the emulator is the
 * identity provider, moto answers the exchange. moto checks no signature,
 * audience or trust; what it proves is that credo's reading of the assertion
 * (role and provider from the Role attribute) and its STS request hold
 * against another implementation. The browser that fetches the assertion is
 * saml-e2e.test.ts's subject: here credo is handed the assertion the
 * provider posts, as its browser would hand it over (the browser is found as
 * for a sign-in, and never started).
 */
const motoAvailable = !lacks("moto_server", "boto3");

const setUpScript = `
import boto3, json, sys
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="testing", aws_secret_access_key="testing")
account = boto3.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing").get_caller_identity()["Account"]
provider = "arn:aws:iam::%s:saml-provider/ExampleIdP" % account
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML",
         "Principal": {"Federated": provider},
         "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
role = iam.create_role(RoleName="SamlDev", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
print(json.dumps({"roleArn": role["Arn"], "providerArn": provider, "account": account}))
`;

const callerScript = `
import json, sys, botocore.session
session = botocore.session.Session(profile=sys.argv[1])
print(json.dumps(session.create_client("sts").get_caller_identity()))
`;

const timeout = 300_000;

describe.skipIf(!motoAvailable || !haveChromium)("SAML with moto_server's STS", () => {
  let moto: MotoServer | undefined;
  let endpoint = "";
  let emu: Emulator;
  let home: string;
  let cleanup: () => Promise<void>;
  let setUp: { roleArn: string; providerArn: string; account: string };

  beforeAll(async () => {
    moto = await startMotoServer(200);
    endpoint = moto.endpoint;
    const run = await runCommand("python3", ["-c", setUpScript, endpoint]);
    expect(run.code, run.stderr).toBe(0);
    setUp = JSON.parse(run.stdout) as typeof setUp;
    emu = await startEmulator();
    emu.saml.setRoles([{ roleArn: setUp.roleArn, providerArn: setUp.providerArn }]);
    ({ home, cleanup } = await makeTempHome());
  }, 120_000);

  afterAll(async () => {
    moto?.stop();
    await emu?.stop();
    await cleanup?.();
  });

  it(
    "the assertion's role goes to moto's AssumeRoleWithSAML, and botocore uses the session",
    async () => {
      const env = homeEnv(home, {
        AWS_ENDPOINT_URL: endpoint,
        AWS_EC2_METADATA_DISABLED: "true",
        CREDO_BROWSER: chromiumPath,
      });
      const add = await credoInProcess(
        ["saml", "add", "moto", "--url", emu.saml.appUrl, "--region", "us-east-1"],
        { env },
      );
      expect(add.code, add.stderr).toBe(0);
      // credo signs in and caches the session moto gives ...
      const signIn = await credoInProcess(["process", "moto"], {
        env,
        samlBrowser: providerPosts(emu),
      });
      expect(signIn.code, signIn.stderr).toBe(0);
      // ... and botocore's credential_process is served that session, with no browser to start.
      const run = await runCommand("python3", ["-c", callerScript, "moto"], {
        env: { ...env, CREDO_BROWSER: "/nonexistent/chromium" },
        timeoutMs: timeout,
      });
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as { Arn: string }).Arn).toBe(
        `arn:aws:sts::${setUp.account}:assumed-role/SamlDev/alice@example.com`,
      );
    },
    timeout,
  );
});
