import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../support/external-tool.js";
import type { MotoServer } from "../support/moto-server.js";
import { startMotoServer } from "../support/moto-server.js";
import { credoOnPath } from "../support/credo-on-path.js";
import type { CredoRun } from "../support/run-credo.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome, runCommand } from "../support/run-credo.js";
import { hubHomeScryptCost } from "../support/vault-file.js";
import { plantSecret } from "../support/secret-registry.js";

/**
 * moto_server as a second, independent AWS behind credo: a hub whose key
 * moto issued, a role from it, then whoami / export / auth and the AWS
 * CLI through credential_process. moto checks neither signatures nor MFA
 * codes, so any six digits do; what it proves is that credo's requests and
 * its reading of the answers hold against another implementation of STS.
 */

/** An IAM user with an access key and a virtual MFA device, and a role trusting the account, made with boto3. */
const setUpScript = `
import boto3, json, sys
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="testing", aws_secret_access_key="testing")
iam.create_user(UserName="alice")
key = iam.create_access_key(UserName="alice")["AccessKey"]
device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]
iam.enable_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"],
                      AuthenticationCode1="123456", AuthenticationCode2="654321")
account = device["SerialNumber"].split(":")[4]
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
         "Principal": {"AWS": "arn:aws:iam::%s:root" % account}}]}
role = iam.create_role(RoleName="Dev", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
print(json.dumps({"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"],
                  "mfaSerial": device["SerialNumber"], "roleArn": role["Arn"], "account": account}))
`;

interface MotoIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial: string;
  roleArn: string;
  account: string;
}

describe.skipIf(lacks("moto_server", "boto3", "aws"))("credo against moto_server", () => {
  let moto: MotoServer | undefined;
  let endpoint = "";
  let identity: MotoIdentity;
  let home: string;
  let cleanup: () => Promise<void>;
  let path: string;
  const env = (extra: Record<string, string> = {}) =>
    homeEnv(home, {
      PATH: path,
      AWS_ENDPOINT_URL: endpoint,
      CREDO_PASSPHRASE: "moto-cli-passphrase",
      ...extra,
    });
  const credo = (args: string[], input?: string): Promise<CredoRun> =>
    credoInProcess(args, {
      env: env(),
      vaultScryptCost: hubHomeScryptCost,
      ...(input === undefined ? {} : { input }),
    });
  const expectOk = (run: CredoRun) => expect(run.code, run.stderr).toBe(0);

  beforeAll(async () => {
    moto = await startMotoServer(100);
    endpoint = moto.endpoint;
    const setUp = await runCommand("python3", ["-c", setUpScript, endpoint]);
    expect(setUp.code, setUp.stderr).toBe(0);
    identity = JSON.parse(setUp.stdout) as MotoIdentity;
    plantSecret("long-term-secret", "moto hub secret key", identity.secretAccessKey);
    plantSecret("passphrase", "moto vault passphrase", "moto-cli-passphrase");
    ({ home, cleanup } = await makeTempHome());
    ({ path } = await credoOnPath(home));
  }, 120_000);

  afterAll(async () => {
    moto?.stop();
    await cleanup?.();
  });

  it("hub add and role add with moto's key and role", async () => {
    expectOk(
      await credo(
        [
          "hub",
          "add",
          "acme",
          "--access-key-id",
          identity.accessKeyId,
          "--mfa-serial",
          identity.mfaSerial,
          "--region",
          "us-east-1",
          "--secret-access-key-stdin",
        ],
        `${identity.secretAccessKey}\n`,
      ),
    );
    expectOk(await credo(["role", "add", "dev", "--hub", "acme", "--role-arn", identity.roleArn]));
  });

  it("whoami resolves the chain hub -> MFA session -> role through moto", async () => {
    const run = await credo(["whoami", "dev", "--mfa-code", "123456"]);
    expectOk(run);
    expect(run.stdout).toContain(identity.account);
    expect(run.stdout).toMatch(new RegExp(`arn:aws:sts::${identity.account}:assumed-role/Dev/`));
    expect(run.stdout).not.toContain(identity.secretAccessKey);
  });

  it("export prints the role's temporary credentials, which moto recognises", async () => {
    const run = await credo(["export", "dev", "--format", "credential-process"]);
    expectOk(run);
    const exported = JSON.parse(run.stdout) as {
      AccessKeyId: string;
      SecretAccessKey: string;
      SessionToken: string;
    };
    plantSecret("session-token", "moto role session token", exported.SessionToken);
    expect(exported.AccessKeyId).not.toBe(identity.accessKeyId);
    const aws = await runCommand("aws", ["sts", "get-caller-identity", "--output", "json"], {
      env: {
        HOME: home,
        AWS_ENDPOINT_URL: endpoint,
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: exported.AccessKeyId,
        AWS_SECRET_ACCESS_KEY: exported.SecretAccessKey,
        AWS_SESSION_TOKEN: exported.SessionToken,
      },
    });
    expect(aws.code, aws.stderr).toBe(0);
    expect((JSON.parse(aws.stdout) as { Arn: string }).Arn).toMatch(
      new RegExp(`^arn:aws:sts::${identity.account}:assumed-role/Dev/`),
    );
  });

  it("auth writes the role's credentials, and the AWS CLI uses them and credential_process", async () => {
    expectOk(await credo(["auth", "dev", "--as", "motodev"]));
    const awsEnv = homeEnv(home, { PATH: path, AWS_ENDPOINT_URL: endpoint });
    const fromFile = await runCommand(
      "aws",
      ["sts", "get-caller-identity", "--profile", "motodev", "--region", "us-east-1"],
      { env: awsEnv },
    );
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(new RegExp(`assumed-role/Dev/`));
    // The AWS CLI assumes dev itself, from acme's `credential_process = credo process acme` (a cache hit).
    const throughProcess = await runCommand(
      "aws",
      ["sts", "get-caller-identity", "--profile", "dev", "--region", "us-east-1"],
      { env: awsEnv },
    );
    expect(throughProcess.code, throughProcess.stderr).toBe(0);
    expect(throughProcess.stdout).toMatch(new RegExp(`assumed-role/Dev/`));
  });
});
