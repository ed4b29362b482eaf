import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { homeEnv, makeTempHome, projectRoot, runCredo } from "../support/run-credo.js";
import { storeHubKeys } from "../support/unlocked-vault.js";
import { lacks, toolPath } from "../support/external-tool.js";
import { hubConfig } from "../support/hub-home.js";

const passphrase = "web-profiles-test-passphrase";
const chromiumPath = toolPath("chromium");
const firefoxPath = toolPath("firefox");
const devArn = /^arn:aws:sts::222222222222:assumed-role\/Developer\//;
const prodArn = /^arn:aws:sts::333333333333:assumed-role\/Admin\//;

let emu: Emulator;
let demo: DemoIdentities;
let home: string;
let binDir: string;
let cleanup: () => Promise<void>;
const started: number[] = [];

function env(extra: Record<string, string> = {}) {
  return homeEnv(home, {
    PATH: `${binDir}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    AWS_ENDPOINT_URL: emu.url,
    CREDO_SIGNIN_URL: `${emu.url}/federation`,
    CREDO_PASSPHRASE: passphrase,
    ...extra,
  });
}

/**
 * A browser as the user has it, only headless: `chromium` or `firefox` first
 * in PATH, running the real one with the flags this machine needs. It notes
 * its process id (exec keeps it) so the test stops exactly what it started.
 */
async function installBrowser(
  name: string,
  command: string,
  flags: string[],
  prelude = "",
): Promise<void> {
  const path = join(binDir, name);
  await writeFile(
    path,
    `#!/bin/sh\necho $$ >> '${join(binDir, "pids")}'\n${prelude}exec ${command} ${flags.join(" ")} "$@"\n`,
  );
  await chmod(path, 0o755);
}

/**
 * Headless Chromium uses a throwaway profile when none is named; a desktop
 * one uses ~/.config/chromium. The wrapper names that one, so --no-isolation
 * behaves here as on a desktop.
 */
const chromiumNormalProfile =
  'case "$*" in *--user-data-dir=*) ;; *) set -- "--user-data-dir=$HOME/.config/chromium" "$@" ;; esac\n';

beforeAll(async () => {
  emu = await startEmulator();
  demo = seedDemoIdentities(emu);
  ({ home, cleanup } = await makeTempHome());
  binDir = join(home, "bin");
  await mkdir(binDir);
  await mkdir(join(home, ".aws"));
  await writeFile(
    join(home, ".aws/config"),
    hubConfig(demo, {
      extra: `[profile prod]\nrole_arn = ${demo.roles.prod}\nsource_profile = acme\n`,
    }),
  );
  await storeHubKeys(join(home, ".credo"), passphrase, "acme", {
    accessKeyId: demo.hub.accessKeyId,
    secretAccessKey: demo.hub.secretAccessKey,
  });
  await installBrowser(
    "chromium",
    chromiumPath,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--remote-debugging-port=0",
      "--window-size=900,360",
    ],
    chromiumNormalProfile,
  );
  await installBrowser("firefox", firefoxPath, ["--headless"]);
  // The hub's MFA session, cached once, so every later `credo web` needs no code.
  const auth = await runCredo(
    ["auth", "acme", "--mfa-code", totp(demo.hub.mfaSecret ?? "", Date.now())],
    {
      env: env(),
    },
  );
  expect(auth.code).toBe(0);
});

afterEach(async () => {
  await stopStartedBrowsers();
});

afterAll(async () => {
  await emu.stop();
  await cleanup();
});

async function stopStartedBrowsers(): Promise<void> {
  const pids = (await readFile(join(binDir, "pids"), "utf8").catch(() => ""))
    .split("\n")
    .filter((line) => line !== "")
    .map(Number);
  for (const pid of pids) {
    if (started.includes(pid)) continue;
    started.push(pid);
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      continue; // already gone
    }
    await exited(pid);
  }
}

async function exited(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, "SIGKILL");
}

async function web(args: string[]) {
  const run = await runCredo(["web", ...args], { env: env(), timeoutMs: 150_000 });
  expect(run.stderr).not.toContain("SigninToken");
  expect(run.stdout).not.toContain("SigninToken");
  return run;
}

