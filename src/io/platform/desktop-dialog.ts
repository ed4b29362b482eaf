import type { Env } from "../env.js";
import { envValue } from "../env.js";
import type { FindExecutable } from "./find-executable.js";
import type { OsPlatform } from "./os-platform.js";

/** The window title of every dialog credo shows (tests find the window by it). */
export const dialogTitle = "credo";

/**
 * A text-entry dialog on the desktop: the program to run and how it says the
 * user cancelled. zenity, kdialog and osascript exit with status 1 on Cancel
 * (or when the window is closed); PowerShell's InputBox returns an empty
 * string instead.
 */
export interface DesktopDialog {
  /** The program's name, for messages. */
  program: string;
  argv: string[];
  /** An empty answer (with status 0) means Cancel rather than "nothing typed". */
  emptyMeansCancelled: boolean;
}

export type DesktopDialogChoice =
  { available: true; dialog: DesktopDialog } | { available: false; reason: string; hint: string };

export interface DesktopDialogOptions {
  platform: OsPlatform;
  env: Env;
  findExecutable: FindExecutable;
}

/**
 * The dialog that asks `question` on this desktop: zenity or kdialog on Linux
 * (kdialog first on a KDE desktop) when a display is set, osascript on macOS,
 * a PowerShell InputBox on Windows. Nothing can show over SSH without a
 * forwarded display, nor on Linux without DISPLAY or WAYLAND_DISPLAY.
 */
export function desktopTextDialog(
  question: string,
  options: DesktopDialogOptions,
): DesktopDialogChoice {
  const program = dialogProgram(options);
  if (!program.available) return program;
  const dialog = {
    osascript: osascriptDialog,
    powershell: powershellDialog,
    zenity: zenityDialog,
    kdialog: kdialogDialog,
  }[program.name](question);
  return { available: true, dialog };
}

/**
 * A window that only shows `text` (an OK button), chosen as desktopTextDialog
 * chooses: for what the user must read while credo waits (the SSO device code).
 */
export function desktopMessageDialog(
  text: string,
  options: DesktopDialogOptions,
): DesktopDialogChoice {
  const program = dialogProgram(options);
  if (!program.available) return program;
  const argv = {
    zenity: ["zenity", "--info", `--title=${dialogTitle}`, `--text=${text}`, "--no-markup"],
    kdialog: ["kdialog", "--title", dialogTitle, "--msgbox", text],
    osascript: [
      "osascript",
      "-e",
      `display dialog ${appleScriptString(text)} with title ${appleScriptString(dialogTitle)} buttons {"OK"} default button "OK"`,
    ],
    powershell: [
      "powershell.exe",
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      "Add-Type -AssemblyName System.Windows.Forms; " +
        `[void][System.Windows.Forms.MessageBox]::Show(${powershellString(text)}, ${powershellString(dialogTitle)})`,
    ],
  }[program.name];
  return {
    available: true,
    dialog: { program: program.name, argv, emptyMeansCancelled: false },
  };
}

type DialogProgram = "zenity" | "kdialog" | "osascript" | "powershell";

function dialogProgram(
  options: DesktopDialogOptions,
): { available: true; name: DialogProgram } | { available: false; reason: string; hint: string } {
  const { platform, env } = options;
  if (platform === "macos") {
    if (envValue(env, "SSH_CONNECTION") !== undefined)
      return unavailable("this is an SSH session", "Run the command on the Mac's own desktop.");
    return { available: true, name: "osascript" };
  }
  if (platform === "windows") {
    if (envValue(env, "SSH_CONNECTION") !== undefined)
      return unavailable("this is an SSH session", "Run the command on the Windows desktop.");
    return { available: true, name: "powershell" };
  }
  if (envValue(env, "DISPLAY") === undefined && envValue(env, "WAYLAND_DISPLAY") === undefined) {
    return unavailable(
      "there is no display (DISPLAY and WAYLAND_DISPLAY are unset)",
      "Run the command from a desktop session.",
    );
  }
  const onKde = /kde/i.test(envValue(env, "XDG_CURRENT_DESKTOP") ?? "");
  const programs = onKde ? (["kdialog", "zenity"] as const) : (["zenity", "kdialog"] as const);
  const found = programs.find((program) => options.findExecutable(program) !== undefined);
  if (found !== undefined) return { available: true, name: found };
  return unavailable(
    "neither zenity nor kdialog is installed",
    "Install zenity (GNOME and most desktops) or kdialog (KDE), e.g. `sudo apt install zenity`.",
  );
}

function unavailable(
  reason: string,
  hint: string,
): { available: false; reason: string; hint: string } {
  return { available: false, reason, hint };
}

function zenityDialog(question: string): DesktopDialog {
  return {
    program: "zenity",
    argv: ["zenity", "--entry", `--title=${dialogTitle}`, `--text=${question}`],
    emptyMeansCancelled: false,
  };
}

function kdialogDialog(question: string): DesktopDialog {
  return {
    program: "kdialog",
    argv: ["kdialog", "--title", dialogTitle, "--inputbox", question],
    emptyMeansCancelled: false,
  };
}

/** AppleScript string literal: backslashes and double quotes escaped. */
function appleScriptString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function osascriptDialog(question: string): DesktopDialog {
  const script =
    `text returned of (display dialog ${appleScriptString(question)} default answer "" ` +
    `with title ${appleScriptString(dialogTitle)} buttons {"Cancel", "OK"} default button "OK")`;
  return { program: "osascript", argv: ["osascript", "-e", script], emptyMeansCancelled: false };
}

/** PowerShell single-quoted string literal: a quote inside is doubled. */
function powershellString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function powershellDialog(question: string): DesktopDialog {
  const script =
    "Add-Type -AssemblyName Microsoft.VisualBasic; " +
    `[Microsoft.VisualBasic.Interaction]::InputBox(${powershellString(question)}, ${powershellString(dialogTitle)})`;
  return {
    program: "powershell",
    argv: ["powershell.exe", "-NoProfile", "-NonInteractive", "-Command", script],
    emptyMeansCancelled: true,
  };
}
