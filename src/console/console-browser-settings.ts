import { nonEmptyProperty } from "../profile-files/profile-property.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { Properties } from "../profile-files/types.js";
import type { BrowserChoice } from "./browser-launch.js";
import { chooseBrowser } from "./browser-launch.js";

export interface BrowserSettingsInput {
  /** --browser */
  option: string | undefined;
  env: Env;
  platform: NodeJS.Platform;
  /** The profile's and [default]'s properties, for credo_browser and credo_firefox_containers. */
  profile: Properties | undefined;
  defaults: Properties | undefined;
}

export interface BrowserSettings {
  /** Undefined: the system's default browser ($BROWSER, open, xdg-open), in its normal profile. */
  browser: BrowserChoice | undefined;
  /** Firefox: open each profile in a Multi-Account Container instead of a separate Firefox profile. */
  containers: boolean;
}

/**
 * Which browser `credo web` starts: --browser, then CREDO_BROWSER, then
 * credo_browser in the profile, then in [default]. Firefox uses containers
 * when credo_firefox_containers = true (the profile's, else [default]'s).
 */
export function consoleBrowserSettings(input: BrowserSettingsInput): BrowserSettings {
  const named =
    input.option ??
    envValue(input.env, "CREDO_BROWSER") ??
    nonEmptyProperty(input.profile, "credo_browser") ??
    nonEmptyProperty(input.defaults, "credo_browser");
  const browser = named === undefined ? undefined : chooseBrowser(named, input.platform);
  const containersSetting =
    nonEmptyProperty(input.profile, "credo_firefox_containers") ??
    nonEmptyProperty(input.defaults, "credo_firefox_containers");
  return {
    browser,
    containers: browser?.family === "firefox" && containersSetting?.toLowerCase() === "true",
  };
}
