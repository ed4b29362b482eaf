import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import { processCredentials } from "../../src/providers/process-credentials.js";
import { spawnProcess } from "../../src/io/run-process.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";

let home: string;
let cleanup: () => Promise<void>;

const helpers: Record<string, string> = {
  garbage: `process.stdout.write("\\u0000{not json")`,
  nothing: ``,
  "non-zero": `process.stderr.write("token expired, log in again\\n"); process.exit(3)`,
  "no secret": `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIA" }))`,
  "version 2": `process.stdout.write(JSON.stringify({ Version: 2, AccessKeyId: "AKIA", SecretAccessKey: "s" }))`,
  expired: `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIA", SecretAccessKey: "s", Expiration: "2001-01-01T00:00:00Z" }))`,
};

beforeAll(async () => {
  ({ home, cleanup } = await makeTempHome());
  await mkdir(join(home, ".aws"));
  const sections: string[] = [];
  for (const [name, script] of Object.entries(helpers)) {
    const file = join(home, `${name.replace(/ /g, "-")}.cjs`);
    await writeFile(file, script);
    sections.push(
      `[profile ${name.replace(/ /g, "-")}]\ncredential_process = ${process.execPath} ${file}\n`,
    );
  }
  await writeFile(join(home, ".aws/config"), sections.join("\n"));
});

afterAll(async () => {
  await cleanup();
});

describe("a credential_process that misbehaves, through credo export", () => {
  it.each([
    ["garbage", /printed invalid JSON/],
    ["nothing", /printed invalid JSON/],
    ["non-zero", /exited with code 3: token expired, log in again/],
    ["no secret", /without SecretAccessKey/],
    ["version 2", /unsupported Version 2/],
    ["expired", /expired at 2001-01-01/],
  ])("%s: exit 4 and one message", async (name, message) => {
    const run = await runCredo(["export", name.replace(/ /g, "-")], { env: homeEnv(home) });
    expect(run.stdout).toBe("");
    expect(run.code).toBe(4);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^credo: credential_process of profile /);
    expect(lines[0]).toMatch(message);
    expect(lines).toHaveLength(2);
  });
});

describe("a credential_process that hangs", () => {
  it("is stopped at the timeout with an auth error", async () => {
    // A timeout that did not fire would leave this waiting for ever (the test's own timeout).
    const error = await processCredentials({
      profile: "hangs",
      command: `${process.execPath} -e "setInterval(() => {}, 1000)"`,
      env: { PATH: process.env.PATH },
      now: Date.now(),
      runProcess: spawnProcess,
      timeoutMs: 300,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredoError);
    expect((error as CredoError).message).toBe('credential_process of profile "hangs" timed out.');
  });
});
