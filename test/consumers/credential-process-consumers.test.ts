import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { runCommand } from "../support/run-credo.js";

// The real interpreter behind the pyenv shim, so the tools run with the test's HOME.
const python = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
  encoding: "utf8",
}).trim();

let h: HubHome;
let devRoleName: string;

function toolEnv(): Record<string, string> {
  return h.env({ AWS_EC2_METADATA_DISABLED: "true" });
}

async function callerArn(command: string, args: string[]): Promise<string> {
  const run = await runCommand(command, args, { env: toolEnv(), timeoutMs: 60_000 });
  expect(run.stderr).not.toMatch(/Traceback|Error/);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { Arn: string }).Arn;
}

const botocoreScript = `
import json, sys, botocore.session
session = botocore.session.Session(profile=sys.argv[1])
print(json.dumps(session.create_client("sts").get_caller_identity()))
`;

const fromIniScript = `
import { fromIni } from "@aws-sdk/credential-providers";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
const profile = process.argv[1];
const client = new STSClient({ credentials: fromIni({ profile }), region: "us-east-1" });
console.log(JSON.stringify(await client.send(new GetCallerIdentityCommand({}))));
`;

beforeAll(async () => {
  // No terminal here: the hub's MFA code comes from credo_mfa_process.
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
  devRoleName = h.demo.roles.dev.split("/").pop() ?? "";
});

afterAll(async () => {
  await h.cleanup();
});

beforeEach(() => h.emu.resetCalls());

describe("credential_process = credo process acme, consumed by real clients", () => {
  it("the AWS CLI v1: the hub profile and a native role profile over it", async () => {
    expect(
      await callerArn(python, [
        "-m",
        "awscli",
        "sts",
        "get-caller-identity",
        "--profile",
        "acme",
        "--output",
        "json",
      ]),
    ).toBe(h.demo.hub.arn);
    expect(
      await callerArn(python, [
        "-m",
        "awscli",
        "sts",
        "get-caller-identity",
        "--profile",
        "dev",
        "--output",
        "json",
      ]),
    ).toMatch(new RegExp(`^arn:aws:sts::222222222222:assumed-role/${devRoleName}/`));
    // Both went through one cached hub session.
    expect(h.emu.calls("sts:GetSessionToken")).toBeLessThanOrEqual(1);
  });

  it("botocore directly", async () => {
    expect(await callerArn(python, ["-c", botocoreScript, "acme"])).toBe(h.demo.hub.arn);
    expect(await callerArn(python, ["-c", botocoreScript, "dev"])).toMatch(
      new RegExp(`:assumed-role/${devRoleName}/`),
    );
  });

  it("@aws-sdk/credential-providers fromIni", async () => {
    const node = (profile: string) =>
      callerArn(process.execPath, ["--input-type=module", "-e", fromIniScript, profile]);
    expect(await node("acme")).toBe(h.demo.hub.arn);
    expect(await node("dev")).toMatch(new RegExp(`:assumed-role/${devRoleName}/`));
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
  });
});
