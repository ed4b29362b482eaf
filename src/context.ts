import { homedir } from "node:os";
import type { Clock } from "./io/clock.js";
import { systemClock } from "./io/clock.js";
import type { Env } from "./io/env.js";
import type { FileReader } from "./io/file-system.js";
import { nodeFileReader } from "./io/file-system.js";
import type { Logger } from "./io/logger.js";
import { silentLogger } from "./io/logger.js";
import { osPlatformOf } from "./io/platform/os-platform.js";
import type { OpenPrompter } from "./io/prompter.js";
import type { IOStreams } from "./io/streams.js";
import { processStreams } from "./io/streams.js";
import { openTtyPrompter } from "./io/tty-prompt.js";
import type { SamlBrowser } from "./saml/capture-saml-response.js";
import type { ScryptWorkFactors } from "./vault/vault-cipher.js";

/**
 * The few real dependencies a command may use. main.ts builds the real one;
 * tests build their own with a temporary home, a fixed clock and buffers.
 */
export interface AppContext {
  env: Env;
  clock: Clock;
  files: FileReader;
  io: IOStreams;
  logger: Logger;
  /** The person at the terminal: every question a command asks goes through it. */
  openPrompter: OpenPrompter;
  homedir: string;
  platform: NodeJS.Platform;
  cwd: string;
  /** The raw command-line arguments (commander drops `--`, which `credo exec` needs). */
  argv: readonly string[];
  /**
   * The scrypt cost of new vault keys and the least a vault keeps (default:
   * the vault's own, vault-cipher.ts). Set only by in-process tests that
   * create and unlock many vaults; nothing a user sets reaches it.
   */
  vaultScryptCost?: ScryptWorkFactors;
  /**
   * The browser a SAML sign-in runs in (default: Chromium through
   * playwright-core, capture-saml-response.ts). Set only by in-process tests
   * whose subject is what credo does with the provider's assertion.
   */
  samlBrowser?: SamlBrowser;
}

/**
 * os.homedir() without loading node:os (~2 ms of a run) where the answer is
 * known: on Linux and macOS libuv returns HOME when it is set, as here.
 * Windows's answer comes from USERPROFILE, not HOME, so it always asks.
 */
function userHome(): string {
  const home = process.env["HOME"];
  return process.platform !== "win32" && home !== undefined && home !== "" ? home : homedir();
}

export function realContext(): AppContext {
  return {
    env: process.env,
    clock: systemClock,
    files: nodeFileReader,
    io: processStreams(),
    logger: silentLogger,
    openPrompter: () => openTtyPrompter(osPlatformOf(process.platform)),
    homedir: userHome(),
    platform: process.platform,
    cwd: process.cwd(),
    argv: process.argv.slice(2),
  };
}
