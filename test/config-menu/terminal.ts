import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { credoBin, projectRoot } from "../support/run-credo.js";

/**
 * credo in a real pseudo-terminal: a tmux server on its own socket, one
 * session per run, keys typed with send-keys and the screen read with
 * capture-pane. The exit code lands in a file the test waits for.
 */
export interface Terminal {
  /**
   * Starts `credo ARGS` with exactly `env` (plus PATH); its exit code is written to `codeFile`,
   * and its stdout to `stdoutFile` when given (prompts are on the terminal either way).
   */
  start(
    name: string,
    args: readonly string[],
    env: Record<string, string>,
    codeFile: string,
    stdoutFile?: string,
  ): void;
  /** Starts `argv` (an interactive shell, say) with exactly `env` in a new tmux session. */
  startProgram(name: string, argv: readonly string[], env: Record<string, string>): void;
  screen(name: string): string;
  keys(name: string, ...keys: string[]): void;
  type(name: string, text: string): void;
  /** Waits until `text` is on the screen `times` times (answered prompts stay on screen with their question). */
  waitForScreen(name: string, text: string, times?: number): Promise<void>;
  waitForExit(codeFile: string): Promise<number>;
  close(): Promise<void>;
}

export function openTerminal(): Terminal {
  const socket = `credo-cfg-${randomUUID().slice(0, 8)}`;
  const tmux = (...args: string[]) =>
    execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  const terminal: Terminal = {
    start(name, args, env, codeFile, stdoutFile) {
      const assignments = Object.entries({
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        TERM: "xterm-256color",
        ...env,
      }).map(([key, value]) => `${key}=${quote(value)}`);
      const command = [
        // Ctrl-C outside a raw-mode prompt is a SIGINT to the whole foreground group: without a trap the
        // wrapping shell would die with credo and never record its exit code. A trap (unlike an ignored
        // signal) is reset to the default in credo, which still gets SIGINT as it would in any shell.
        "trap : INT",
        `cd ${quote(projectRoot)}`,
        `env -i ${assignments.join(" ")} ${quote(process.execPath)} ${quote(credoBin)} ${args.map(quote).join(" ")}${stdoutFile === undefined ? "" : ` >${quote(stdoutFile)}`}`,
        `echo $? >${quote(codeFile)}`,
        "sleep 600",
      ].join("; ");
      tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "60", command);
    },
    startProgram(name, argv, env) {
      const assignments = Object.entries({ TERM: "xterm-256color", ...env }).map(
        ([key, value]) => `${key}=${quote(value)}`,
      );
      const command = `cd ${quote(projectRoot)}; exec env -i ${assignments.join(" ")} ${argv.map(quote).join(" ")}`;
      tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", command);
    },
    screen: (name) => tmux("capture-pane", "-p", "-t", name),
    keys: (name, ...keys) => void tmux("send-keys", "-t", name, ...keys),
    type: (name, text) => void tmux("send-keys", "-t", name, "-l", text),
    async waitForScreen(name, text, times = 1) {
      await waitFor(`"${text}" ${times}x on the screen of ${name}`, () =>
        terminal.screen(name).split(text).length > times ? true : undefined,
      );
    },
    async waitForExit(codeFile) {
      const text = await waitFor(codeFile, async () => {
        const content = await readFile(codeFile, "utf8").catch(() => "");
        return content.endsWith("\n") ? content : undefined;
      });
      return Number(text.trim());
    },
    async close() {
      let socketPath: string | undefined;
      try {
        socketPath = tmux("display-message", "-p", "#{socket_path}").trim();
        tmux("kill-server");
      } catch {
        // No session was ever started.
      }
      if (socketPath) await rm(socketPath, { force: true });
    },
  };
  return terminal;
}

function quote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
