import { describe, expect, it } from "vitest";
import {
  browserLaunchCommand,
  browserProfileDir,
  chooseBrowser,
  containerUrl,
} from "../../src/console/browser-launch.js";
import { consoleBrowserSettings } from "../../src/console/console-browser-settings.js";

const url = "http://127.0.0.1:41234/AAAAAAAAAAAAAAAAAAAAAA";

describe("choosing the browser", () => {
  it("knows the Chromium family, Firefox and Safari by name, and a path by its file name", () => {
    expect(chooseBrowser("chromium", "linux")).toEqual({
      name: "chromium",
      family: "chromium",
      command: "chromium",
    });
    expect(chooseBrowser("Chrome", "linux").command).toBe("google-chrome");
    expect(chooseBrowser("edge", "darwin").command).toBe("Microsoft Edge");
    expect(chooseBrowser("/usr/bin/firefox-esr", "linux")).toEqual({
      name: "firefox-esr",
      family: "firefox",
      command: "/usr/bin/firefox-esr",
    });
    expect(() => chooseBrowser("lynx", "linux")).toThrow("Unknown browser: lynx");
    expect(() => chooseBrowser("safari", "linux")).toThrow("Safari runs only on macOS.");
  });

  it("takes --browser, then CREDO_BROWSER, then credo_browser of the profile, then of [default]", () => {
    const input = {
      env: { CREDO_BROWSER: "brave" },
      platform: "linux" as const,
      profile: { credo_browser: "edge" },
      defaults: { credo_browser: "firefox" },
    };
    expect(consoleBrowserSettings({ ...input, option: "chrome" }).browser?.name).toBe("chrome");
    expect(consoleBrowserSettings({ ...input, option: undefined }).browser?.name).toBe("brave");
    expect(consoleBrowserSettings({ ...input, option: undefined, env: {} }).browser?.name).toBe(
      "edge",
    );
    const fromDefault = consoleBrowserSettings({
      ...input,
      option: undefined,
      env: {},
      profile: { credo_firefox_containers: "true" },
    });
    expect(fromDefault).toMatchObject({ browser: { name: "firefox" }, containers: true });
    expect(
      consoleBrowserSettings({
        option: undefined,
        env: {},
        platform: "linux",
        profile: undefined,
        defaults: undefined,
      }),
    ).toEqual({ browser: undefined, containers: false });
  });
});

describe("the browser's command line", () => {
  const chromium = chooseBrowser("chromium", "linux");
  const firefox = chooseBrowser("firefox", "linux");

  it("gives a Chromium-family browser its own user-data-dir per credo profile", () => {
    const dir = browserProfileDir("/home/u/.credo", chromium, "dev");
    expect(dir).toBe("/home/u/.credo/browsers/chromium/dev");
    expect(
      browserLaunchCommand({ browser: chromium, platform: "linux", url, profileDir: dir }),
    ).toEqual({
      command: "chromium",
      args: [
        "--user-data-dir=/home/u/.credo/browsers/chromium/dev",
        "--no-first-run",
        "--no-default-browser-check",
        "--new-window",
        url,
      ],
    });
  });

  it("starts a macOS application through open -na", () => {
    const chrome = chooseBrowser("chrome", "darwin");
    expect(
      browserLaunchCommand({
        browser: chrome,
        platform: "darwin",
        url,
        profileDir: "/p",
      }).args.slice(0, 4),
    ).toEqual(["-na", "Google Chrome", "--args", "--user-data-dir=/p"]);
  });

  it("gives Firefox a profile folder, or the Multi-Account Containers URL when asked", () => {
    expect(
      browserLaunchCommand({ browser: firefox, platform: "linux", url, profileDir: "/p/dev" }),
    ).toEqual({ command: "firefox", args: ["--profile", "/p/dev", "--new-window", url] });
    const inContainer = browserLaunchCommand({
      browser: firefox,
      platform: "linux",
      url,
      profileDir: undefined,
      container: "prod eu",
    });
    expect(inContainer.args).toEqual([
      "--new-window",
      "ext+container:name=prod%20eu&url=http%3A%2F%2F127.0.0.1%3A41234%2FAAAAAAAAAAAAAAAAAAAAAA",
    ]);
    expect(containerUrl("dev", "https://a.example/?x=1&y=2")).toBe(
      "ext+container:name=dev&url=https%3A%2F%2Fa.example%2F%3Fx%3D1%26y%3D2",
    );
  });

  it("keeps a profile name from leaving its folder", () => {
    expect(browserProfileDir("/h", chromium, "../x/y")).toBe("/h/browsers/chromium/.._x_y");
    expect(browserProfileDir("/h", chromium, "..")).toBe("/h/browsers/chromium/_..");
  });
});
