import { splitCommandLine } from "../io/split-command-line.js";

/**
 * The hub name when a credential_process runs credo's own `process` command
 * (`credo process acme`, `/abs/bin/credo.js process acme`,
 * `node /abs/bin/credo.js process --profile acme`), else undefined. The chain
 * calls the vault-backed provider directly for such a profile instead of
 * starting credo again as a subprocess.
 */
export function parseCredoProcessCommand(command: string): string | undefined {
  let argv: string[];
  try {
    argv = splitCommandLine(command);
  } catch {
    return undefined;
  }
  const rest = dropCredoExecutable(argv);
  if (rest === undefined || rest[0] !== "process") return undefined;
  return hubNameFromArgs(rest.slice(1));
}

function dropCredoExecutable(argv: readonly string[]): readonly string[] | undefined {
  const [first, second] = argv;
  if (first === undefined) return undefined;
  if (isCredoExecutable(first)) return argv.slice(1);
  if (/^node(\.exe)?$/i.test(baseName(first)) && second !== undefined && isCredoExecutable(second))
    return argv.slice(2);
  return undefined;
}

function isCredoExecutable(path: string): boolean {
  return /^credo(\.js|\.cmd|\.exe)?$/i.test(baseName(path));
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * The profile named by `credo process`'s arguments when they are just that
 * (`NAME`, `--profile NAME`, `--profile=NAME`), else undefined. The fast path
 * of `credo process` accepts exactly these forms.
 */
export function hubNameFromArgs(args: readonly string[]): string | undefined {
  if (args.length === 1) {
    const [only] = args;
    if (only === undefined) return undefined;
    if (only.startsWith("--profile=")) return nonEmpty(only.slice("--profile=".length));
    return only.startsWith("-") ? undefined : only;
  }
  if (args.length === 2 && args[0] === "--profile") return nonEmpty(args[1]);
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
