/**
 * A file as lines that keep their own line ending, so joining them gives back
 * every byte. Only "\n" ends a line and a "\r" right before it belongs to the
 * ending, as in Rust's `str::lines` used by smithy-rs; a lone "\r" stays text.
 */
export interface Line {
  text: string;
  /** "\n", "\r\n", or "" for a last line without a line ending. */
  eol: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    if (newline === -1) {
      lines.push({ text: text.slice(start), eol: "" });
      break;
    }
    const crlf = newline > start && text[newline - 1] === "\r";
    lines.push({
      text: text.slice(start, crlf ? newline - 1 : newline),
      eol: crlf ? "\r\n" : "\n",
    });
    start = newline + 1;
  }
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((line) => line.text + line.eol).join("");
}
