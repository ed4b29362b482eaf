import { accessSync, constants } from "node:fs";
import { isAbsolute } from "node:path";
import { chooseBrowser } from "../io/platform/browser-choice.js";
import { pathExecutableFinder } from "../io/platform/find-executable.js";
import { ConfigError } from "../errors.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";

const linuxNames = [
  "chromium",
  "chromium-browser",
  "google-chrome",
  "google-chrome-stable",
  "microsoft-edge",
  "brave-browser",
];
const macApps = ["Google Chrome", "Chromium", "Microsoft Edge", "Brave Browser"].map(
  (app) => `/Applications/${app}.app/Contents/MacOS/${app}`,
);
const windowsPaths = [
  "Google\\Chrome\\Application\\chrome.exe",
  "Microsoft\\Edge\\Application\\msedge.exe",
  "BraveSoftware\\Brave-Browser\\Application\\brave.exe",
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: Env): string | undefined {
  if (isAbsolute(name)) return executable(name) ? name : undefined;
  return pathExecutableFinder(env)(name);
}

/**
 * The Chromium-family browser that signs in to the identity provider:
 * CREDO_BROWSER when it names one, else the first installed of the usual ones.
 * credo drives the installed browser and never downloads one.
 */
export function chromiumExecutable(env: Env, platform: NodeJS.Platform): string {
  const chosen = envValue(env, "CREDO_BROWSER");
  if (chosen !== undefined) {
    const browser = chooseBrowser(chosen, platform);
    if (browser.family !== "chromium")
      throw new ConfigError(
        `SAML sign-in needs a Chromium-family browser, and CREDO_BROWSER names ${browser.name}.`,
        "Set CREDO_BROWSER to chromium, chrome, edge, brave or the path of one.",
      );
    const found =
      platform === "darwin" && !isAbsolute(browser.command)
        ? macApps.find((path) => path.endsWith(`/${browser.command}`) && executable(path))
        : onPath(browser.command, env);
    if (found !== undefined) return found;
    throw new ConfigError(
      `The browser ${chosen} (from CREDO_BROWSER) was not found.`,
      "Install it or point CREDO_BROWSER at the browser's executable.",
    );
  }
  const candidates =
    platform === "darwin"
      ? macApps
      : platform === "win32"
        ? ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"].flatMap((variable) => {
            const base = envValue(env, variable);
            return base === undefined ? [] : windowsPaths.map((path) => `${base}\\${path}`);
          })
        : linuxNames;
  for (const candidate of candidates) {
    const found = onPath(candidate, env);
    if (found !== undefined) return found;
  }
  throw new ConfigError(
    "SAML sign-in needs a Chromium-family browser (Chromium, Chrome, Edge or Brave), and none was found.",
    "Install one, or set CREDO_BROWSER to the path of its executable.",
  );
}
