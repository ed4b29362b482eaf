import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { main } from "../../src/main.js";
import { makeTempHome } from "../support/run-credo.js";
import type { ScriptStep } from "../support/scripted-prompter.js";
import { scriptedPrompter } from "../support/scripted-prompter.js";
import { captureContext } from "../support/test-context.js";

/**
 * The seed's pickers (hub, then account, then role) answered in-process by a
 * scripted prompter; the terminal itself is covered by test/io/tty-prompt.test.ts.
 */
let emu: Emulator;
let demo: DemoIdentities;
let home: string;
let cleanup: () => Promise<void>;

const env = () => ({
  AWS_ENDPOINT_URL: emu.url,
  CREDO_SIGNIN_URL: `${emu.url}/federation`,
  CREDO_PASSPHRASE: "picker-passphrase",
});

/** Runs credo in this process; with a script, its questions are answered from it (stdin counts as a terminal). */
async function run(args: string[], script?: ScriptStep[], extraEnv: Record<string, string> = {}) {
  const prompter = script === undefined ? undefined : scriptedPrompter(script);
  const ctx = captureContext(
    home,
    { ...env(), ...extraEnv },
    prompter === undefined ? {} : { prompter },
  );
  const code = await main(args, ctx);
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr(), prompter };
}

async function credo(args: string[], extraEnv: Record<string, string> = {}) {
  const result = await run(args, undefined, extraEnv);
  expect(result.code, result.stderr).toBe(0);
}

beforeAll(async () => {
  emu = await startEmulator();
  demo = seedDemoIdentities(emu);
  emu.createRole({
    arn: "arn:aws:iam::222222222222:role/ReadOnly",
    trustAccounts: ["111111111111"],
  });
  ({ home, cleanup } = await makeTempHome());
  const hubArgs = ["--from-env", "--mfa-serial", demo.hub.mfaSerial ?? ""];
  const keys = {
    AWS_ACCESS_KEY_ID: demo.hub.accessKeyId,
    AWS_SECRET_ACCESS_KEY: demo.hub.secretAccessKey,
  };
  await credo(["hub", "add", "acme", ...hubArgs, "--region", "eu-west-1"], keys);
  await credo(["hub", "add", "beta", ...hubArgs], keys);
  await credo(["role", "add", "dev", "--hub", "acme", "--role-arn", demo.roles.dev]);
  await credo([
    "role",
    "add",
    "dev-ro",
    "--hub",
    "acme",
    "--account",
    "222222222222",
    "--role",
    "ReadOnly",
  ]);
  await credo(["role", "add", "prod", "--hub", "acme", "--role-arn", demo.roles.prod]);
}, 60_000);

afterAll(async () => {
  await emu.stop();
  await cleanup();
});

describe("the seed's pickers", () => {
  it("credo auth with no NAME: account, then role, then the MFA code (no session is cached yet)", async () => {
    const result = await run(
      ["auth"],
      [
        { kind: "select", question: "Hub:", answer: "acme (3 roles, eu-west-1)" },
        { kind: "select", question: "Account:", answer: "222222222222 (dev, dev-ro)" },
        { kind: "select", question: "Role:", answer: "ReadOnly as dev-ro" },
        {
          kind: "text",
          question: "MFA code for",
          answer: totp(demo.hub.mfaSecret ?? "", Date.now()),
        },
      ],
    );
    expect(result.code, result.stderr).toBe(0);
    const asked = result.prompter?.asked ?? [];
    expect(asked[0]?.choices).toContain("beta (0 roles)");
    expect(asked[2]?.choices).toContain("Developer as dev");
    const credentials = await readFile(join(home, ".aws/credentials"), "utf8");
    expect(credentials).toMatch(/^# credo: temporary credentials from `credo auth dev-ro/m);
    expect(credentials).toMatch(/^\[default\]$/m);
  });

  it("credo web with no NAME: hub, account and role, then signs in as the picked role", async () => {
    const result = await run(
      ["web", "--print", "--mfa-code", totp(demo.hub.mfaSecret ?? "", Date.now())],
      [
        { kind: "select", question: "Hub:", answer: "acme (3 roles, eu-west-1)" },
        { kind: "select", question: "Account:", answer: "333333333333 (prod)" },
      ],
    );
    const asked = result.prompter?.asked ?? [];
    expect(asked[0]?.choices).toContain("beta (0 roles)");
    expect(asked[1]?.choices).toContain("222222222222 (dev, dev-ro)");
    expect(asked[1]?.choices).toContain("acme itself (the hub's MFA session)");
    // One role in that account: no third question.
    expect(asked).toHaveLength(2);
    expect(result.code, result.stderr).toBe(0);
    const before = emu.signins().length;
    const response = await fetch(result.stdout.trim());
    expect(response.status).toBe(200);
    expect(emu.signins()[before]?.arn).toMatch(/^arn:aws:sts::333333333333:assumed-role\/Admin\//);
  });

  it("Ctrl-C at a picker leaves the credentials file as it was", async () => {
    const before = await readFile(join(home, ".aws/credentials"), "utf8").catch(() => undefined);
    const result = await run(
      ["auth"],
      [
        { kind: "select", question: "Hub:", answer: "acme (3 roles, eu-west-1)" },
        { kind: "select", question: "Account:", answer: "cancel" },
      ],
    );
    expect(result.prompter?.asked[1]?.choices).toContain("333333333333 (prod)");
    expect(result.code).toBe(130);
    expect(await readFile(join(home, ".aws/credentials"), "utf8").catch(() => undefined)).toBe(
      before,
    );
  });
});
