import { closeSync, openSync } from "node:fs";
import { ReadStream, WriteStream } from "node:tty";
import type * as InquirerPrompts from "@inquirer/prompts";
import { CancelledError } from "../errors.js";
import type { OsPlatform } from "./platform/os-platform.js";
import type { PromptChoice, Prompter } from "./prompter.js";
import { terminalDevice } from "./platform/terminal-device.js";

/**
 * The real Prompter: questions asked on the controlling terminal, whatever
 * stdin, stdout and stderr are connected to.
 *
 * A prompter on the terminal device (/dev/tty; CONIN$ and CONOUT$ on Windows), or undefined when the process has no controlling
 * terminal (CI, a daemon, a tool that started credo detached). Prompts never
 * use stdout or stderr: `credential_process` callers capture both, so a
 * prompt there would be invisible to the user and would corrupt the output.
 *
 * Each question opens the terminal afresh and closes it when answered, so an
 * idle prompter holds nothing open that would keep the process alive.
 */
export function openTtyPrompter(platform: OsPlatform): Prompter | undefined {
  const device = terminalDevice(platform);
  try {
    closeSync(openSync(device.input, "r"));
  } catch {
    return undefined;
  }
  return {
    text: (message, options = {}) =>
      onTty(device, async (prompts, context) => {
        const { validate } = options;
        return prompts.input({ message, ...(validate === undefined ? {} : { validate }) }, context);
      }),
    secret: (message) =>
      onTty(device, (prompts, context) => prompts.password({ message }, context)),
    confirm: (message, defaultValue) =>
      onTty(device, (prompts, context) =>
        prompts.confirm({ message, default: defaultValue }, context),
      ),
    select: <T>(message: string, choices: readonly PromptChoice<T>[]) =>
      onTty(device, (prompts, context) =>
        prompts.select<T>({ message, choices: choices.map((choice) => ({ ...choice })) }, context),
      ),
  };
}

type Prompts = typeof InquirerPrompts;
interface TtyContext {
  input: ReadStream;
  output: WriteStream;
}

async function onTty<T>(
  device: { input: string; output: string },
  ask: (prompts: Prompts, context: TtyContext) => Promise<T>,
): Promise<T> {
  // Loaded on first use: commands that never prompt (the credential_process fast path) never pay for it.
  const prompts = await import("@inquirer/prompts");
  const input = new ReadStream(openSync(device.input, "r"));
  const output = new WriteStream(openSync(device.output, "w"));
  try {
    return await ask(prompts, { input, output });
  } catch (error) {
    // Inquirer rejects with ExitPromptError on Ctrl-C (and when the process is told to exit).
    if (error instanceof Error && error.name === "ExitPromptError") throw new CancelledError();
    throw error;
  } finally {
    input.destroy();
    output.destroy();
  }
}