/** Every process's command line on this machine, as any local user can read them. */
async function allCommandLines(): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (text !== "") lines.push(text.replace(/\0/g, " "));
  }
  return lines;
}

/** The console page in the Chromium running on `userDataDir`, through its DevTools port. */
async function consolePage(userDataDir: string): Promise<{ browser: Browser; page: Page }> {
  const portFile = join(userDataDir, "DevToolsActivePort");
  let port = "";
  for (let attempt = 0; attempt < 300 && port === ""; attempt += 1) {
    port = (await readFile(portFile, "utf8").catch(() => "")).split("\n")[0] ?? "";
    if (port === "") await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  if (context === undefined) throw new Error("no browser context");
  let page = context.pages().find((candidate) => candidate.url().startsWith(emu.url));
  for (let attempt = 0; attempt < 300 && page === undefined; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    page = context.pages().find((candidate) => candidate.url().startsWith(emu.url));
  }
  if (page === undefined) throw new Error("no console page");
  await page.waitForURL(`${emu.url}/console`);
  await page.waitForSelector("#arn");
  return { browser, page };
}

const credoHome = () => join(home, ".credo");
/** Each test starts browsers cold on two shared cores. */
const browserTestTimeout = 300_000;

describe.skipIf(lacks("chromium"))("credo web with a Chromium profile per credo profile", () => {
  it(
    "keeps dev and prod signed in side by side, each in its own user-data-dir, no token on any command line",
    async () => {
      const dev = await web([
        "dev",
        "--browser",
        "chromium",
        "--service",
        "s3",
        "--region",
        "eu-west-1",
      ]);
      expect(dev.code).toBe(0);
      expect(dev.stderr).toBe(
        "Opened the AWS console for dev in chromium (its own browser profile) (assume-role).\n",
      );
      const prod = await web(["prod", "--browser", "chromium"]);
      expect(prod.code).toBe(0);

      const devDir = join(credoHome(), "browsers/chromium/dev");
      const prodDir = join(credoHome(), "browsers/chromium/prod");
      expect((await stat(devDir)).mode & 0o777).toBe(0o700);
      expect((await stat(prodDir)).mode & 0o777).toBe(0o700);

      const devWindow = await consolePage(devDir);
      const prodWindow = await consolePage(prodDir);
      try {
        // Both at once, each showing its own identity from its own cookie.
        await devWindow.page.reload();
        await prodWindow.page.reload();
        expect(await devWindow.page.textContent("#arn")).toMatch(devArn);
        expect(await prodWindow.page.textContent("#arn")).toMatch(prodArn);
        expect(await devWindow.page.textContent("#destination")).toBe(
          "https://console.aws.amazon.com/s3/home?region=eu-west-1",
        );

        const commandLines = await allCommandLines();
        expect(commandLines.some((line) => line.includes(`--user-data-dir=${devDir}`))).toBe(true);
        expect(commandLines.some((line) => line.includes(`--user-data-dir=${prodDir}`))).toBe(true);
        expect(commandLines.filter((line) => line.includes("SigninToken"))).toEqual([]);
        expect(commandLines.filter((line) => line.includes("Action=login"))).toEqual([]);

        if (process.env["CREDO_UPDATE_SCREENSHOTS"] === "1") {
          await sideBySideScreenshot(devWindow.page, prodWindow.page);
        }
      } finally {
        await devWindow.browser.close();
        await prodWindow.browser.close();
      }
    },
    browserTestTimeout,
  );

  it(
    "opens dev again in dev's folder without signing out, and signs a shared profile out before another account",
    async () => {
      const devDir = join(credoHome(), "browsers/chromium/dev");
      const logoutsBefore = emu.calls("signin:Logout");
      // A Chromium stopped earlier may have left its DevTools port file behind.
      await rm(join(devDir, "DevToolsActivePort"), { force: true });
      expect((await web(["dev", "--browser", "chromium"])).code).toBe(0);
      const again = await consolePage(devDir);
      try {
        expect(await again.page.textContent("#arn")).toMatch(devArn);
      } finally {
        await again.browser.close();
      }
      expect(emu.calls("signin:Logout")).toBe(logoutsBefore);
      expect(await readFile(join(devDir, "credo-signed-in-as"), "utf8")).toContain("dev ");
      await stopStartedBrowsers();

      // The user's normal profile (--no-isolation): prod first, then dev goes through the logout.
      const normalDir = join(home, ".config/chromium");
      expect((await web(["prod", "--browser", "chromium", "--no-isolation"])).code).toBe(0);
      const first = await consolePage(normalDir);
      expect(await first.page.textContent("#arn")).toMatch(prodArn);
      await first.browser.close();
      await stopStartedBrowsers();
      await rm(join(normalDir, "DevToolsActivePort"), { force: true });
      const switched = await web(["dev", "--browser", "chromium", "--no-isolation"]);
      expect(switched.stderr).toBe(
        "Opened the AWS console for dev in chromium (assume-role, after signing out the previous account).\n",
      );
      const second = await consolePage(normalDir);
      try {
        expect(await second.page.textContent("#arn")).toMatch(devArn);
      } finally {
        await second.browser.close();
      }
      expect(emu.calls("signin:Logout")).toBe(logoutsBefore + 1);
    },
    browserTestTimeout,
  );
});

describe.skipIf(lacks("firefox"))("credo web with a Firefox profile per credo profile", () => {
  it(
    "keeps dev and prod signed in at once in two Firefox profiles, each showing its own identity",
    async () => {
      const viewsBefore = emu.consoleViews().length;
      expect((await web(["dev", "--browser", "firefox"])).code).toBe(0);
      expect((await web(["prod", "--browser", "firefox"])).code).toBe(0);
      const devDir = join(credoHome(), "browsers/firefox/dev");
      const prodDir = join(credoHome(), "browsers/firefox/prod");
      // Firefox made its profile in each folder on first use.
      expect(existsSync(join(devDir, "prefs.js")) || existsSync(join(devDir, "times.json"))).toBe(
        true,
      );
      expect(existsSync(join(prodDir, "prefs.js")) || existsSync(join(prodDir, "times.json"))).toBe(
        true,
      );

      // Each window goes on to the console page, which shows whom its cookie stands for.
      let seen: string[] = [];
      for (let attempt = 0; attempt < 600; attempt += 1) {
        seen = emu
          .consoleViews()
          .slice(viewsBefore)
          .map((view) => view.arn);
        if (seen.some((arn) => devArn.test(arn)) && seen.some((arn) => prodArn.test(arn))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(seen.some((arn) => devArn.test(arn))).toBe(true);
      expect(seen.some((arn) => prodArn.test(arn))).toBe(true);
      expect(seen).not.toContain("");

      const commandLines = await allCommandLines();
      const running = (dir: string) =>
        commandLines.some((line) => line.includes(`--profile ${dir}`));
      expect(running(devDir) && running(prodDir)).toBe(true);
      expect(commandLines.filter((line) => line.includes("SigninToken"))).toEqual([]);
    },
    browserTestTimeout,
  );
});

/** docs/console-side-by-side.png: the two windows, captioned with the commands that opened them. */
async function sideBySideScreenshot(devPage: Page, prodPage: Page): Promise<void> {
  const shot = async (page: Page) => (await page.screenshot()).toString("base64");
  const [dev, prod] = [await shot(devPage), await shot(prodPage)];
  const board = await devPage.context().newPage();
  await board.setViewportSize({ width: 1840, height: 270 });
  await board.setContent(
    `<body style="margin:0;padding:16px;background:#eee;font-family:sans-serif;display:flex;gap:16px">` +
      [
        ["credo web dev --browser chromium --service s3 --region eu-west-1", dev],
        ["credo web prod --browser chromium", prod],
      ]
        .map(
          ([caption, image]) =>
            `<figure style="margin:0"><figcaption style="font:14px monospace;margin-bottom:6px">$ ${caption}</figcaption>` +
            `<img style="border:1px solid #999" src="data:image/png;base64,${image}"></figure>`,
        )
        .join("") +
      `</body>`,
  );
  await board.screenshot({ path: join(projectRoot, "docs/console-side-by-side.png") });
  await board.close();
}
