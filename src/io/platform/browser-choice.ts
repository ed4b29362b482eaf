import { basename } from "node:path";
import { UsageError } from "../../errors.js";

/**
 * Which browser the user named (--browser, CREDO_BROWSER, credo_browser): a
 * platform matter (the command differs on Linux and macOS), shared by the
 * console windows (`credo web`) and the SAML sign-in.
 */
export type BrowserFamily = "chromium" | "firefox" | "safari";

export interface BrowserChoice {
  /** What the user named: chromium, chrome, ..., or a path. Names the browser-profile folders. */
  name: string;
  family: BrowserFamily;
  /** The command to start (a path, or a name looked up in PATH). */
  command: string;
}

const knownBrowsers: Record<string, { family: BrowserFamily; linux: string; darwin: string }> = {
  chromium: { family: "chromium", linux: "chromium", darwin: "Chromium" },
  chrome: { family: "chromium", linux: "google-chrome", darwin: "Google Chrome" },
  brave: { family: "chromium", linux: "brave-browser", darwin: "Brave Browser" },
  edge: { family: "chromium", linux: "microsoft-edge", darwin: "Microsoft Edge" },
  firefox: { family: "firefox", linux: "firefox", darwin: "Firefox" },
  safari: { family: "safari", linux: "", darwin: "Safari" },
};

/**
 * The browser from --browser, CREDO_BROWSER or credo_browser (the caller
 * picks the first set): a known name, or a path whose file name tells its
 * family (chromium, chrome, brave, edge, firefox).
 */
export function chooseBrowser(value: string, platform: NodeJS.Platform): BrowserChoice {
  const known = knownBrowsers[value.toLowerCase()];
  if (known !== undefined) {
    if (known.family === "safari" && platform !== "darwin")
      throw new UsageError("Safari runs only on macOS.", "Choose another --browser.");
    const command = platform === "darwin" ? known.darwin : known.linux;
    return { name: value.toLowerCase(), family: known.family, command };
  }
  const file = basename(value).toLowerCase();
  const family: BrowserFamily | undefined = /firefox|librewolf|waterfox/.test(file)
    ? "firefox"
    : /chrom|brave|edge|vivaldi|opera/.test(file)
      ? "chromium"
      : undefined;
  if (!value.includes("/") || family === undefined) {
    throw new UsageError(
      `Unknown browser: ${value}`,
      "Use chromium, chrome, brave, edge, firefox, safari, or the path of a Chromium-family or Firefox executable.",
    );
  }
  return { name: file.replace(/[^a-z0-9.-]/g, "-"), family, command: value };
}
