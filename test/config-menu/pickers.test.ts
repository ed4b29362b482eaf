import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import type { Terminal } from "./terminal.js";
import { lacksTmux, openTerminal } from "./terminal.js";

const noTmux = lacksTmux();

let emu: Emulator;
let demo: DemoIdentities;
let home: string;
let cleanup: () => Promise<void>;
let terminal: Terminal;

const env = () =>
  homeEnv(home, {
    AWS_ENDPOINT_URL: emu.url,
    CREDO_SIGNIN_URL: `${emu.url}/federation`,
    CREDO_PASSPHRASE: "picker-passphrase",
  }) as Record<string, string>;

async function credo(args: string[], input?: string) {
  const run = await runCredo(args, { env: env(), ...(input === undefined ? {} : { input }) });
  expect(run.code, run.stderr).toBe(0);
}

beforeAll(async () => {
  if (noTmux) return;
  emu = await startEmulator();
  demo = seedDemoIdentities(emu);
  emu.createRole({
    arn: "arn:aws:iam::222222222222:role/ReadOnly",
    trustAccounts: ["111111111111"],
  });
  ({ home, cleanup } = await makeTempHome());
  terminal = openTerminal();
  const hubArgs = [
    "--access-key-id",
    demo.hub.accessKeyId,
    "--mfa-serial",
    demo.hub.mfaSerial ?? "",
    "--secret-access-key-stdin",
  ];
  await credo(
    ["hub", "add", "acme", ...hubArgs, "--region", "eu-west-1"],
    `${demo.hub.secretAccessKey}\n`,
  );
  await credo(["hub", "add", "beta", ...hubArgs], `${demo.hub.secretAccessKey}\n`);
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
  if (noTmux) return;
  await terminal.close();
  await emu.stop();
  await cleanup();
});

describe.skipIf(noTmux)("the seed's pickers in a real terminal", () => {
  it("credo auth with no NAME: account, then role, then the MFA code on the terminal (no session is cached yet)", async () => {
    const codeFile = join(home, "auth.code");
    terminal.start("auth", ["auth"], env(), codeFile);
    await terminal.waitForScreen("auth", "beta (0 roles)");
    terminal.keys("auth", "Enter");
    await terminal.waitForScreen("auth", "222222222222 (dev, dev-ro)");
    terminal.keys("auth", "Down", "Enter");
    await terminal.waitForScreen("auth", "ReadOnly as dev-ro");
    expect(terminal.screen("auth")).toContain("Developer as dev");
    terminal.keys("auth", "Down", "Enter");
    await terminal.waitForScreen("auth", "MFA code for");
    terminal.type("auth", totp(demo.hub.mfaSecret ?? "", Date.now()));
    terminal.keys("auth", "Enter");
    expect(await terminal.waitForExit(codeFile), terminal.screen("auth")).toBe(0);
    const credentials = await readFile(join(home, ".aws/credentials"), "utf8");
    expect(credentials).toMatch(/^# credo: temporary credentials from `credo auth dev-ro/m);
    expect(credentials).toMatch(/^\[default\]$/m);
  });

  it("credo web with no NAME: hub, account and role by arrow keys, then signs in as the picked role", async () => {
    const codeFile = join(home, "web.code");
    const stdoutFile = join(home, "web.stdout");
    terminal.start(
      "web",
      ["web", "--print", "--mfa-code", totp(demo.hub.mfaSecret ?? "", Date.now())],
      env(),
      codeFile,
      stdoutFile,
    );
    await terminal.waitForScreen("web", "beta (0 roles)");
    expect(terminal.screen("web")).toContain("acme (3 roles, eu-west-1)");
    terminal.keys("web", "Enter");
    await terminal.waitForScreen("web", "333333333333 (prod)");
    expect(terminal.screen("web")).toContain("222222222222 (dev, dev-ro)");
    expect(terminal.screen("web")).toContain("acme itself (the hub's MFA session)");
    terminal.keys("web", "Down", "Down", "Enter");
    // One role in that account: no third question.
    expect(await terminal.waitForExit(codeFile)).toBe(0);
    const before = emu.signins().length;
    const response = await fetch((await readFile(stdoutFile, "utf8")).trim());
    expect(response.status).toBe(200);
    expect(emu.signins()[before]?.arn).toMatch(/^arn:aws:sts::333333333333:assumed-role\/Admin\//);
  });

  it("Ctrl-C at a picker leaves the credentials file as it was", async () => {
    const before = await readFile(join(home, ".aws/credentials"), "utf8").catch(() => undefined);
    const codeFile = join(home, "cancel.code");
    terminal.start("cancel", ["auth"], env(), codeFile);
    await terminal.waitForScreen("cancel", "beta (0 roles)");
    terminal.keys("cancel", "Enter");
    await terminal.waitForScreen("cancel", "333333333333 (prod)");
    terminal.keys("cancel", "C-c");
    expect(await terminal.waitForExit(codeFile)).toBe(130);
    expect(await readFile(join(home, ".aws/credentials"), "utf8").catch(() => undefined)).toBe(
      before,
    );
  });
});
