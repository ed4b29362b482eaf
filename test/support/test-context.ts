import type { AppContext } from "../../src/context.js";
import { fixedClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import type { Prompter } from "../../src/io/prompter.js";

/**
 * An in-process context over a real temporary home, with captured output and a chosen terminal-ness.
 * With a prompter (see scripted-prompter.ts) the questions are answered from its script, and stdin
 * counts as a terminal; without one there is no one to ask, as in CI.
 */
export function captureContext(
  home: string,
  env: Record<string, string | undefined>,
  options: { tty?: boolean; now?: number; prompter?: Prompter; stdin?: string } = {},
): AppContext & { stdout(): string; stderr(): string } {
  let out = "";
  let err = "";
  const tty = options.tty ?? false;
  return {
    env: { HOME: home, CREDO_HOME: `${home}/.credo`, ...env },
    clock: fixedClock(options.now ?? Date.now()),
    files: nodeFileReader,
    io: {
      out: { write: (t) => void (out += t), isTTY: tty },
      err: { write: (t) => void (err += t), isTTY: tty },
      stdinIsTTY: options.prompter !== undefined,
      readStdin: () => Promise.resolve(options.stdin ?? ""),
    },
    logger: silentLogger,
    openPrompter: () => options.prompter,
    homedir: home,
    platform: process.platform,
    cwd: home,
    argv: [],
    stdout: () => out,
    stderr: () => err,
  };
}
