import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import { startBrowser, systemUrlOpener } from "../io/platform/open-url.js";
import type { BrowserChoice } from "./browser-launch.js";
import { browserLaunchCommand, browserProfileDir } from "./browser-launch.js";
import type { ConsoleLink } from "./console-link.js";
import { openSigninUrl } from "./open-signin-url.js";

export interface ConsoleWindowRequest {
  link: ConsoleLink;
  /** The browser the user chose; undefined opens the system's default browser as $BROWSER/xdg-open do. */
  browser: BrowserChoice | undefined;
  /** A browser profile of its own per credo profile (false: --no-isolation). */
  isolation: boolean;
  /** Firefox with Multi-Account Containers: the container's name. */
  container?: string;
  credoHome: string;
  env: Env;
  platform: NodeJS.Platform;
  timeoutMs?: number;
}

export interface ConsoleWindow {
  /** The browser-profile folder used, if credo keeps one for this profile. */
  profileDir: string | undefined;
  /** True when the browser held another identity's session and was signed out first. */
  signedOutFirst: boolean;
}

/** The file in a browser profile (or beside it) that says whom credo last signed in there. */
const identityFile = "credo-signed-in-as";

/**
 * Opens the console signed in as `link` in the right browser profile: its
 * own folder per credo profile for a chosen Chromium or Firefox, else the
 * user's normal one. When credo last signed another identity in to that
 * browser profile, the browser goes through the console's logout first, so
 * the window never shows the wrong account.
 */
export async function openConsoleWindow(request: ConsoleWindowRequest): Promise<ConsoleWindow> {
  const { link, browser } = request;
  const profileDir =
    browser !== undefined && browser.family !== "safari" && request.isolation && !request.container
      ? browserProfileDir(request.credoHome, browser, link.profile)
      : undefined;
  if (profileDir !== undefined) {
    await mkdir(profileDir, { recursive: true, mode: 0o700 });
    await chmod(profileDir, 0o700);
  }
  const recordPath =
    profileDir !== undefined
      ? join(profileDir, identityFile)
      : join(
          request.credoHome,
          "browsers",
          browser?.name ?? "default",
          `${request.container === undefined ? "normal-profile" : `container-${request.container}`}.${identityFile}`,
        );
  const previous = await readFile(recordPath, "utf8").catch(() => undefined);
  const signedOutFirst = previous !== undefined && previous !== link.identity;
  const target = signedOutFirst
    ? `${link.logoutUrl}&redirect_uri=${encodeURIComponent(link.url)}`
    : link.url;

  const openUrl =
    browser === undefined
      ? systemUrlOpener(request.env, request.platform)
      : (url: string) => {
          const { command, args } = browserLaunchCommand({
            browser,
            platform: request.platform,
            url,
            profileDir,
            ...(request.container === undefined ? {} : { container: request.container }),
          });
          return startBrowser(command, args, request.env).catch((error: unknown) => {
            throw new CredoError(`Could not start the browser ${command}.`, {
              exitCode: "config",
              hint: "Install it, or choose another with --browser NAME or PATH.",
              cause: error,
            });
          });
        };
  await openSigninUrl(target, {
    openUrl,
    ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
  });
  await mkdir(dirname(recordPath), { recursive: true, mode: 0o700 });
  await writeFile(recordPath, link.identity, { mode: 0o600 });
  return { profileDir, signedOutFirst };
}
