import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenCachePath } from "../../src/sso/token-cache.js";
import { runCredo } from "../support/run-credo.js";
import type { Terminal } from "../config-menu/terminal.js";
import { openTerminal } from "../config-menu/terminal.js";
import type { HubHome } from "./hub-home.js";
import { hubHome } from "./hub-home.js";

/**
 * Waits seen on a real terminal (tmux): the device-code display of
 * `credo sso login`, and the spinner of a slow AWS call, which a pipe and
 * `credo process` (whose stderr belongs to the AWS tool) never get.
 */
let terminal: Terminal;
let scratch: string;
const homes: HubHome[] = [];

beforeAll(async () => {
  terminal = openTerminal();
  scratch = await mkdtemp(join(tmpdir(), "credo-terminal-"));
}, 120_000);
afterAll(async () => {
  await terminal.close();
  await Promise.all(homes.map((home) => home.cleanup()));
  await rm(scratch, { recursive: true, force: true });
});

async function newHome(options: { empty?: boolean } = {}): Promise<HubHome> {
  const home = await hubHome(options);
  homes.push(home);
  return home;
}

let runs = 0;
function start(args: string[], env: Record<string, string>) {
  runs += 1;
  const name = `wait${runs}`;
  const codeFile = join(scratch, `${name}.code`);
  const stdoutFile = join(scratch, `${name}.out`);
  terminal.start(name, args, env, codeFile, stdoutFile);
  return {
    name,
    exit: () => terminal.waitForExit(codeFile),
    stdout: () => readFile(stdoutFile, "utf8"),
    /** Every screen seen until the command exits, sampled as a person would glance at it. */
    async screensUntilExit(): Promise<string[]> {
      const screens: string[] = [];
      for (;;) {
        screens.push(terminal.screen(name));
        const code = await readFile(codeFile, "utf8").catch(() => "");
        if (code.endsWith("\n")) return screens;
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    },
  };
}

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
    await terminal.waitForScreen(run.name, "and check that it shows the code: ");
    const screen = terminal.screen(run.name);
    const userCode = /shows the code: (\S+)/.exec(screen)?.[1];
    expect(userCode).toBeDefined();
    expect(screen).toMatch(/Open this URL on any device:\s+http:\/\/127\.0\.0\.1:\d+\/\S+/);
    await terminal.waitForScreen(run.name, "Waiting for approval in the browser");
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
    expect(terminal.screen(run.name)).not.toContain("Waiting for approval in the browser");
  }, 60_000);

  it("Ctrl-C while waiting: exit 130 and no token file", async () => {
    const { run, token } = await ssoHome();
    terminal.keys(run.name, "C-c");
    expect(await run.exit()).toBe(130);
    expect(await exists(token)).toBe(false);
  }, 60_000);
});

describe("the spinner of a slow AWS call", () => {
  it("turns on a terminal while GetCallerIdentity is slow, and is cleared when it ends", async () => {
    const h = await newHome();
    h.emu.failNext("sts:GetCallerIdentity", { delayMs: 1500 });
    const run = start(
      ["whoami", "acme", "--mfa-code", h.code()],
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
    const run = await runCredo(["whoami", "acme", "--mfa-code", h.code()], {
      env: h.env({ CREDO_PASSPHRASE: h.passphrase }),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  }, 60_000);

  it("is never drawn by `credo process`, even on a terminal", async () => {
    const h = await newHome();
    h.emu.failNext("sts:GetSessionToken", { delayMs: 1500 });
    const run = start(
      ["process", "acme", "--mfa-code", h.code()],
      h.env({ CREDO_PASSPHRASE: h.passphrase }),
    );
    const screens = await run.screensUntilExit();
    expect(await run.exit()).toBe(0);
    expect(JSON.parse(await run.stdout())).toMatchObject({ Version: 1 });
    expect(screens.every((screen) => screen.trim() === "")).toBe(true);
  }, 60_000);
});
