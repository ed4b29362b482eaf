import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tokenCachePath } from "../../src/sso/token-cache.js";
import { runCredo } from "../support/run-credo.js";
import { useTerminalSession } from "./terminal-session.js";

/**
 * Waits seen on a real terminal (tmux): the device-code display of
 * `credo sso login`, and the spinner of a slow AWS call, which a pipe and
 * `credo process` (whose stderr belongs to the AWS tool) never get.
 */
const session = useTerminalSession("wait");
const { newHome, start } = session;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("credo sso login --use-device-code on a terminal", () => {
  async function ssoHome() {
    const h = await newHome({ empty: true });
    await writeFile(
      join(h.home, ".aws/config"),
      `[sso-session corp]\nsso_start_url = ${h.emu.sso.startUrl}\nsso_region = eu-west-1\n`,
    );
    const run = start(["sso", "login", "--sso-session", "corp", "--use-device-code"], h.env());
    await session.terminal.waitForScreen(run.name, "and check that it shows the code: ");
    const screen = session.terminal.screen(run.name);
    const userCode = /shows the code: (\S+)/.exec(screen)?.[1];
    expect(userCode).toBeDefined();
    expect(screen).toMatch(/Open this URL on any device:\s+http:\/\/127\.0\.0\.1:\d+\/\S+/);
    await session.terminal.waitForScreen(run.name, "Waiting for approval in the browser");
    return {
      h,
      run,
      userCode: userCode!,
      token: tokenCachePath(h.home, { sessionName: "corp", startUrl: h.emu.sso.startUrl }),
    };
  }

  it("shows the URL, the code and a progress line; approving it logs in", async () => {
    const { h, run, userCode, token } = await ssoHome();
    h.emu.sso.approve(userCode);
    expect(await run.exit()).toBe(0);
    expect(await exists(token)).toBe(true);
    expect(session.terminal.screen(run.name)).not.toContain("Waiting for approval in the browser");
  }, 60_000);

  it("Ctrl-C while waiting: exit 130 and no token file", async () => {
    const { run, token } = await ssoHome();
    session.terminal.keys(run.name, "C-c");
    expect(await run.exit()).toBe(130);
    expect(await exists(token)).toBe(false);
  }, 60_000);
});

describe("the spinner of a slow AWS call", () => {
  it("turns on a terminal while GetCallerIdentity is slow, and is cleared when it ends", async () => {
    const h = await newHome();
    h.emu.failNext("sts:GetCallerIdentity", { delayMs: 1500 });
    const run = start(
      ["whoami", "acme", "--mfa-code", h.mfaCode()],
      h.env({ CREDO_PASSPHRASE: h.passphrase }),
    );
    const screens = await run.screensUntilExit();
    expect(await run.exit()).toBe(0);
    expect(screens.some((screen) => /\S Asking AWS who this is/.test(screen))).toBe(true);
    expect(screens.at(-1)).not.toContain("Asking AWS who this is");
    expect(await run.stdout()).toContain("Account:    111111111111");
  }, 60_000);

  it("is absent when stderr is piped", async () => {
    const h = await newHome();
    h.emu.failNext("sts:GetCallerIdentity", { delayMs: 1000 });
    const run = await runCredo(["whoami", "acme", "--mfa-code", h.mfaCode()], {
      env: h.env({ CREDO_PASSPHRASE: h.passphrase }),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  }, 60_000);

  it("is never drawn by `credo process`, even on a terminal", async () => {
    const h = await newHome();
    h.emu.failNext("sts:GetSessionToken", { delayMs: 1500 });
    const run = start(
      ["process", "acme", "--mfa-code", h.mfaCode()],
      h.env({ CREDO_PASSPHRASE: h.passphrase }),
    );
    const screens = await run.screensUntilExit();
    expect(await run.exit()).toBe(0);
    expect(JSON.parse(await run.stdout())).toMatchObject({ Version: 1 });
    expect(screens.every((screen) => screen.trim() === "")).toBe(true);
  }, 60_000);
});
