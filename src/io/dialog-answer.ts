import { CredoError } from "../errors.js";
import type { Env } from "./env.js";
import type { ProcessRunner } from "./run-process.js";

export type DialogAnswer = { kind: "answer"; text: string } | { kind: "cancelled" };

export interface DialogRun {
  /** The program's name, for messages. */
  program: string;
  argv: readonly string[];
  /** Says what the dialog was for in messages ("the MFA dialog", "credo_mfa_prompt of profile dev"). */
  describedAs: string;
  emptyMeansCancelled: boolean;
  env: Env;
  runProcess: ProcessRunner;
  timeoutMs: number;
}

/**
 * Shows a dialog program and reads the user's answer from its stdout. Status
 * 1 is Cancel (or the window closed) for zenity, kdialog, osascript and most
 * pickers (rofi, dmenu), unless the program said it could not open the
 * display; any other failure is reported with the program's first stderr
 * line. The answer itself never appears in a message.
 */
export async function runDialog(run: DialogRun): Promise<DialogAnswer> {
  const result = await run
    .runProcess(run.argv, { env: run.env, timeoutMs: run.timeoutMs })
    .catch((error: unknown) => {
      throw new CredoError(
        `${run.describedAs} could not start ${run.program}: ${(error as Error).message}`,
        {
          exitCode: "config",
          hint: `Check that ${run.program} is installed and on PATH.`,
          cause: error,
        },
      );
    });
  if (result.timedOut) {
    throw new CredoError(
      `${run.describedAs} got no answer within ${Math.round(run.timeoutMs / 1_000)} s.`,
      { exitCode: "auth", hint: "Run the command again and answer the dialog." },
    );
  }
  // GTK (zenity) also exits with status 1 when it cannot reach the display: that is no Cancel.
  if (result.exitCode === 1 && !/cannot open display/i.test(result.stderr))
    return { kind: "cancelled" };
  if (result.exitCode !== 0) {
    const status =
      result.exitCode === null
        ? `signal ${result.signal ?? "unknown"}`
        : `status ${result.exitCode}`;
    const reason = result.stderr.trim().split("\n")[0]?.slice(0, 200);
    throw new CredoError(
      `${run.describedAs} (${run.program}) failed with ${status}${reason ? `: ${reason}` : ""}.`,
      { exitCode: "auth", hint: `Run ${run.program} yourself to see why.` },
    );
  }
  const text = result.stdout.trim();
  if (text === "" && run.emptyMeansCancelled) return { kind: "cancelled" };
  return { kind: "answer", text };
}
