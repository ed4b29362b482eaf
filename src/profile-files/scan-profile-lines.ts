import type { Line } from "./lines.js";
import { blankRunEnd, isBlank, trimBlank } from "./trim-blank.js";
import {
  resolveBotocoreHeader,
  resolveSectionHeader,
  type FileKind,
  type ResolvedHeader,
} from "./section-header.js";

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
  /** Lines of the section (header included) that botocore reads and the SEP SDKs read otherwise or refuse. */
  readOnlyByBotocore: BotocoreOnlyLine[];
}

export interface BotocoreOnlyLine {
  /** 0-based. */
  line: number;
  /** How the SDKs that follow the SEP read it, as a sentence fragment. */
  sepReading: string;
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
 * Whose reading of a property line to follow: botocore's configparser splits
 * a property at the first '=' or ':' (`region : us-east-1`); the SEP SDKs
 * split at the first '=' only and refuse a property line without one.
 */
export type PropertyReading = "botocore" | "sep";

/**
 * Where a property line's name ends, as `reading` splits it: the first '='
 * (or ':', for botocore); -1 when there is none.
 */
export function propertySeparatorIndex(text: string, reading: PropertyReading): number {
  const equals = text.indexOf("=");
  if (reading === "sep") return equals;
  const colon = text.indexOf(":");
  return colon === -1 || (equals !== -1 && equals < colon) ? equals : colon;
}

/**
 * Splits the lines into sections and properties the way the profile-file SEP
 * does (smithy-rs `parse.rs`, the Java SDK's ProfileFileReader): a comment is a
 * line starting with `#` or `;` in column 0, a section line starts with `[`, a
 * line starting with a space or tab continues the previous property, and blank
 * lines and comments change no state. Syntax is checked in every section, also
 * ones whose name is ignored, as smithy-rs and botocore reject such lines.
 *
 * credo never refuses a file the AWS CLI reads, so where botocore's
 * configparser reads a line the SEP refuses, it is read botocore's way and
 * noted in `readOnlyByBotocore` (for `credo doctor`): an indented line is a
 * continuation only when it is indented deeper than its property's line;
 * otherwise it is a comment, a section header or a property of its own
 * (`[odd]` then `  aws_access_key_id = ...`). A section line may have text
 * after its last `]` (configparser's `\[(.+)\]`). A property may be split at
 * ':' (see PropertyReading); `reading: "sep"` splits property lines as the
 * SEP does, for the parser conformance suite. A line ending in a lone "\r"
 * (which `splitLines` ends there, as Python does) is noted once per file.
 */
export function scanProfileLines(
  lines: readonly Line[],
  fileKind: FileKind,
  reading: PropertyReading = "botocore",
): ScannedSection[] {
  const sections: ScannedSection[] = [];
  let section: ScannedSection | undefined;
  let property: ScannedProperty | undefined;
  let propertyIndent = 0;
  lines.forEach(({ text }, index) => {
    const lineNumber = index + 1;
    let kind = kindOf(text);
    let line = text;
    const indent = kind === "continuation" ? blankRunEnd(text, 0) : 0;
    if (kind === "continuation" && (property === undefined || indent <= propertyIndent)) {
      // configparser strips the line and reads it as a line of its own.
      line = text.slice(indent);
      const own = kindOf(line);
      const isProperty = section !== undefined && propertySeparatorIndex(line, reading) !== -1;
      if (own === "comment" || own === "header" || isProperty) {
        kind = own;
        if (own !== "header")
          section?.readOnlyByBotocore.push({
            line: index,
            sepReading: "as a continuation of the line above, or not at all",
          });
      } else if (property !== undefined) {
        throw new ProfileSyntaxError(lineNumber, "Expected an '=' sign defining a property");
      }
    }
    switch (kind) {
      case "blank":
      case "comment":
        return;
      case "header": {
        const { sepInner, botocoreInner } = headerInner(line, lineNumber);
        const header =
          (sepInner === undefined ? undefined : resolveSectionHeader(sepInner, fileKind)) ??
          (botocoreInner === undefined
            ? undefined
            : resolveBotocoreHeader(botocoreInner, fileKind));
        const readOnlyByBotocore: BotocoreOnlyLine[] = [];
        if (line !== text || sepInner === undefined)
          readOnlyByBotocore.push({ line: index, sepReading: "not at all (they refuse the file)" });
        else if (header?.botocoreOnly === true)
          readOnlyByBotocore.push({
            line: index,
            sepReading: "not at all (they skip the section)",
          });
        section = {
          headerLine: index,
          header,
          properties: [],
          lastContentLine: index,
          readOnlyByBotocore,
        };
        property = undefined;
        sections.push(section);
        return;
      }
      case "property": {
        if (section === undefined)
          throw new ProfileSyntaxError(lineNumber, "Expected a section definition");
        const stripped = stripPropertyComment(line);
        const { key, value } = splitProperty(stripped, lineNumber, "", reading);
        if (stripped[propertySeparatorIndex(stripped, reading)] === ":")
          section.readOnlyByBotocore.push({
            line: index,
            sepReading: stripped.includes("=")
              ? "with the name ending at the '=' sign, not at the ':'"
              : "not at all (they refuse the file)",
          });
        property = {
          key: key.toLowerCase(),
          value,
          hasSubProperties: false,
          firstLine: index,
          lastLine: index,
        };
        propertyIndent = indent;
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
          // botocore splits sub-properties at '=' only (configloader `_parse_nested`).
          splitProperty(continued, lineNumber, " in sub-property", "sep");
          property.hasSubProperties = true;
        }
        property.value += `\n${continued}`;
        property.lastLine = index;
        section.lastContentLine = index;
        return;
      }
    }
  });
  noteLoneCarriageReturn(lines, sections);
  return sections;
}

