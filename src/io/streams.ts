/** Output streams, injected so tests capture what a command prints. */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface IOStreams {
  out: OutputStream;
  err: OutputStream;
  /** Whether stdin is a terminal (prompts are allowed there, or via /dev/tty). */
  stdinIsTTY: boolean;
}

export function processStreams(): IOStreams {
  // `credo list | head`: a reader that stops early is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  }
  return {
    out: { write: (t) => void process.stdout.write(t), isTTY: process.stdout.isTTY === true },
    err: { write: (t) => void process.stderr.write(t), isTTY: process.stderr.isTTY === true },
    stdinIsTTY: process.stdin.isTTY === true,
  };
}

export function bufferStreams(): IOStreams & { stdout(): string; stderr(): string } {
  let out = "";
  let err = "";
  return {
    out: { write: (t) => void (out += t), isTTY: false },
    err: { write: (t) => void (err += t), isTTY: false },
    stdinIsTTY: false,
    stdout: () => out,
    stderr: () => err,
  };
}
