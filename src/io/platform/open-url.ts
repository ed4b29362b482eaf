import { spawn } from "node:child_process";
import { childEnvironment } from "../child-environment.js";
import type { Env } from "../env.js";
import { envValue } from "../env.js";

export type OpenUrl = (url: string) => Promise<void>;

/**
 * Opens a URL in the user's browser: $BROWSER if set (as Python's webbrowser
 * module, which the AWS CLI uses, honours it), else `open` on macOS, the
 * `start` builtin through cmd on Windows, `xdg-open` elsewhere. Spawned
 * without a shell (the URL carries `&`), detached, output ignored; a failure
 * to launch resolves anyway because the URL is also printed for the user.
 * The browser outlives credo and has no business with its secrets, so its
 * environment comes from childEnvironment.
 */
export function systemUrlOpener(env: Env, platform: NodeJS.Platform): OpenUrl {
  return (url) => {
    const [command, ...args] = openerCommand(env, platform, url);
    return new Promise((resolve) => {
      const child = spawn(command ?? "xdg-open", args, {
        stdio: "ignore",
        detached: true,
        env: childEnvironment(env),
      });
      child.once("error", () => resolve());
      child.once("spawn", () => {
        child.unref();
        resolve();
      });
    });
  };
}

function openerCommand(env: Env, platform: NodeJS.Platform, url: string): string[] {
  const browser = envValue(env, "BROWSER");
  if (browser !== undefined) return [browser.split(":")[0] ?? browser, url];
  if (platform === "darwin") return ["open", url];
  // `start`'s first quoted argument is a window title, hence the empty "".
  if (platform === "win32") return ["cmd", "/c", "start", '""', url.replace(/&/g, "^&")];
  return ["xdg-open", url];
}

/**
 * Starts a browser the user chose (credo web --browser) and resolves once it
 * runs; unlike systemUrlOpener it fails when the browser cannot start, since
 * no URL was printed to fall back on. Detached, output ignored, and with
 * credo's secret variables removed from its environment.
 */
export function startBrowser(command: string, args: readonly string[], env: Env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      stdio: "ignore",
      detached: true,
      env: childEnvironment(env),
    });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}