/** The first line ending in a lone "\r", noted in the first section (which every SDK then reads). */
function noteLoneCarriageReturn(lines: readonly Line[], sections: ScannedSection[]): void {
  const first = sections[0];
  if (first === undefined) return;
  const line = lines.findIndex(({ eol }) => eol === "\r");
  if (line === -1) return;
  first.readOnlyByBotocore.push({
    line,
    sepReading: "joined to the lines after it: it ends in a lone carriage return (CR)",
  });
  first.readOnlyByBotocore.sort((a, b) => a.line - b.line);
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
  if (isBlank(first)) return "continuation";
  return "property";
}

/**
 * The header's inner text as the SEP reads it (a comment may start anywhere,
 * even right after `]`: smithy-rs `prepare_line(line, false)`), and as
 * botocore's configparser does (comments are not stripped; everything up to
 * the line's last `]`). Throws when neither can read it.
 */
function headerInner(
  text: string,
  lineNumber: number,
): { sepInner: string | undefined; botocoreInner: string | undefined } {
  const comment = text.search(/[#;]/);
  const line = trimBlank(comment === -1 ? text : text.slice(0, comment));
  const sepInner = line.endsWith("]") ? line.slice(1, -1) : undefined;
  const close = text.lastIndexOf("]");
  const botocoreInner = close > 1 ? text.slice(1, close) : undefined;
  if (sepInner === undefined && botocoreInner === undefined)
    throw new ProfileSyntaxError(lineNumber, "Section definition must end with ']'");
  return { sepInner, botocoreInner };
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
  reading: PropertyReading,
): { key: string; value: string } {
  const separator = propertySeparatorIndex(line, reading);
  if (separator === -1)
    throw new ProfileSyntaxError(lineNumber, `Expected an '=' sign defining a property${where}`);
  const key = trimBlank(line.slice(0, separator));
  if (key === "") throw new ProfileSyntaxError(lineNumber, `Property did not have a name${where}`);
  return { key, value: trimBlank(line.slice(separator + 1)) };
}
