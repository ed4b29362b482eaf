import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startEmulator,
  totp,
  type Emulator,
  type EmulatedUserCredentials,
} from "../../src/emulator/index.js";

/** Run a program with input on stdin (secrets never go on a command line); resolve stdout, or reject with stderr. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, input = ""): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${command} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}

// botocore signs, serialises and parses independently of the JS SDK: if it
// accepts the emulator's answers and the emulator accepts its signatures, the
// protocol is the real one.
const botocoreScript = `
import json, sys, boto3
p = json.load(sys.stdin)
def sts(creds=None):
    kwargs = dict(region_name="us-east-1", endpoint_url=p["url"])
    if creds:
        kwargs.update(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
    else:
        kwargs.update(aws_access_key_id=p["accessKeyId"], aws_secret_access_key=p["secretAccessKey"])
    return boto3.client("sts", **kwargs)
out = {}
session = sts().get_session_token(SerialNumber=p["serial"], TokenCode=p["code"], DurationSeconds=3600)["Credentials"]
out["sessionKeyId"] = session["AccessKeyId"]
out["sessionExpiration"] = session["Expiration"].isoformat()
role = sts(session).assume_role(RoleArn=p["roleArn"], RoleSessionName="boto", ExternalId="ext-1")
out["assumedArn"] = role["AssumedRoleUser"]["Arn"]
out["identity"] = {k: v for k, v in sts(role["Credentials"]).get_caller_identity().items() if k != "ResponseMetadata"}
try:
    sts().get_session_token(SerialNumber=p["serial"], TokenCode="000000" if p["code"] != "000000" else "111111")
    out["wrongCode"] = "accepted"
except Exception as e:
    out["wrongCode"] = e.response["Error"]["Code"]
print(json.dumps(out))
`;

describe("botocore and the AWS CLI against the emulator", () => {
  let emu: Emulator;
  let frank: EmulatedUserCredentials;
  let home: string;
  let baseEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    emu = await startEmulator();
    frank = emu.createUser({ account: "888888888888", userName: "frank", mfa: true });
    emu.createRole({
      arn: "arn:aws:iam::999999999999:role/Ops",
      trustAccounts: ["888888888888"],
      requireMfa: true,
      externalId: "ext-1",
    });
    home = mkdtempSync(join(tmpdir(), "credo-emulator-botocore-"));
    // Only what the tools need: an empty home so no real ~/.aws is read.
    baseEnv = {
      PATH: process.env["PATH"],
      HOME: home,
      AWS_CONFIG_FILE: join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      ...(process.env["PYENV_ROOT"] === undefined ? {} : { PYENV_ROOT: process.env["PYENV_ROOT"] }),
    };
  });
  afterAll(async () => {
    await emu.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("boto3: GetSessionToken with MFA, AssumeRole, GetCallerIdentity, and a wrong code refused", async () => {
    const input = JSON.stringify({
      url: emu.url,
      accessKeyId: frank.accessKeyId,
      secretAccessKey: frank.secretAccessKey,
      serial: frank.mfaSerial,
      code: totp(frank.mfaSecret!, Date.now()),
      roleArn: "arn:aws:iam::999999999999:role/Ops",
    });
    const result = JSON.parse(
      await run("python3", ["-c", botocoreScript], baseEnv, input),
    ) as Record<string, unknown>;
    expect(result["sessionKeyId"]).toMatch(/^ASIA/);
    expect(result["assumedArn"]).toBe("arn:aws:sts::999999999999:assumed-role/Ops/boto");
    expect(result["identity"]).toMatchObject({
      Account: "999999999999",
      Arn: "arn:aws:sts::999999999999:assumed-role/Ops/boto",
    });
    expect(result["wrongCode"]).toBe("AccessDenied");
    expect(emu.calls("sts:GetSessionToken")).toBe(2);
    expect(emu.calls("sts:AssumeRole")).toBe(1);
  });

  it("AWS CLI v1: sts get-caller-identity with --endpoint-url and with AWS_ENDPOINT_URL_STS", async () => {
    const env = {
      ...baseEnv,
      AWS_ACCESS_KEY_ID: frank.accessKeyId,
      AWS_SECRET_ACCESS_KEY: frank.secretAccessKey,
      AWS_DEFAULT_REGION: "us-east-1",
    };
    const viaFlag = JSON.parse(
      await run(
        "aws",
        ["sts", "get-caller-identity", "--endpoint-url", emu.url, "--output", "json"],
        env,
      ),
    ) as Record<string, string>;
    expect(viaFlag).toMatchObject({ Account: "888888888888", Arn: frank.arn });
    const viaEnv = JSON.parse(
      await run("aws", ["sts", "get-caller-identity", "--output", "json"], {
        ...env,
        AWS_ENDPOINT_URL_STS: emu.url,
      }),
    ) as Record<string, string>;
    expect(viaEnv["Arn"]).toBe(frank.arn);
  });
});
