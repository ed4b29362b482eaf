import type { Command } from "commander";
import type { AppContext } from "../context.js";

/**
 * Each command lives in its own file under src/cli/ and exports a register
 * function: it declares the options and help text, and its action imports the
 * core lazily, so `credo --help` never loads the AWS SDK.
 */
export type RegisterCommand = (program: Command, ctx: AppContext) => void;
