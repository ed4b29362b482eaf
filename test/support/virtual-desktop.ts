import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { lacks } from "./external-tool.js";

const execFileAsync = promisify(execFile);

/** Whether Xvfb, zenity and xdotool (Debian's xvfb, zenity, xdotool) are here, by the suite's one rule (external-tool.ts). */
export function haveVirtualDesktop(): boolean {
  return !lacks("Xvfb", "zenity", "xdotool");
}

/** An X server in memory (Xvfb) with xdotool to find windows and type into them, as a user at a desktop would. */
export interface VirtualDesktop {
  /** The DISPLAY value, e.g. ":93". */
  display: string;
  /** Ids of the shown windows whose name matches the regular expression (xdotool search --onlyvisible --name). */
  windows(name: string): Promise<string[]>;
  /** Waits until a window matching the name exists, and returns its id. */
  waitForWindow(name: string, timeoutMs?: number): Promise<string>;
  /** Focuses the window and types the text, then presses the keys (e.g. "Return"). */
  type(window: string, text: string, ...keys: string[]): Promise<void>;
  /** Focuses the window and presses the keys (e.g. "Escape"). */
  press(window: string, ...keys: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Xvfb on a display number it picks itself (-displayfd), listening on no TCP port. */
export async function startVirtualDesktop(): Promise<VirtualDesktop> {
  const server: ChildProcess = spawn(
    "/usr/bin/Xvfb",
    // -noreset: by default an X server resets whenever its last client disconnects, and a
    // client connecting meanwhile cannot open the display. Each xdotool poll is such a client,
    // so under load a dialog started between two polls failed to appear (zenity exits 1).
    ["-displayfd", "3", "-screen", "0", "1024x768x24", "-nolisten", "tcp", "-noreset"],
    { stdio: ["ignore", "ignore", "ignore", "pipe"] },
  );
  const display = await new Promise<string>((resolve, reject) => {
    let text = "";
    const fd3 = server.stdio[3] as NodeJS.ReadableStream;
    fd3.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(`:${text.trim()}`);
    });
    server.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
    server.once("error", reject);
  });
  const env = { ...process.env, DISPLAY: display };
  const xdotool = async (...args: string[]) =>
    (await execFileAsync("/usr/bin/xdotool", args, { env })).stdout;
  const windows = async (name: string) => {
    try {
      // Only mapped windows: GTK names its window before it shows it, and keys
      // typed into a window not yet shown are lost (an empty answer, a cancel).
      return (await xdotool("search", "--onlyvisible", "--name", name)).split("\n").filter(Boolean);
    } catch {
      // xdotool search exits 1 when nothing matches.
      return [];
    }
  };
  /**
   * Focuses a shown window for typing. A shown GTK window may not have given its entry the
   * keyboard yet: keys typed in that moment are lost, and a Return after them sends an empty
   * answer (a cancel). Under a full suite's load that lost a code in one of six full runs; X
   * offers no event for "the entry is ready", so GTK gets a moment before the keys.
   */
  const focusWhenReady = async (window: string) => {
    await xdotool("windowfocus", "--sync", window);
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  return {
    display,
    windows,
    async waitForWindow(name, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await windows(name);
        if (found[0] !== undefined) return found[0];
        if (Date.now() > deadline)
          throw new Error(`no window named ${name} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async type(window, text, ...keys) {
      // No window manager runs, so focus the window directly; XTEST then types into it.
      await focusWhenReady(window);
      await xdotool("type", "--delay", "20", text);
      if (keys.length > 0) await xdotool("key", ...keys);
    },
    async press(window, ...keys) {
      await focusWhenReady(window);
      await xdotool("key", ...keys);
    },
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    },
  };
}
