export interface PromptChoice<T> {
  name: string;
  value: T;
  description?: string;
}

/**
 * The questions a command may ask the person at the terminal. The real one
 * asks on the controlling terminal (tty-prompt.ts); tests script the answers.
 * A question the person abandons (Ctrl-C) rejects with CancelledError.
 */
export interface Prompter {
  text(message: string, options?: { validate?: (value: string) => true | string }): Promise<string>;
  /** Hidden input: nothing is echoed, not even a mask. */
  secret(message: string): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  select<T>(message: string, choices: readonly PromptChoice<T>[]): Promise<T>;
}

/**
 * Opens the prompter, or gives undefined when there is no one to ask (no
 * controlling terminal: CI, a daemon, a tool that started credo detached).
 * Called only when a question is about to be asked, so commands that never
 * ask pay nothing.
 */
export type OpenPrompter = () => Prompter | undefined;
