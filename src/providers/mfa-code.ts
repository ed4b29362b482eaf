import { ConfigError, CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import type { Logger } from "../io/logger.js";
import { splitCommandLineOn } from "../io/platform/command-line.js";
import type { OsPlatform } from "../io/platform/os-platform.js";
import type { MfaCodeSource, MfaRequest } from "./mfa.js";
import type { ProcessRunner } from "../io/run-process.js";
import { spawnProcess } from "../io/run-process.js";

export interface MfaCodeSourceOptions {
  /** The --mfa-code option. */
  mfaCodeOption?: string;
  env: Env;
  /** Runs credo_mfa_process; the chain's credential_process runner by default. */
  runProcess?: ProcessRunner;
  /** Asks on the controlling terminal (never stdout: credential_process callers capture it). */
  prompt?: (question: string) => Promise<string>;
  canPrompt: boolean;
  logger: Logger;
  /** How credo_mfa_process splits into argv, as credential_process does; POSIX when not given. */
  platform?: OsPlatform;
}

/** Long enough for a hardware token that waits for a touch, short enough that a hung command does not hang credo. */
const mfaProcessTimeoutMs = 120_000;

const howToSupply =
  "Pass --mfa-code with the 6-digit code, or set credo_mfa_process in the profile to a command that prints it " +
  "(e.g. credo_mfa_process = ykman oath accounts code -s NAME).";

/**
 * The MFA code for a step that needs one, in this order: --mfa-code, the
 * profile's credo_mfa_process, a prompt on the terminal. Whatever the origin,
 * the code must be six digits, checked here so a typo never costs an AWS call
 * (nor a failed-MFA entry in CloudTrail).
 */
export function mfaCodeSource(options: MfaCodeSourceOptions): MfaCodeSource {
  const { logger } = options;
  return async (request) => {
    if (options.mfaCodeOption !== undefined) {
      logger.debug(`MFA code for ${request.serial} from --mfa-code`);
      return validMfaCode(options.mfaCodeOption, "--mfa-code", request);
    }
    if (request.mfaProcess !== undefined) {
      logger.debug(
        `MFA code for ${request.serial} from credo_mfa_process of profile ${request.profile}`,
      );
      const output = await runMfaProcess(request, request.mfaProcess, options);
      return validMfaCode(output, `credo_mfa_process of profile ${request.profile}`, request);
    }
    if (options.canPrompt && options.prompt !== undefined) {
      logger.debug(`MFA code for ${request.serial} from a prompt on the terminal`);
      const answer = await options.prompt(
        `MFA code for ${request.serial} (profile ${request.profile}):`,
      );
      return validMfaCode(answer, "the prompt", request);
    }
    throw new CredoError(
      `Profile ${request.profile} needs an MFA code for ${request.serial}, and there is no terminal to ask for it.`,
      { exitCode: "auth", hint: howToSupply },
    );
  };
}

async function runMfaProcess(
  request: MfaRequest,
  commandLine: string,
  options: MfaCodeSourceOptions,
): Promise<string> {
  const setting = `credo_mfa_process of profile ${request.profile}`;
  let argv: string[];
  try {
    argv = splitCommandLineOn(options.platform ?? "linux", commandLine);
  } catch (error) {
    if (error instanceof CredoError)
      throw new ConfigError(`${setting}: ${error.message}`, error.hint);
    throw error;
  }
  const command = argv[0];
  if (command === undefined) throw new ConfigError(`${setting} is empty.`, howToSupply);
  const run = options.runProcess ?? spawnProcess;
  const result = await run(argv, { env: options.env, timeoutMs: mfaProcessTimeoutMs }).catch(
    (error: unknown) => {
      throw new CredoError(`${setting} could not start ${command}: ${(error as Error).message}`, {
        exitCode: "config",
        hint: "Check that the command in credo_mfa_process is installed and on PATH.",
        cause: error,
      });
    },
  );
  if (result.exitCode !== 0) {
    const status = result.timedOut
      ? `no answer within ${mfaProcessTimeoutMs / 1_000} s`
      : result.exitCode === null
        ? `signal ${result.signal ?? "unknown"}`
        : `status ${result.exitCode}`;
    // Its first stderr line usually says why ("No YubiKey detected"); the code itself goes to stdout.
    const reason = result.stderr.trim().split("\n")[0]?.slice(0, 200);
    throw new CredoError(
      `${setting} (${command}) failed with ${status}${reason ? `: ${reason}` : ""}.`,
      {
        exitCode: "auth",
        hint: "Run the command yourself to see why, or pass --mfa-code.",
      },
    );
  }
  const code = result.stdout.trim();
  if (code === "") {
    throw new CredoError(`${setting} (${command}) printed no MFA code.`, {
      exitCode: "auth",
      hint: "The command must print the 6-digit code on stdout; or pass --mfa-code.",
    });
  }
  return code;
}

function validMfaCode(value: string, origin: string, request: MfaRequest): string {
  const code = value.trim();
  // The value itself is not repeated: a near-miss of a one-time code is still worth keeping out of logs.
  if (!/^[0-9]{6}$/.test(code)) {
    throw new CredoError(`The MFA code from ${origin} is not six digits.`, {
      exitCode: "usage",
      hint: `Give the 6-digit code currently shown by the MFA device ${request.serial}.`,
    });
  }
  return code;
}
