import { CancelledError, UsageError } from "../errors.js";
import type { Prompter } from "../io/prompter.js";

/** Asks on the terminal unless --yes; with neither, a usage error rather than a silent yes. */
export async function confirmOrYes(
  prompter: Prompter | undefined,
  yes: boolean | undefined,
  question: string,
): Promise<void> {
  if (yes) return;
  if (prompter === undefined)
    throw new UsageError("There is no terminal to confirm on.", "Add --yes to confirm.");
  if (!(await prompter.confirm(question, false))) throw new CancelledError("Nothing was changed.");
}
