import { sectionLineStart } from "../profile-files/scan-profile-lines.js";
import { blankRunEnd } from "../profile-files/trim-blank.js";

/**
 * The part of a profile file that can matter for some names: the text before
 * the first section, and every section whose header line contains one of the
 * names anywhere. A header that names a section contains its name, so no
 * section that matters is dropped; the few extra ones a substring match lets
 * through are sorted out by the real parser, which reads the result. This
 * keeps `credo process` on a config of thousands of profiles from parsing
 * every line of it: only the header lines are looked at here.
 */
export function sectionsNaming(text: string, names: readonly string[]): string {
  if (hasIndentedSectionLine(text)) return text;
  const starts: number[] = text.startsWith(sectionLineStart) ? [0] : [];
  const marker = `\n${sectionLineStart}`;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    starts.push(at + 1);
  }
  const pieces = [text.slice(0, starts[0] ?? text.length)];
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? text.length;
    const lineEnd = text.indexOf("\n", start);
    const header = text.slice(start, lineEnd === -1 ? end : Math.min(lineEnd, end));
    if (names.some((name) => header.includes(name))) pieces.push(text.slice(start, end));
  });
  return pieces.join("");
}

/**
 * Whether an indented `[` line stands where the parser reads it as a section
 * (botocore's reading): at the start of the file or right after a section
 * line, comments and blank lines aside. Such rare files are read whole;
 * anywhere else an indented line continues a property.
 */
function hasIndentedSectionLine(text: string): boolean {
  let afterSectionLine = true;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const first = blankRunEnd(text, start);
    const char = first < end ? text[first] : undefined;
    if (char === sectionLineStart) {
      if (first > start && afterSectionLine) return true;
      afterSectionLine = true;
    } else if (char !== undefined && char !== "\r" && char !== "#" && char !== ";") {
      afterSectionLine = false;
    }
    start = end + 1;
  }
  return false;
}
