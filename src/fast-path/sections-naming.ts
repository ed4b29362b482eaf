import { sectionLineStart } from "../profile-files/scan-profile-lines.js";
import { blankRunEnd } from "../profile-files/trim-blank.js";

/**
 * The part of a profile file that can matter for some names: the text before
 * the first section, and every section whose header line contains one of the
 * names anywhere. A header that names a section contains its name, so no
 * section that matters is dropped; the few extra ones a substring match lets
 * through are sorted out by the real parser, which reads the result. This
 * keeps `credo process` on a config of thousands of profiles from parsing
 * every line of it: only the header lines are looked at here. Lines end at
 * "\n", "\r\n" or a lone "\r", as the parser (and botocore) end them.
 */
export function sectionsNaming(text: string, names: readonly string[]): string {
  return sectionsOf(text)(names);
}

/**
 * sectionsNaming for several sets of names over one text: the section lines
 * are found once (the fast path grows its set of names once per link of the
 * chain). Each name is then looked for in the text itself, and an occurrence
 * counts when it lies on a section's header line: a few native searches
 * instead of slicing and testing every header, which cost most of a cold run
 * on a 10,000-profile file.
 */
export function sectionsOf(text: string): (names: readonly string[]) => string {
  if (mayHaveIndentedSectionLine.test(text) && hasIndentedSectionLine(text)) return () => text;
  const starts = sectionStarts(text);
  const before = text.slice(0, starts[0] ?? text.length);
  const sectionEnd = (index: number) => starts[index + 1] ?? text.length;
  // The section whose header line holds the name found at `at`, or -1.
  const headerHolding = text.includes("\r")
    ? (at: number, name: string) => {
        // A line may end at a lone CR: walk the header line of the section `at` is in.
        const index = lastAtOrBefore(starts, at);
        return index !== -1 &&
          at + name.length <= lineEnd(text, starts[index] as number, sectionEnd(index))
          ? index
          : -1;
      }
    : (at: number, name: string) => headerHoldingLf(text, starts, at, name);
  return (names) => {
    const chosen = new Set<number>();
    for (const name of names) {
      if (name === "") {
        // Every header contains the empty name.
        starts.forEach((_, index) => chosen.add(index));
        continue;
      }
      for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
        const index = headerHolding(at, name);
        if (index !== -1) chosen.add(index);
      }
    }
    const pieces = [before];
    for (const index of [...chosen].sort((a, b) => a - b))
      pieces.push(text.slice(starts[index], sectionEnd(index)));
    return pieces.join("");
  };
}

/**
 * The section whose header line holds `name` at `at`, or -1, in a text whose
 * lines all end at "\n": the line's start is one native search back, and
 * only a line that starts with `[` (a header: sectionStarts lists them all)
 * costs a lookup. A name that SSO profiles share (their sso_session) occurs
 * in every profile's body, which walking each occurrence's section from its
 * header cost `credo process` milliseconds on a config of 1,200 of them.
 */
function headerHoldingLf(
  text: string,
  starts: readonly number[],
  at: number,
  name: string,
): number {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  if (text[lineStart] !== sectionLineStart) return -1;
  const end = text.indexOf("\n", at);
  if (end !== -1 && end < at + name.length) return -1;
  return lastAtOrBefore(starts, lineStart);
}

/** The index of the last start at or before `at` (starts ascending), or -1. */
function lastAtOrBefore(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((starts[middle] as number) <= at) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Where the line starting at `start` ends ("\n", "\r" or `end`). */
function lineEnd(text: string, start: number, end: number): number {
  let at = start;
  while (at < end && text[at] !== "\n" && text[at] !== "\r") at += 1;
  return at;
}

/**
 * A cheap first look, so the line-by-line walk below runs only on the rare
 * file with an indented `[` at all (walking every line of a 10,000-profile
 * config cost `credo process` about 13 ms). Linear: a blank run is only
 * tried from the line break before it.
 */
const mayHaveIndentedSectionLine = /(?:^|[\n\r])[ \t]+\[/;

/** Where the lines that start with `[` start, in file order. */
function sectionStarts(text: string): number[] {
  const starts = text.startsWith(sectionLineStart) ? [0] : [];
  const afterCr = found(text, `\r${sectionLineStart}`, []);
  // The usual file has no lone CR before a section: one list, built in place.
  if (afterCr.length === 0) return found(text, `\n${sectionLineStart}`, starts);
  const afterLf = found(text, `\n${sectionLineStart}`, []);
  // Merge the two sorted lists.
  let cr = 0;
  for (const start of afterLf) {
    while (cr < afterCr.length && (afterCr[cr] as number) < start)
      starts.push(afterCr[cr++] as number);
    starts.push(start);
  }
  while (cr < afterCr.length) starts.push(afterCr[cr++] as number);
  return starts;
}

/** Appends to `into` the position after each occurrence of the line break + `[` marker. */
function found(text: string, marker: string, into: number[]): number[] {
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1))
    into.push(at + 1);
  return into;
}

/**
 * Whether an indented `[` line stands where the parser reads it as a section
 * (botocore's reading): at the start of the file or right after a section
 * line, comments and blank lines aside. Such rare files are read whole;
 * anywhere else an indented line continues a property.
 */
function hasIndentedSectionLine(text: string): boolean {
  let afterSectionLine = true;
  // Both searches move forward only, so the walk stays linear in the file's length.
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  for (let start = 0; start < text.length;) {
    if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    const next = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    const end = next === -1 ? text.length : next;
    const first = blankRunEnd(text, start);
    const char = first < end ? text[first] : undefined;
    if (char === sectionLineStart) {
      if (first > start && afterSectionLine) return true;
      afterSectionLine = true;
    } else if (char !== undefined && char !== "#" && char !== ";") {
      afterSectionLine = false;
    }
    start = end + 1;
  }
  return false;
}
