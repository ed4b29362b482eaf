import type { Command } from "commander";
import type { AppContext } from "../context.js";
import type { RegisterCommand } from "./commands.js";
import { programWith } from "./program.js";
import { registerAuth } from "./auth.js";
import { registerCrypto } from "./crypto.js";
import { registerHub } from "./hub.js";
import { registerImport } from "./import.js";
import { registerReset } from "./reset.js";
import { registerRole } from "./role.js";
import { registerRotate } from "./rotate.js";
import { registerUnauth } from "./unauth.js";
import { registerConfig } from "./config.js";
import { registerDemo } from "./demo.js";
import { registerCompletion } from "./completion.js";
import { registerDoctor } from "./doctor.js";
import { registerList } from "./list.js";
import { registerPolicy } from "./policy.js";
import { registerExec } from "./exec.js";
import { registerExplain } from "./explain.js";
import { registerExport } from "./export.js";
import { registerProcess } from "./process.js";
import { registerServe } from "./serve.js";
import { registerAwsConfig } from "./aws-config.js";
import { registerSaml } from "./saml.js";
import { registerSso } from "./sso.js";
import { registerTeam } from "./team.js";
import { registerWeb } from "./web.js";
import { registerWhoami } from "./whoami.js";
import { registerUse } from "./use.js";
import { registerShellInit } from "./shell-init.js";

/**
 * Every command, in the order `credo --help` lists them, loaded at once; a
 * run of the CLI loads only its own through command-table.ts.
 */
export const allCommands: RegisterCommand[] = [
  registerExplain,
  registerWhoami,
  registerExport,
  registerExec,
  registerUse,
  registerShellInit,
  registerProcess,
  registerServe,
  registerAwsConfig,
  registerHub,
  registerRole,
  registerCrypto,
  registerAuth,
  registerUnauth,
  registerImport,
  registerRotate,
  registerReset,
  registerSso,
  registerSaml,
  registerTeam,
  registerWeb,
  registerConfig,
  registerList,
  registerDoctor,
  registerPolicy,
  registerCompletion,
  registerDemo,
];

/** The program with the whole command tree, for tests and tools that walk it. */
export function buildProgram(ctx: AppContext): Command {
  return programWith(ctx, allCommands);
}
