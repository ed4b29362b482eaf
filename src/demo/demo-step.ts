/** What one command of the demo printed and how it ended. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program of the demo (credo or node) in the demo's home, with only the demo's environment. */
export type RunProgram = (
  program: "credo" | "node",
  args: readonly string[],
  options?: {
    input?: string;
    env?: Readonly<Record<string, string>>;
    /** Sees the program's output as it comes, for a step that must act while the program waits. */
    onOutput?: (chunk: string) => void;
  },
) => Promise<CommandResult>;
