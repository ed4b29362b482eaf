import { CancelledError, ConfigError, CredoError } from "../errors.js";
import type { DialogRun } from "../io/dialog-answer.js";
import { runDialog } from "../io/dialog-answer.js";
import type { Env } from "../io/env.js";
import type { Logger } from "../io/logger.js";
import { splitCommandLineOn } from "../io/platform/command-line.js";
import { desktopTextDialog } from "../io/platform/desktop-dialog.js";
import type { FindExecutable } from "../io/platform/find-executable.js";
import { pathExecutableFinder } from "../io/platform/find-executable.js";
import type { OsPlatform } from "../io/platform/os-platform.js";
import type { MfaCodeSource, MfaRequest } from "./mfa.js";
import type { ProcessRunner } from "../io/run-process.js";
import { spawnProcess } from "../io/run-process.js";

export interface MfaCodeSourceOptions {
  /** The --mfa-code option. */
  mfaCodeOption?: string;
  env: Env;
  /** Runs credo_mfa_process, credo_mfa_prompt and desktop dialogs; spawnProcess by default. */
  runProcess?: ProcessRunner;
  /** Asks on the controlling terminal (never stdout: credential_process callers capture it). */
  prompt?: (question: string) => Promise<string>;
  canPrompt: boolean;
  logger: Logger;
  /** How credo_mfa_process splits into argv, as credential_process does, and which desktop dialog asks; Linux when not given. */
  platform?: OsPlatform;
  /** Finds zenity or kdialog on PATH; the environment's PATH by default. */
  findExecutable?: FindExecutable;
  /** How long a desktop dialog or credo_mfa_prompt command may wait for its answer. */
  dialogTimeoutMs?: number;
}

/** A dialog nobody answers gives up after this long, so a forgotten window does not hold the cache lock for ever. */
const dialogTimeoutMs = 300_000;

/** Long enough for a hardware token that waits for a touch, short enough that a hung command does not hang credo. */
const mfaProcessTimeoutMs = 120_000;

const howToSupply =
  "Pass --mfa-code with the 6-digit code, or set credo_mfa_process in the profile to a command that prints it " +
  "(e.g. credo_mfa_process = ykman oath accounts code -s NAME).";

/**
 * The MFA code for a step that needs one, in this order: --mfa-code, the
 * profile's credo_mfa_process, then a prompt chosen by credo_mfa_prompt:
 * `terminal`, `gui` (a desktop dialog), a command, or when unset the terminal
 * if there is one, else a desktop dialog if one can show. Whatever the
 * origin, the code must be six digits, checked here so a typo never costs an
 * AWS call (nor a failed-MFA entry in CloudTrail).
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
    const question = `MFA code for ${request.serial} (profile ${request.profile}):`;
    const mode = mfaPromptMode(request.mfaPrompt);
    const onTerminal = options.canPrompt && options.prompt !== undefined;
    if (mode === "terminal" || (mode === "auto" && onTerminal)) {
      if (!onTerminal) {
        throw new CredoError(
          `Profile ${request.profile} needs an MFA code for ${request.serial}, and there is no terminal to ask for it ` +
            "(credo_mfa_prompt = terminal).",
          {
            exitCode: "auth",
            hint: `Set credo_mfa_prompt = gui for a desktop dialog. ${howToSupply}`,
          },
        );
      }
      logger.debug(`MFA code for ${request.serial} from a prompt on the terminal`);
      const answer = await options.prompt!(question);
      return validMfaCode(answer, "the prompt", request);
    }
    if (mode === "command") {
      const setting = `credo_mfa_prompt of profile ${request.profile}`;
      logger.debug(`MFA code for ${request.serial} from ${setting}`);
      const argv = [...settingArgv(setting, request.mfaPrompt ?? "", options), question];
      const answer = await askDialog(request, options, {
        program: argv[0] ?? "",
        argv,
        describedAs: setting,
        emptyMeansCancelled: true,
      });
      return validMfaCode(answer, setting, request);
    }
    const choice = desktopTextDialog(question, {
      platform: options.platform ?? "linux",
      env: options.env,
      findExecutable: options.findExecutable ?? pathExecutableFinder(options.env),
    });
    if (!choice.available) {
      if (mode === "gui") {
        throw new CredoError(
          `Profile ${request.profile} asks for its MFA code in a desktop dialog (credo_mfa_prompt = gui), ` +
            `but none can show: ${choice.reason}.`,
          { exitCode: "config", hint: choice.hint },
        );
      }
      throw new CredoError(
        `Profile ${request.profile} needs an MFA code for ${request.serial}, and there is no terminal to ask for it ` +
          `(nor a desktop dialog: ${choice.reason}).`,
        { exitCode: "auth", hint: howToSupply },
      );
    }
    logger.debug(`MFA code for ${request.serial} from a ${choice.dialog.program} dialog`);
    const answer = await askDialog(request, options, {
      ...choice.dialog,
      describedAs: "The MFA dialog",
    });
    return validMfaCode(answer, `the ${choice.dialog.program} dialog`, request);
  };
}

type MfaPromptMode = "auto" | "terminal" | "gui" | "command";

/** credo_mfa_prompt: `terminal`, `gui` (any case), or a command line; unset or blank is automatic. */
function mfaPromptMode(setting: string | undefined): MfaPromptMode {
  const value = setting?.trim().toLowerCase() ?? "";
  if (value === "") return "auto";
  if (value === "terminal" || value === "gui") return value;
  return "command";
}

async function askDialog(
  request: MfaRequest,
  options: MfaCodeSourceOptions,
  dialog: Pick<DialogRun, "program" | "argv" | "describedAs" | "emptyMeansCancelled">,
): Promise<string> {
  const answer = await runDialog({
    ...dialog,
    env: options.env,
    runProcess: options.runProcess ?? spawnProcess,
    timeoutMs: options.dialogTimeoutMs ?? dialogTimeoutMs,
  });
  if (answer.kind === "cancelled") {
    throw new CancelledError(
      `The MFA code for ${request.serial} (profile ${request.profile}) was not given: the dialog was cancelled.`,
    );
  }
  return answer.text;
}

/** A configured command line as argv, split as credential_process is; an error names the setting. */
function settingArgv(
  setting: string,
  commandLine: string,
  options: MfaCodeSourceOptions,
): string[] {
  let argv: string[];
  try {
    argv = splitCommandLineOn(options.platform ?? "linux", commandLine);
  } catch (error) {
    if (error instanceof CredoError)
      throw new ConfigError(`${setting}: ${error.message}`, error.hint);
    throw error;
  }
  if (argv[0] === undefined) throw new ConfigError(`${setting} is empty.`, howToSupply);
  return argv;
}

async function runMfaProcess(
  request: MfaRequest,
  commandLine: string,
  options: MfaCodeSourceOptions,
): Promise<string> {
  const setting = `credo_mfa_process of profile ${request.profile}`;
  const argv = settingArgv(setting, commandLine, options);
  const command = argv[0] ?? "";
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
