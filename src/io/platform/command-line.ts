import { splitCommandLine } from "../split-command-line.js";
import type { OsPlatform } from "./os-platform.js";
import { splitWindowsCommandLine } from "./windows-command-line.js";

/**
 * argv for a configured command line (credential_process, credo_mfa_process),
 * as botocore's compat_shell_split: shlex's POSIX rules everywhere but
 * Windows, the C runtime's rules there.
 */
export function splitCommandLineOn(platform: OsPlatform, commandLine: string): string[] {
  return platform === "windows"
    ? splitWindowsCommandLine(commandLine)
    : splitCommandLine(commandLine);
}
