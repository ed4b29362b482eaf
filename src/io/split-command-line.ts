import { ConfigError } from "../errors.js";

/**
 * Splits a command line into argv the way botocore splits `credential_process`
 * (`compat_shell_split`, which is Python's `shlex.split` in POSIX mode on
 * every platform but Windows), so a command that works for the AWS CLI works
 * for credo. No shell is involved: `;`, `|`, `$()` and globs are plain text.
 *
 * shlex rules copied here, quirks included:
 * - only space, tab, CR and LF separate words (not other Unicode spaces);
 * - outside quotes a backslash takes the next character literally;
 * - in single quotes everything is literal;
 * - in double quotes a backslash escapes only `"` and `\`; before any other
 *   character both are kept (shlex does not treat `$` or a backquote specially);
 * - quoted parts join the adjacent word, and `''` alone is an empty argument.
 */
export function splitCommandLine(commandLine: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < commandLine.length) {
    const char = commandLine.charAt(i);
    if (isShlexWhitespace(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i += 1;
    } else if (char === "\\") {
      if (i + 1 >= commandLine.length) throw syntaxError("No escaped character", commandLine);
      word += commandLine.charAt(i + 1);
      inWord = true;
      i += 2;
    } else if (char === "'") {
      const end = commandLine.indexOf("'", i + 1);
      if (end < 0) throw syntaxError("No closing quotation", commandLine);
      word += commandLine.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (char === '"') {
      const [text, next] = readDoubleQuoted(commandLine, i + 1);
      word += text;
      inWord = true;
      i = next;
    } else {
      word += char;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Reads a double-quoted part starting after its opening quote; returns the text and the index after the closing quote. */
function readDoubleQuoted(commandLine: string, start: number): [string, number] {
  let text = "";
  let i = start;
  while (i < commandLine.length) {
    const char = commandLine.charAt(i);
    if (char === '"') return [text, i + 1];
    if (char === "\\") {
      if (i + 1 >= commandLine.length) throw syntaxError("No escaped character", commandLine);
      const next = commandLine.charAt(i + 1);
      text += next === '"' || next === "\\" ? next : char + next;
      i += 2;
    } else {
      text += char;
      i += 1;
    }
  }
  throw syntaxError("No closing quotation", commandLine);
}

function isShlexWhitespace(char: string): boolean {
  return char === " " || char === "\t" || char === "\r" || char === "\n";
}

function syntaxError(problem: string, commandLine: string): ConfigError {
  // The command line itself is not echoed: it may carry an argument the user considers sensitive.
  return new ConfigError(
    `Cannot split the command line (${commandLine.length} characters): ${problem.toLowerCase()}.`,
    "Quote it as for a POSIX shell: close every quote and do not end it with a lone backslash.",
  );
}
