import { chromium, type Browser } from "playwright-core";
import { toolPath } from "./external-tool.js";

/**
 * The browser a test drives where a person would use theirs: approving an
 * SSO device code on the emulator's page, following a console sign-in URL.
 * It is Debian's chromium-headless-shell: Chromium's engine (Blink, V8, its
 * network stack) without the desktop browser around it, which is what
 * Playwright itself runs headless tests in. Starting it costs about a third of
 * the CPU of the full browser in headless mode (0.57 against 1.9 CPU-seconds
 * to open about:blank on the 2-core CI machine), and each of these files
 * starts one. Where credo itself starts the browser (the SAML sign-in,
 * `credo web`), the tests start the full chromium, as a user's machine does.
 *
 * Check `lacks("chromium-headless-shell")` before calling.
 */
export function launchHeadlessBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: toolPath("chromium-headless-shell"),
    // Nothing here may reach the network beyond 127.0.0.1 (QUIC, updates, sync).
    args: [
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
