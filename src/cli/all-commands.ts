import type { RegisterCommand } from "./commands.js";
import { registerConfig } from "./config.js";
import { registerExec } from "./exec.js";
import { registerExplain } from "./explain.js";
import { registerExport } from "./export.js";
import { registerProcess } from "./process.js";
import { registerSso } from "./sso.js";
import { registerWeb } from "./web.js";
import { registerWhoami } from "./whoami.js";

/** Every command, in the order `credo --help` lists them. */
export const allCommands: RegisterCommand[] = [
  registerExplain,
  registerWhoami,
  registerExport,
  registerExec,
  registerProcess,
  registerSso,
  registerWeb,
  registerConfig,
];
