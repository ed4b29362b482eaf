/**
 * Trimming of spaces and tabs only, the SEP's `WHITESPACE` set (smithy-rs
 * `trim_matches(&[' ', '\t'])`). Written as index scans, not a regular
 * expression: `/[ \t]+$/` retries from every blank of a run that does not end
 * the line, which is quadratic in the run's length (issue 11: a 60,000-blank
 * line took seconds to parse).
 */
export function trimBlank(text: string): string {
  const start = blankRunEnd(text, 0);
  return text.slice(start, blankRunStart(text, text.length, start));
}

export function trimBlankEnd(text: string): string {
  return text.slice(0, blankRunStart(text, text.length, 0));
}

export function isBlank(char: string | undefined): boolean {
  return char === " " || char === "\t";
}

/** The first index at or after `from` that is not a blank. */
export function blankRunEnd(text: string, from: number): number {
  let index = from;
  while (index < text.length && isBlank(text[index])) index += 1;
  return index;
}

/** The start of the blank run that ends right before `end`, not before `floor`. */
export function blankRunStart(text: string, end: number, floor: number): number {
  let index = end;
  while (index > floor && isBlank(text[index - 1])) index -= 1;
  return index;
}
