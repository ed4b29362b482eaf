import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import type { Emulator } from "../../src/emulator/index.js";
import { totp } from "../../src/emulator/index.js";
import type { SamlBrowser } from "../../src/saml/capture-saml-response.js";
import { expect } from "vitest";
import { lacks, toolPath } from "../support/external-tool.js";

export const chromiumPath = toolPath("chromium");
export const haveChromium = !lacks("chromium");

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The DevToolsActivePort credo's sign-in window writes (CREDO_SAML_WINDOW=headless-devtools). */
export function devToolsPortFile(credoHome: string, browserProfile: string): string {
  return join(credoHome, "saml-browser", browserProfile, "DevToolsActivePort");
}

/** Forget a port file left by an earlier window, so the next one found is the new window's. */
export async function forgetWindow(credoHome: string, browserProfile: string): Promise<void> {
  await rm(devToolsPortFile(credoHome, browserProfile), { force: true });
}

/**
 * Waits for credo's sign-in window, attaches over DevTools and hands its
 * identity provider page to `act` (the user's part), then detaches.
 */
export async function inSignInWindow(
  credoHome: string,
  browserProfile: string,
  emu: Emulator,
  act: (page: Page) => Promise<void>,
): Promise<void> {
  const portFile = devToolsPortFile(credoHome, browserProfile);
  let port = "";
  for (let attempt = 0; attempt < 1200 && port === ""; attempt += 1) {
    port = (await readFile(portFile, "utf8").catch(() => "")).split("\n")[0] ?? "";
    if (port === "") await pause(100);
  }
  if (port === "") throw new Error("credo opened no sign-in window");
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0];
    let page: Page | undefined;
    for (let attempt = 0; attempt < 600 && page === undefined; attempt += 1) {
      page = context?.pages().find((candidate) => candidate.url().startsWith(emu.url));
      if (page === undefined) await pause(100);
    }
    if (page === undefined) throw new Error("no identity provider page in credo's window");
    await act(page);
  } finally {
    // Detach only: the browser is credo's to close. credo may be closing it at this very
    // moment (it has what it waited for), and a detach racing that must not hold the test.
    await Promise.race([browser.close().catch(() => undefined), pause(5_000)]);
  }
}

/**
 * The user closes the sign-in window. credo closes the browser as soon as it
 * sees the window go, which may cut this close's own wait for an answer
 * short or leave it unanswered: the window is gone either way.
 */
export async function closeWindow(page: Page): Promise<void> {
  await Promise.race([page.close().catch(() => undefined), pause(10_000)]);
}

/** The user signs in on the emulator's provider page: user name and password, then the TOTP code. */
export async function signInAtProvider(page: Page, emu: Emulator): Promise<void> {
  const { userName, password, totpSecret } = emu.saml.user;
  await page.waitForSelector("#username");
  await page.fill("#username", userName);
  await page.fill("#password", password);
  await page.click("#sign-in");
  await page.waitForSelector("#code");
  await page.fill("#code", totp(totpSecret, Date.now()));
  await page.click("#verify");
}

/** The environments of the running processes whose command line names this browser profile. */
export async function browserEnvironments(userDataDir: string): Promise<string[]> {
  const environments: string[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (!commandLine.includes(userDataDir)) continue;
    environments.push(await readFile(`/proc/${entry}/environ`, "utf8").catch(() => ""));
  }
  return environments;
}

/**
 * What credo's browser hands over while the provider's session lives: the
 * assertion the emulator's provider posts (with the flaw of flawNext, if
 * any), without starting Chromium. For runs whose subject is what credo does
 * with the assertion (credoInProcess's samlBrowser); the sign-in itself goes
 * through the browser in saml-e2e.test.ts.
 */
export function providerPosts(emu: Emulator): SamlBrowser {
  return async (request) => {
    expect(request.url).toBe(emu.saml.appUrl);
    return emu.saml.assertion();
  };
}
