import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCredoProcessCommand } from "../../src/providers/credo-process-command.js";
import { processCredentials } from "../../src/providers/process-credentials.js";
import { resolveCredentials } from "../../src/providers/resolve.js";
import { spawnProcess } from "../../src/io/run-process.js";
import { resolveInputsFor } from "./resolve-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "credo-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A helper that prints its first argument as stdout, and exits with its second. */
const helper = join(dir, "helper.cjs");
writeFileSync(
  helper,
  `process.stdout.write(process.argv[2] ?? ""); process.stderr.write("helper says: " + (process.argv[4] ?? "")); process.exit(Number(process.argv[3] ?? 0));\n`,
);
const now = Date.parse("2022-05-01T00:00:00Z");

function run(stdout: string, exitCode = 0, accountId?: string, timeoutMs?: number) {
  const command = `node ${helper} '${stdout}' ${exitCode} oops`;
  return processCredentials({
    profile: "p",
    command,
    env: { PATH: process.env["PATH"] ?? "" },
    now,
    runProcess: spawnProcess,
    ...(accountId === undefined ? {} : { accountId }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

describe("credential_process (profile-provider credential_process cases, without a shell)", () => {
  const full = {
    Version: 1,
    AccessKeyId: "ASIARTESTID",
    SecretAccessKey: "TESTSECRETKEY",
    SessionToken: "TESTSESSIONTOKEN",
    AccountId: "123456789002",
    Expiration: "2022-05-02T18:36:00+00:00",
  };

  it("reads Version 1 output with Expiration and AccountId", async () => {
    await expect(run(JSON.stringify(full), 0, "123456789001")).resolves.toEqual({
      accessKeyId: "ASIARTESTID",
      secretAccessKey: "TESTSECRETKEY",
      sessionToken: "TESTSESSIONTOKEN",
      accountId: "123456789002",
      expiration: new Date(1651516560_000),
    });
  });

  it("falls back to the profile's aws_account_id", async () => {
    const withoutAccount: Partial<typeof full> = { ...full };
    delete withoutAccount.AccountId;
    await expect(run(JSON.stringify(withoutAccount), 0, "123456789001")).resolves.toMatchObject({
      accountId: "123456789001",
    });
  });

  it.each([
    ["a non-zero exit", "{}", 3, /exited with code 3: helper says: oops/],
    ["garbage", "not json", 0, /printed invalid JSON/],
    ["another Version", JSON.stringify({ ...full, Version: 2 }), 0, /unsupported Version 2/],
    [
      "a missing SecretAccessKey",
      JSON.stringify({ Version: 1, AccessKeyId: "A" }),
      0,
      /without SecretAccessKey/,
    ],
    [
      "expired credentials",
      JSON.stringify({ ...full, Expiration: "2022-04-01T00:00:00Z" }),
      0,
      /expired at 2022-04-01/,
    ],
  ])("fails clearly on %s", async (_case, stdout, exitCode, message) => {
    await expect(run(stdout, exitCode)).rejects.toThrow(message);
  });

  it("fails clearly on a timeout", async () => {
    const sleeper = join(dir, "sleep.cjs");
    writeFileSync(sleeper, "setTimeout(() => undefined, 10000);\n");
    await expect(
      processCredentials({
        profile: "p",
        command: `node ${sleeper}`,
        env: { PATH: process.env["PATH"] ?? "" },
        now,
        runProcess: spawnProcess,
        timeoutMs: 200,
      }),
    ).rejects.toThrow(/timed out/);
  });

  it("never involves a shell: `| base64` stays two plain arguments", async () => {
    // Through a shell the JSON would be piped into base64 and no longer parse.
    const result = await processCredentials({
      profile: "p",
      command: `node ${helper} '${JSON.stringify(full)}' 0 x | base64`,
      env: { PATH: process.env["PATH"] ?? "" },
      now,
      runProcess: spawnProcess,
    });
    expect(result.accessKeyId).toBe("ASIARTESTID");
  });
});

describe("credo's own hub behind credential_process", () => {
  it.each([
    ["credo process acme", "acme"],
    ["/opt/credo/bin/credo.js process acme", "acme"],
    ["node /opt/credo/bin/credo.js process --profile acme", "acme"],
    ["'/opt/my tools/credo' process --profile=acme", "acme"],
    ["credo process", undefined],
    ["credo export acme", undefined],
    ["aws-vault export acme", undefined],
    ["node other.js process acme", undefined],
  ])("parses %s", (command, hub) => {
    expect(parseCredoProcessCommand(command)).toBe(hub);
  });

  it("calls hubCredentials instead of spawning credo, and reports custom-process", async () => {
    const hubCalls: string[] = [];
    const inputs = await resolveInputsFor(
      {},
      {
        config:
          "[profile acme]\ncredential_process = /nonexistent/bin/credo.js process acme\nregion = eu-west-1\n",
      },
      {
        profileOption: "acme",
        hubCredentials: async (name) => {
          hubCalls.push(name);
          return {
            accessKeyId: "ASIAHUB",
            secretAccessKey: "hub-secret",
            sessionToken: "hub-token",
          };
        },
      },
    );
    const resolution = await resolveCredentials(inputs);
    expect(hubCalls).toEqual(["acme"]);
    expect(resolution).toMatchObject({
      source: "custom-process",
      profile: "acme",
      region: "eu-west-1",
      credentials: { accessKeyId: "ASIAHUB" },
    });
  });
});

describe("credential_process on Windows (botocore's compat_shell_split uses the C runtime's rules there)", () => {
  it("keeps the backslashes of a Windows path and splits on double quotes only", async () => {
    const seen: string[][] = [];
    const inputs = await resolveInputsFor(
      {},
      {
        config: String.raw`[profile win]
credential_process = C:\tools\helper.exe --profile "team a" C:\Users\me\.aws\key
`,
      },
      {
        platform: "windows",
        runProcess: async (argv) => {
          seen.push([...argv]);
          return {
            exitCode: 0,
            signal: null,
            timedOut: false,
            stdout: JSON.stringify({ Version: 1, AccessKeyId: "AKIDWIN", SecretAccessKey: "S" }),
            stderr: "",
          };
        },
      },
    );
    const resolution = await resolveCredentials({ ...inputs, profileOption: "win" });
    expect(resolution.credentials.accessKeyId).toBe("AKIDWIN");
    expect(seen).toEqual([
      [String.raw`C:\tools\helper.exe`, "--profile", "team a", String.raw`C:\Users\me\.aws\key`],
    ]);
  });
});
