import { fstatSync, statSync, writeSync } from "node:fs";
import { isatty } from "node:tty";

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
  /** All of standard input as text (`--secret-access-key-stdin`): what a pipe or a redirected file holds. */
  readStdin(): Promise<string>;
}

/**
 * The process's stdout and stderr, written to their file descriptors directly
 * and asked whether they are terminals only when a command wants to know:
 * touching process.stdout builds a stream (and loads the stream, net or tty
 * internals), a noticeable part of a run that prints a few lines. On Linux and
 * macOS Node.js writes to pipes, files and terminals synchronously anyway, so
 * the order and the bytes are the same; on Windows, and when a descriptor
 * another process made non-blocking is full (EAGAIN), the streams take over.
 */
export function processStreams(): IOStreams {
  let stdinIsTTY: boolean | undefined;
  return {
    out: descriptorStream(1, () => process.stdout),
    err: descriptorStream(2, () => process.stderr),
    get stdinIsTTY() {
      return (stdinIsTTY ??= isTerminal(0));
    },
    readStdin: readProcessStdin,
  };
}

/** Reads process.stdin only when asked: touching it builds a stream a run that never reads would not need. */
async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function descriptorStream(fd: 1 | 2, stream: () => NodeJS.WriteStream): OutputStream {
  let viaStream: NodeJS.WriteStream | undefined;
  let isTTY: boolean | undefined;
  const useStream = () => {
    if (viaStream === undefined) {
      viaStream = stream();
      viaStream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") process.exit(0);
        throw error;
      });
    }
    return viaStream;
  };
  if (process.platform === "win32") useStream();
  return {
    write(text) {
      if (viaStream !== undefined) {
        viaStream.write(text);
        return;
      }
      const bytes = Buffer.from(text, "utf8");
      let written = 0;
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // `credo list | head`: a reader that stops early is not an error.
        if (code === "EPIPE") process.exit(0);
        if (code !== "EAGAIN") throw error;
        useStream().write(bytes.subarray(written));
      }
    },
    get isTTY() {
      return (isTTY ??= isTerminal(fd));
    },
  };
}

/**
 * Whether the descriptor is a terminal. node:tty loads net and the stream
 * internals with it, a tenth of the start of a command like `credo list`,
 * so it is asked only about a character device that is not /dev/null: a
 * pipe, a file or /dev/null is never a terminal, and fstat says so at the
 * cost of a system call. Windows has no such devices to tell apart.
 */
export function isTerminal(fd: number): boolean {
  if (process.platform === "win32") return isatty(fd);
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || stat.rdev === statSync("/dev/null").rdev) return false;
  } catch {
    // A closed descriptor (EBADF) is no terminal; anything else is isatty's to answer.
  }
  return isatty(fd);
}

/**
 * The streams with what is written held back until release(), in the order
 * it was written: for a run that may give up and leave the command to
 * another path, which must then be the only one to print.
 */
export function heldStreams(real: IOStreams): { io: IOStreams; release(): void } {
  const held: Array<{ stream: OutputStream; text: string }> = [];
  const holding = (stream: OutputStream): OutputStream => ({
    write: (text) => void held.push({ stream, text }),
    get isTTY() {
      return stream.isTTY;
    },
  });
  return {
    io: {
      out: holding(real.out),
      err: holding(real.err),
      get stdinIsTTY() {
        return real.stdinIsTTY;
      },
      readStdin: () => real.readStdin(),
    },
    release() {
      for (const { stream, text } of held.splice(0)) stream.write(text);
    },
  };
}

export function bufferStreams(): IOStreams & { stdout(): string; stderr(): string } {
  let out = "";
  let err = "";
  return {
    out: { write: (t) => void (out += t), isTTY: false },
    err: { write: (t) => void (err += t), isTTY: false },
    stdinIsTTY: false,
    readStdin: () => Promise.resolve(""),
    stdout: () => out,
    stderr: () => err,
  };
}
