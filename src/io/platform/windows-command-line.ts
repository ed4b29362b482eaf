import { ConfigError } from "../../errors.js";

/**
 * Splits a command line as botocore does on Windows (compat._windows_shell_split,
 * the Microsoft C runtime's rules): only space and tab separate words, double
 * quotes are the only quotes, and backslashes are literal unless a run of them
 * ends at a double quote, where they pair up and an odd one out escapes the
 * quote. So `C:\Program Files\x.exe` keeps its backslashes.
 */
export function splitWindowsCommandLine(commandLine: string): string[] {
  const words: string[] = [];
  let word: string[] = [];
  let quoted = false;
  let backslashes = 0;
  const flushBackslashes = () => {
    if (backslashes > 0) word.push("\\".repeat(backslashes));
    backslashes = 0;
  };
  for (const char of commandLine) {
    if (char === "\\") {
      backslashes += 1;
    } else if (char === '"') {
      if (backslashes > 0) {
        word.push("\\".repeat(Math.floor(backslashes / 2)));
        const escapesQuote = backslashes % 2 === 1;
        backslashes = 0;
        if (escapesQuote) {
          word.push('"');
          continue;
        }
      }
      quoted = !quoted;
      // Keeps `""` as an empty argument: the word now exists even if nothing follows.
      word.push("");
    } else if ((char === " " || char === "\t") && !quoted) {
      flushBackslashes();
      if (word.length > 0) words.push(word.join(""));
      word = [];
    } else {
      flushBackslashes();
      word.push(char);
    }
  }
  if (quoted) {
    throw new ConfigError(
      `Cannot split the command line (${commandLine.length} characters): no closing quotation.`,
      'Quote it as for a Windows command line: close every double quote (\\" is a literal quote).',
    );
  }
  flushBackslashes();
  if (word.length > 0) words.push(word.join(""));
  return words;
}
