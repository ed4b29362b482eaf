import type { Command } from "commander";
import { UsageError } from "../errors.js";

export interface ProfileOptions {
  profile?: string | undefined;
}

/**
 * Commands that act on one profile take it as a positional argument or as
 * --profile (both work; naming two different ones is a usage error). With
 * neither, the chain picks it as the SDKs do (AWS_PROFILE, then default).
 */
export function addProfileArgument(command: Command): Command {
  return command
    .argument("[name]", "the profile (default: AWS_PROFILE, then default)")
    .option("-p, --profile <name>", "the profile, as an option");
}

export function chosenProfile(
  positional: string | undefined,
  options: ProfileOptions,
): string | undefined {
  if (positional !== undefined && options.profile !== undefined && positional !== options.profile) {
    throw new UsageError(
      `Two profiles given: "${positional}" and --profile "${options.profile}".`,
      "Give one.",
    );
  }
  return positional ?? options.profile;
}

export function addMfaCodeOption(command: Command): Command {
  return command.option("--mfa-code <code>", "the 6-digit MFA code, if a step needs one");
}
