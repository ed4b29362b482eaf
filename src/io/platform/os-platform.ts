/**
 * credo's platform layer: every difference between Linux, macOS and Windows
 * lives in this folder and takes the platform as a parameter, so each one is
 * tested on any machine by passing the other platform's name.
 *
 * - Prompts: the terminal device (terminal-device.ts).
 * - credential_process and credo_mfa_process command lines: how they split
 *   into argv (command-line.ts), as botocore's compat_shell_split.
 * - Home and the AWS files: profile-files/locations.ts takes a FilePlatform
 *   from filePlatformOf below (HOME, then USERPROFILE, HOMEDRIVE+HOMEPATH).
 * - File modes: credo writes secrets with mode 0600 in 0700 folders. Windows
 *   ignores POSIX modes (Node maps them to the read-only flag only); there the
 *   files inherit the ACL of the user's profile folder, which only the user
 *   and administrators can read, and `credo doctor` skips the mode check.
 * - OS keychain: @napi-rs/keyring (macOS Keychain, Windows Credential
 *   Manager, Secret Service on Linux) behind vault/keychain.ts.
 * - Opening a browser: open-url.ts (open, cmd /c start, xdg-open) and whether one
 *   can show at all: browser-availability.ts (no DISPLAY on Linux, an SSH session).
 */
export type OsPlatform = "linux" | "macos" | "windows";

/** Node's process.platform, read once at the edge (context.ts), as credo's platform. */
export function osPlatformOf(nodePlatform: string): OsPlatform {
  if (nodePlatform === "win32") return "windows";
  if (nodePlatform === "darwin") return "macos";
  return "linux";
}
