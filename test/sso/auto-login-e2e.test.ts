import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { formatCacheTime, tokenCachePath, writeCachedToken } from "../../src/sso/token-cache.js";
import { lacks } from "../support/external-tool.js";
import { launchHeadlessBrowser } from "../support/headless-browser.js";
import { homeEnv } from "../support/run-credo.js";
import type { Started } from "../support/start-credo.js";
import { startCredo } from "../support/start-credo.js";
import { haveVirtualDesktop, startVirtualDesktop } from "../support/virtual-desktop.js";

/**
 * credo_sso_auto_login: `credo process`, `export` and `exec` log in by
 * themselves when the SSO token has expired and cannot be refreshed, once
 * across concurrent callers. The user's part (approving in the browser) is
 * played by headless chromium on the emulator's approval page.
 */

const haveBrowser = !lacks("chromium-headless-shell");

let browser: Browser;
let emulator: Emulator;
let home: string;
let page: Page;

beforeAll(async () => {
  if (!haveBrowser) return;
  browser = await launchHeadlessBrowser();
}, 30_000);
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "credo-sso-auto-"));
  emulator = await startEmulator({ sso: { pollIntervalSeconds: 1 } });
  emulator.sso.addAccount({ accountId: "111111111111", accountName: "Sandbox" });
  emulator.sso.addRole({ accountId: "111111111111", roleName: "Developer" });
  if (haveBrowser) page = await browser.newPage();
});
afterEach(async () => {
  await page?.close();
  await emulator.stop();
  await rm(home, { recursive: true, force: true });
});

async function writeConfig(autoLogin: "profile" | "session" | "none"): Promise<void> {
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(
    join(home, ".aws/config"),
    [
      "[profile dev]",
      "sso_session = corp",
      "sso_account_id = 111111111111",
      "sso_role_name = Developer",
      "region = eu-west-1",
      ...(autoLogin === "profile" ? ["credo_sso_auto_login = true"] : []),
      "",
      "[sso-session corp]",
      `sso_start_url = ${emulator.sso.startUrl}`,
      "sso_region = eu-west-1",
      ...(autoLogin === "session" ? ["credo_sso_auto_login = true"] : []),
      "",
    ].join("\n"),
  );
}

/** A token that expired an hour ago, with a refresh token the service no longer accepts. */
async function writeExpiredToken(): Promise<void> {
  const path = tokenCachePath(home, { sessionName: "corp", startUrl: emulator.sso.startUrl });
  await mkdir(join(home, ".aws/sso/cache"), { recursive: true });
  await chmod(join(home, ".aws/sso/cache"), 0o700);
  await writeCachedToken(path, {
    startUrl: emulator.sso.startUrl,
    region: "eu-west-1",
    accessToken: "expired-access-token-value",
    expiresAt: formatCacheTime(Date.now() - 3_600_000),
    clientId: "revoked-client-id",
    clientSecret: "revoked-client-secret-value",
    registrationExpiresAt: formatCacheTime(Date.now() + 30 * 86_400_000),
    refreshToken: "revoked-refresh-token-value",
  });
}

