import type { OsPlatform } from "./os-platform.js";

/**
 * The controlling terminal, opened for prompts whatever stdin and stdout are:
 * /dev/tty on Linux and macOS; on Windows the console's input and output
 * buffers, CONIN$ and CONOUT$, which Node opens as files as it does /dev/tty.
 */
export function terminalDevice(platform: OsPlatform): { input: string; output: string } {
  if (platform === "windows") return { input: "\\\\.\\CONIN$", output: "\\\\.\\CONOUT$" };
  return { input: "/dev/tty", output: "/dev/tty" };
}
