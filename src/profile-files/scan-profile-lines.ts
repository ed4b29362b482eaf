import type { Line } from "./lines.js";
import { trimBlank } from "./trim-blank.js";
import { resolveSectionHeader, type FileKind, type ResolvedHeader } from "./section-header.js";

export interface ScannedProperty {
  /** Lowercased, as every SDK compares property names case-insensitively. */
  key: string;
  /**
   * The value as the SEP parsers build it: the first line's value, then each
   * continuation line trimmed, joined with "\n". For sub-properties the first
   * value is empty, so this is smithy-rs' raw form ("\nname = value").
   */
  value: string;
  /** The property line had no value and continuation lines follow (`s3 =\n  x = y`). */
  hasSubProperties: boolean;
  firstLine: number;
  lastLine: number;
}

export interface ScannedSection {
  headerLine: number;
  /** What the header names in this file, or undefined when the SDKs ignore the section. */
  header: ResolvedHeader | undefined;
  properties: ScannedProperty[];
  /** The header, or the last property or continuation line of the section. */
  lastContentLine: number;
}

/** A line no SDK could read; `line` is 1-based. Messages follow the profile-parser suite. */
export class ProfileSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "ProfileSyntaxError";
  }
}

/**
 * A section line starts with `[` in column 0 (indented, it would continue a
 * property). The `credo process` fast path finds sections by this rule alone.
 */
export const sectionLineStart = "[";

type LineKind = "blank" | "comment" | "header" | "property" | "continuation";

/**
 * Splits the lines into sections and properties the way the profile-file SEP
 * does (smithy-rs `parse.rs`, the Java SDK's ProfileFileReader): a comment is a
 * line starting with `#` or `;` in column 0, a section line starts with `[`, a
 * line starting with a space or tab continues the previous property, and blank
 * lines and comments change no state. Syntax is checked in every section, also
 * ones whose name is ignored, as smithy-rs and botocore reject such lines.
 */
export function scanProfileLines(lines: readonly Line[], fileKind: FileKind): ScannedSection[] {
  const sections: ScannedSection[] = [];
  let section: ScannedSection | undefined;
  let property: ScannedProperty | undefined;
  lines.forEach(({ text }, index) => {
    const lineNumber = index + 1;
    switch (kindOf(text)) {
      case "blank":
      case "comment":
        return;
      case "header":
        section = {
          headerLine: index,
          header: resolveSectionHeader(headerInner(text, lineNumber), fileKind),
          properties: [],
          lastContentLine: index,
        };
        property = undefined;
        sections.push(section);
        return;
      case "property": {
        if (section === undefined)
          throw new ProfileSyntaxError(lineNumber, "Expected a section definition");
        const { key, value } = splitProperty(stripPropertyComment(text), lineNumber, "");
        property = {
          key: key.toLowerCase(),
          value,
          hasSubProperties: false,
          firstLine: index,
          lastLine: index,
        };
        section.properties.push(property);
        section.lastContentLine = index;
        return;
      }
      case "continuation": {
        if (section === undefined)
          throw new ProfileSyntaxError(lineNumber, "Expected a section definition");
        if (property === undefined) {
          throw new ProfileSyntaxError(
            lineNumber,
            "Expected a property definition, found continuation",
          );
        }
        const continued = trimBlank(text);
        const startsSubProperties =
          property.firstLine === property.lastLine && property.value === "";
        if (startsSubProperties || property.hasSubProperties) {
          splitProperty(continued, lineNumber, " in sub-property");
          property.hasSubProperties = true;
        }
        property.value += `\n${continued}`;
        property.lastLine = index;
        section.lastContentLine = index;
        return;
      }
    }
  });
  return sections;
}

function kindOf(text: string): LineKind {
  const first = text[0];
  if (first === undefined) return "blank";
  // Most lines start with a visible ASCII character and so are not blank; the
  // Unicode property regex is costly to compile on the credo process fast path.
  const visibleAscii = first > " " && first < "\x7f";
  if (!visibleAscii && /^\p{White_Space}*$/u.test(text)) return "blank";
  if (first === "#" || first === ";") return "comment";
  if (first === sectionLineStart) return "header";
  if (first === " " || first === "\t") return "continuation";
  return "property";
}

/** In a section line a comment may start anywhere, even right after `]` (smithy-rs `prepare_line(line, false)`). */
function headerInner(text: string, lineNumber: number): string {
  const comment = text.search(/[#;]/);
  const line = trimBlank(comment === -1 ? text : text.slice(0, comment));
  if (!line.endsWith("]"))
    throw new ProfileSyntaxError(lineNumber, "Section definition must end with ']'");
  return line.slice(1, -1);
}

/**
 * In a property line a comment starts only after whitespace, so `value;x` keeps
 * its `;` ("Comments adjacent to values are included in the value").
 */
function stripPropertyComment(text: string): string {
  const line = trimBlank(text);
  for (let index = 1; index < line.length; index += 1) {
    const char = line[index];
    if ((char === "#" || char === ";") && /\s/u.test(line[index - 1] ?? "")) {
      return trimBlank(line.slice(0, index));
    }
  }
  return line;
}

function splitProperty(
  line: string,
  lineNumber: number,
  where: string,
): { key: string; value: string } {
  const equals = line.indexOf("=");
  if (equals === -1)
    throw new ProfileSyntaxError(lineNumber, `Expected an '=' sign defining a property${where}`);
  const key = trimBlank(line.slice(0, equals));
  if (key === "") throw new ProfileSyntaxError(lineNumber, `Property did not have a name${where}`);
  return { key, value: trimBlank(line.slice(equals + 1)) };
}
