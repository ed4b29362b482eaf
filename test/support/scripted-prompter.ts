import { CancelledError } from "../../src/errors.js";
import type { PromptChoice, Prompter } from "../../src/io/prompter.js";

type Kind = "text" | "secret" | "confirm" | "select";

/**
 * One expected question and its answer. `question` must appear in the
 * prompt's message. A select is answered with the choice whose name contains
 * `answer`; "cancel" stands for Ctrl-C (the prompt rejects with CancelledError).
 */
export type ScriptStep =
  | { kind: "text" | "secret"; question: string; answer: string | "cancel" }
  | { kind: "confirm"; question: string; answer: boolean | "cancel" }
  | { kind: "select"; question: string; answer: string | "cancel" };

export interface AskedQuestion {
  kind: Kind;
  message: string;
  /** The choices offered, by name (select only). */
  choices?: string[];
}

/**
 * A Prompter that answers from a script, in order, and fails the command (and
 * so the test) on a question it does not expect: tests of prompts run in the
 * test's own process, with no terminal. Text answers go through the prompt's
 * validate function, as a person's would; a rejected answer fails the test.
 */
export interface ScriptedPrompter extends Prompter {
  /** Every question asked so far, in order. */
  readonly asked: AskedQuestion[];
  /** The steps not yet answered. */
  remaining(): ScriptStep[];
}

export function scriptedPrompter(script: readonly ScriptStep[]): ScriptedPrompter {
  const steps = [...script];
  const asked: AskedQuestion[] = [];
  const next = (kind: Kind, message: string, choices?: string[]): ScriptStep => {
    asked.push({ kind, message, ...(choices === undefined ? {} : { choices }) });
    const step = steps.shift();
    if (step === undefined)
      throw new Error(`unexpected ${kind} prompt "${message}": the script is done`);
    if (step.kind !== kind || !message.includes(step.question)) {
      throw new Error(
        `unexpected ${kind} prompt "${message}": the script expects ${step.kind} "${step.question}"`,
      );
    }
    if (step.answer === "cancel") throw new CancelledError();
    return step;
  };
  const typed = (kind: "text" | "secret", message: string): string => {
    const step = next(kind, message);
    return step.answer as string;
  };
  return {
    asked,
    remaining: () => [...steps],
    text: async (message, options) => {
      const answer = typed("text", message);
      const verdict = options?.validate?.(answer) ?? true;
      if (verdict !== true)
        throw new Error(`scripted answer "${answer}" to "${message}" rejected: ${verdict}`);
      return answer;
    },
    secret: async (message) => typed("secret", message),
    confirm: async (message) => next("confirm", message).answer as boolean,
    select: async <T>(message: string, choices: readonly PromptChoice<T>[]): Promise<T> => {
      const step = next(
        "select",
        message,
        choices.map((choice) => choice.name),
      );
      const matching = choices.filter((choice) => choice.name.includes(step.answer as string));
      if (matching.length !== 1) {
        throw new Error(
          `scripted answer "${String(step.answer)}" to "${message}" matches ${matching.length} of: ${choices.map((c) => c.name).join(" | ")}`,
        );
      }
      return matching[0]!.value;
    },
  };
}
