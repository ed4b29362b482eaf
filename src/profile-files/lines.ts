/**
 * A file as lines that keep their own line ending, so joining them gives back
 * every byte.
 */
export interface Line {
  text: string;
  /** "\n", "\r\n", "\r", or "" for a last line without a line ending. */
  eol: string;
}

/**
 * How lines end. "universal" is botocore's: Python opens the files with
 * universal newlines, so "\n", "\r\n" and a lone "\r" each end a line. "lf"
 * is the SEP SDKs' (Rust's `str::lines` in smithy-rs): only "\n" ends a line,
 * a "\r" right before it belongs to the ending, and a lone "\r" stays text.
 */
export type LineEndings = "universal" | "lf";

export function splitLines(text: string, endings: LineEndings = "universal"): Line[] {
  const lines: Line[] = [];
  let start = 0;
  // Both searches move forward only, so the split stays linear in the file's length.
  let lf = text.indexOf("\n");
  let cr = endings === "universal" ? text.indexOf("\r") : -1;
  while (start < text.length) {
    if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (end === -1) {
      lines.push({ text: text.slice(start), eol: "" });
      break;
    }
    if (text[end] === "\n") {
      const crlf = end > start && text[end - 1] === "\r";
      lines.push({ text: text.slice(start, crlf ? end - 1 : end), eol: crlf ? "\r\n" : "\n" });
      start = end + 1;
    } else if (text[end + 1] === "\n") {
      lines.push({ text: text.slice(start, end), eol: "\r\n" });
      start = end + 2;
    } else {
      lines.push({ text: text.slice(start, end), eol: "\r" });
      start = end + 1;
    }
  }
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((line) => line.text + line.eol).join("");
}
