import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Terminal } from "../config-menu/terminal.js";
import { openTerminal } from "../config-menu/terminal.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome, userConfig } from "../support/hub-home.js";

export interface TerminalRun {
  name: string;
  exit(): Promise<number>;
  stdout(): Promise<string>;
  /** Every screen seen until the command exits, sampled as a person would glance at it. */
  screensUntilExit(): Promise<string[]>;
}

export interface TerminalSession {
  /** The tmux server, open between the file's beforeAll and afterAll. */
  readonly terminal: Terminal;
  /** A hub home removed after the file's tests. */
  newHome(options?: { empty?: boolean }): Promise<HubHome>;
  /** Starts credo in a new tmux session; its exit code and stdout land in files. */
  start(args: string[], env: Record<string, string>): TerminalRun;
}

/** One tmux server and scratch folder for a test file, with the homes it makes, all cleaned up after. */
export function useTerminalSession(prefix: string): TerminalSession {
  let terminal: Terminal | undefined;
  let scratch = "";
  const homes: HubHome[] = [];
  let runs = 0;
  beforeAll(async () => {
    terminal = openTerminal();
    scratch = await mkdtemp(join(tmpdir(), "credo-terminal-"));
  }, 120_000);
  afterAll(async () => {
    await terminal?.close();
    await Promise.all(homes.map((home) => home.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });
  const session: TerminalSession = {
    get terminal() {
      if (!terminal) throw new Error("the terminal opens in beforeAll");
      return terminal;
    },
    async newHome(options = {}) {
      const home = await hubHome({
        profiles: options.empty ? "none" : "credo",
        before: userConfig,
        typedPassphrase: true,
      });
      homes.push(home);
      return home;
    },
    start(args, env) {
      runs += 1;
      const name = `${prefix}${runs}`;
      const codeFile = join(scratch, `${name}.code`);
      const stdoutFile = join(scratch, `${name}.out`);
      session.terminal.start(name, args, env, codeFile, stdoutFile);
      return {
        name,
        exit: () => session.terminal.waitForExit(codeFile),
        stdout: () => readFile(stdoutFile, "utf8"),
        async screensUntilExit() {
          const screens: string[] = [];
          for (;;) {
            screens.push(session.terminal.screen(name));
            const code = await readFile(codeFile, "utf8").catch(() => "");
            if (code.endsWith("\n")) return screens;
            await new Promise((resolve) => setTimeout(resolve, 40));
          }
        },
      };
    },
  };
  return session;
}
