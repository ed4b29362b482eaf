import { describe, expect, it } from "vitest";
import { desktopTextDialog } from "../../../src/io/platform/desktop-dialog.js";
import type { DesktopDialogChoice } from "../../../src/io/platform/desktop-dialog.js";

const installed =
  (...names: string[]) =>
  (name: string) =>
    names.includes(name) ? `/usr/bin/${name}` : undefined;

function argvOf(choice: DesktopDialogChoice): string[] {
  if (!choice.available) throw new Error(`unavailable: ${choice.reason}`);
  return choice.dialog.argv;
}

describe("desktopTextDialog: the dialog chosen for each platform", () => {
  const question = 'MFA code for "x" (profile it\'s):';

  it("Linux with a display: zenity first, kdialog when only it is installed or on KDE", () => {
    const env = { DISPLAY: ":0" };
    expect(
      argvOf(
        desktopTextDialog(question, {
          platform: "linux",
          env,
          findExecutable: installed("zenity", "kdialog"),
        }),
      )[0],
    ).toBe("zenity");
    expect(
      argvOf(
        desktopTextDialog(question, {
          platform: "linux",
          env,
          findExecutable: installed("kdialog"),
        }),
      ),
    ).toEqual(["kdialog", "--title", "credo", "--inputbox", question]);
    expect(
      argvOf(
        desktopTextDialog(question, {
          platform: "linux",
          env: { WAYLAND_DISPLAY: "wayland-0", XDG_CURRENT_DESKTOP: "KDE" },
          findExecutable: installed("zenity", "kdialog"),
        }),
      )[0],
    ).toBe("kdialog");
  });

  it("Linux without a display, or without a dialog program: unavailable, saying why", () => {
    const noDisplay = desktopTextDialog(question, {
      platform: "linux",
      env: {},
      findExecutable: installed("zenity"),
    });
    expect(noDisplay).toMatchObject({ available: false });
    expect(!noDisplay.available && noDisplay.reason).toContain("no display");
    const noProgram = desktopTextDialog(question, {
      platform: "linux",
      env: { DISPLAY: ":0" },
      findExecutable: installed(),
    });
    expect(!noProgram.available && noProgram.reason).toBe(
      "neither zenity nor kdialog is installed",
    );
  });

  it("macOS: osascript with the question as an AppleScript string (quotes escaped)", () => {
    const argv = argvOf(
      desktopTextDialog(question, { platform: "macos", env: {}, findExecutable: installed() }),
    );
    expect(argv[0]).toBe("osascript");
    expect(argv[2]).toContain('display dialog "MFA code for \\"x\\" (profile it\'s):"');
    expect(argv[2]).toContain('default answer ""');
  });

  it("Windows: a PowerShell InputBox with the question as a PowerShell string; empty means Cancel", () => {
    const choice = desktopTextDialog(question, {
      platform: "windows",
      env: {},
      findExecutable: installed(),
    });
    expect(choice.available && choice.dialog.emptyMeansCancelled).toBe(true);
    const argv = argvOf(choice);
    expect(argv.slice(0, 4)).toEqual([
      "powershell.exe",
      "-NoProfile",
      "-NonInteractive",
      "-Command",
    ]);
    expect(argv[4]).toContain(`InputBox('MFA code for "x" (profile it''s):', 'credo')`);
  });

  it("over SSH on macOS and Windows nothing can show", () => {
    for (const platform of ["macos", "windows"] as const) {
      const choice = desktopTextDialog(question, {
        platform,
        env: { SSH_CONNECTION: "10.0.0.1 5 10.0.0.2 22" },
        findExecutable: installed(),
      });
      expect(!choice.available && choice.reason).toBe("this is an SSH session");
    }
  });
});
