import { join } from "node:path";
import {
  chooseBrowser,
  type BrowserChoice,
  type BrowserFamily,
} from "../io/platform/browser-choice.js";

export { chooseBrowser, type BrowserChoice, type BrowserFamily };

export interface LaunchRequest {
  browser: BrowserChoice;
  platform: NodeJS.Platform;
  url: string;
  /** The browser-profile folder for this credo profile; undefined uses the user's normal profile. */
  profileDir: string | undefined;
  /** Firefox only: open in the Multi-Account Container of this name instead of a separate profile. */
  container?: string;
}

export interface LaunchCommand {
  command: string;
  args: string[];
}

/**
 * The command line that opens `url` in the chosen browser, in the given
 * browser profile: Chromium's --user-data-dir, Firefox's --profile. On macOS
 * the application is started through `open -na APP --args ...`.
 */
export function browserLaunchCommand(request: LaunchRequest): LaunchCommand {
  const { browser, url, profileDir } = request;
  let args: string[];
  if (browser.family === "chromium") {
    args = [
      ...(profileDir === undefined ? [] : [`--user-data-dir=${profileDir}`]),
      "--no-first-run",
      "--no-default-browser-check",
      "--new-window",
      url,
    ];
  } else if (browser.family === "firefox") {
    const target = request.container === undefined ? url : containerUrl(request.container, url);
    args = [...(profileDir === undefined ? [] : ["--profile", profileDir]), "--new-window", target];
  } else {
    // Safari has no command-line profiles: `open -a Safari URL`, the user's own profile.
    return { command: "open", args: ["-a", browser.command, url] };
  }
  if (request.platform === "darwin" && !browser.command.includes("/")) {
    return { command: "open", args: ["-na", browser.command, "--args", ...args] };
  }
  return { command: browser.command, args };
}

/**
 * The URL that the "Open external links in a container" extension hands to
 * Firefox Multi-Account Containers: the page opens in the container of that
 * name (created if missing), so each credo profile keeps its own cookies.
 */
export function containerUrl(container: string, url: string): string {
  return `ext+container:name=${encodeURIComponent(container)}&url=${encodeURIComponent(url)}`;
}

/** CREDO_HOME/browsers/<browser>/<profile>: one browser profile per credo profile. */
export function browserProfileDir(credoHome: string, browser: BrowserChoice, profile: string) {
  const folder = profile.replace(/[^A-Za-z0-9._@+=-]/g, "_");
  return join(credoHome, "browsers", browser.name, /^\.*$/.test(folder) ? `_${folder}` : folder);
}
