/**
 * Python's `shlex.split` (POSIX mode, no comments), which botocore applies to
 * a config-file section name (configloader `_parse_section`): words split at
 * blanks, quotes removed, backslash escapes. Undefined where shlex raises
 * (an unclosed quote, a trailing backslash), as botocore then skips the section.
 */
export function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      const next = text[index + 1];
      if (char === '"') quote = undefined;
      else if (char === "\\" && next !== undefined && '\\"$`\n'.includes(next)) {
        word += next;
        index += 1;
      } else word += char;
    } else if (" \t\r\n".includes(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word ??= "";
      if (char === "'" || char === '"') quote = char;
      else if (char !== "\\") word += char;
      else if (index + 1 === text.length) return undefined;
      else {
        index += 1;
        word += text[index];
      }
    }
  }
  if (quote !== undefined) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}