/** No display and no BROWSER: credo falls back to the device code and prints its URL. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return homeEnv(home, {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    AWS_ENDPOINT_URL: emulator.url,
    ...extra,
  }) as Record<string, string>;
}

const deviceUrl = /(http:\/\/127\.0\.0\.1:\d+\/device\?user_code=\S+)/;

/** Plays the user: reads the device URL off any run's stderr, opens it in chromium, clicks the button. */
async function approveDeviceCode(runs: Started[], button: "#allow" | "#deny"): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const url = runs.map((run) => deviceUrl.exec(run.stderr())?.[1]).find(Boolean);
    if (url !== undefined) {
      await page.goto(url);
      await page.click(button, { timeout: 10_000 });
      return;
    }
    if (Date.now() > deadline) throw new Error("no device code URL was printed");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!haveBrowser)("credo_sso_auto_login (emulator + headless chromium)", () => {
  it("credo process with an expired token and a failed refresh logs in by itself (device code without a display)", async () => {
    await writeConfig("session");
    await writeExpiredToken();
    const run = startCredo(["process", "dev"], env());
    await approveDeviceCode([run], "#allow");
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1 });
    expect(result.stderr).toContain(
      "The SSO session corp needs a new login (credo_sso_auto_login is set)",
    );
    expect(result.stderr).toContain("Open this URL on any device");
    expect(emulator.calls("sso-oidc:StartDeviceAuthorization")).toBe(1);
    expect(emulator.calls("sso:GetRoleCredentials")).toBe(1);

    // The new token is in the AWS CLI's cache: the next run needs no login.
    const again = startCredo(["process", "dev"], env());
    expect((await again.done).code).toBe(0);
    expect(emulator.calls("sso-oidc:StartDeviceAuthorization")).toBe(1);
  }, 120_000);

  it("concurrent process, export and exec: one login, the others wait for it and read the token", async () => {
    await writeConfig("profile");
    await writeExpiredToken();
    const runs = [
      startCredo(["--debug", "process", "dev"], env()),
      startCredo(["--debug", "export", "dev"], env()),
      startCredo(["--debug", "exec", "dev", "--", process.execPath, "-e", ""], env()),
    ];
    // Every caller has found that it needs the login before the user approves it.
    const deadline = Date.now() + 60_000;
    while (!runs.every((run) => run.stderr().includes("needs a login; waiting for its lock"))) {
      if (Date.now() > deadline) throw new Error("not every caller reached the login lock");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await approveDeviceCode(runs, "#allow");
    const results = await Promise.all(runs.map((run) => run.done));
    for (const result of results) expect(result.code).toBe(0);
    expect(results.filter((result) => deviceUrl.test(result.stderr))).toHaveLength(1);
    expect(emulator.calls("sso-oidc:StartDeviceAuthorization")).toBe(1);
    // The role credentials are cached with single-flight refresh: one call serves all three.
    expect(emulator.calls("sso:GetRoleCredentials")).toBe(1);
  }, 120_000);

  it("when the login is denied, the callers that waited for it fail with its reason instead of starting another", async () => {
    await writeConfig("session");
    await writeExpiredToken();
    const runs = [
      startCredo(["--debug", "process", "dev"], env()),
      startCredo(["--debug", "process", "dev"], env()),
    ];
    const deadline = Date.now() + 60_000;
    while (!runs.every((run) => run.stderr().includes("needs a login; waiting for its lock"))) {
      if (Date.now() > deadline) throw new Error("not every caller reached the login lock");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await approveDeviceCode(runs, "#deny");
    const results = await Promise.all(runs.map((run) => run.done));
    for (const result of results) expect(result.code).toBe(4);
    expect(results.some((result) => result.stderr.includes("SSO login was denied"))).toBe(true);
    expect(
      results.some((result) =>
        result.stderr.includes("that another credo process started did not succeed"),
      ),
    ).toBe(true);
    expect(emulator.calls("sso-oidc:StartDeviceAuthorization")).toBe(1);
  }, 120_000);
});

describe.skipIf(!haveBrowser || !haveVirtualDesktop())(
  "credo_sso_auto_login without a terminal (zenity on Xvfb)",
  () => {
    it("over SSH with a forwarded display, the device code shows in a desktop window until the login is done", async () => {
      const desktop = await startVirtualDesktop();
      try {
        await writeConfig("session");
        await writeExpiredToken();
        const run = startCredo(
          ["process", "dev"],
          env({ DISPLAY: desktop.display, SSH_CONNECTION: "10.0.0.1 5000 10.0.0.2 22" }),
        );
        // The window is up while credo waits for the approval...
        await desktop.waitForWindow("^credo$");
        await approveDeviceCode([run], "#allow");
        const result = await run.done;
        expect(result.code).toBe(0);
        expect(result.stderr).toContain("Open this URL on any device");
        // ...and closed by credo once the login is done (the X server drops it when zenity exits).
        const deadline = Date.now() + 30_000;
        while ((await desktop.windows("^credo$")).length > 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await desktop.windows("^credo$")).toEqual([]);
      } finally {
        await desktop.stop();
      }
    }, 120_000);
  },
);

describe("without credo_sso_auto_login", () => {
  it("an expired token fails as before, saying what to run, and starts no login", async () => {
    await writeConfig("none");
    await writeExpiredToken();
    const result = await startCredo(["export", "dev"], env()).done;
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("credo sso login --sso-session corp");
    expect(emulator.calls("sso-oidc:StartDeviceAuthorization")).toBe(0);
    expect(emulator.calls("sso:GetRoleCredentials")).toBe(0);
  }, 60_000);
});
