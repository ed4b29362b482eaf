import { ConfigError } from "../errors.js";
import {
  assertWritableComment,
  assertWritableKey,
  assertWritableSection,
  assertWritableValue,
} from "./assert-writable.js";
import { joinLines, splitLines, type Line } from "./lines.js";
import {
  ProfileSyntaxError,
  propertySeparatorIndex,
  scanProfileLines,
  type PropertyReading,
  type ScannedSection,
} from "./scan-profile-lines.js";
import { headerFor, sameSection, type FileKind, type SectionRef } from "./section-header.js";
import { blankRunEnd, blankRunStart, trimBlankEnd } from "./trim-blank.js";

export interface AddSectionOptions {
  /** Comment lines written right above the header, without the leading "# ". */
  comments?: readonly string[];
}

/**
 * A lossless model of one AWS shared config or credentials file.
 *
 * Why our own parser: these files are INI-like with rules of their own
 * (`[profile x]` vs `[x]` per file, `[profile default]` overriding
 * `[default]`, sub-properties on indented lines, comments that start only in
 * some positions, duplicate sections that merge, invalid names that are
 * skipped). No INI library on npm parses them the way the SDKs do, and none
 * keeps comments, spacing and order when it writes, which credo must do in
 * files it shares with every other AWS tool.
 *
 * The document is the file's lines, each with its own line ending; the
 * structure is re-derived after every edit, and edits touch only the lines
 * they mean to. Whether the file ends with a line ending is kept through
 * every edit, which is what makes "remove what was added" give back the
 * original bytes.
 */
export class ProfileDocument {
  readonly fileKind: FileKind;
  private lines: Line[];
  private scanned: ScannedSection[];
  /** Line ending for new lines: the file's first one, so CRLF files stay CRLF. */
  private readonly eol: string;

  /** Names the file in errors. */
  private readonly source: string;

  private constructor(lines: Line[], fileKind: FileKind, source: string) {
    this.fileKind = fileKind;
    this.source = source;
    this.lines = lines;
    this.scanned = scanProfileLines(lines, fileKind);
    // A file whose lines end in a lone CR keeps them too.
    this.eol = lines.find((line) => line.eol !== "")?.eol ?? "\n";
  }

  /**
   * Parses a file's text as botocore (the AWS CLI) reads it; `source` names
   * it in errors (usually its path). Throws ConfigError naming the line when
   * the AWS CLI could not read the file either.
   */
  static parse(text: string, fileKind: FileKind, source = `the ${fileKind} file`): ProfileDocument {
    return readingErrors(source, () => new ProfileDocument(splitLines(text), fileKind, source));
  }

  toString(): string {
    return joinLines(this.lines);
  }

  /**
   * Every section in file order, with what its header names in this file.
   * "sep" reads the file as the SDKs that follow the profile-file SEP do
   * (lines end only at "\n", properties split at '=' only), and throws
   * ConfigError where they refuse it.
   */
  sections(reading: PropertyReading = "botocore"): readonly ScannedSection[] {
    if (reading === "botocore") return this.scanned;
    return readingErrors(this.source, () =>
      scanProfileLines(splitLines(this.toString(), "lf"), this.fileKind, "sep"),
    );
  }

  hasSection(ref: SectionRef): boolean {
    return this.effectiveOccurrences(ref).length > 0;
  }

  /** The comment lines right above the section's header (credo marks its own sections there). */
  sectionComments(ref: SectionRef): string[] {
    const section = this.effectiveOccurrences(ref).at(-1);
    if (section === undefined) return [];
    return this.lines
      .slice(this.attachedCommentStart(section.headerLine), section.headerLine)
      .map((line) => line.text.replace(/^[#;] ?/, ""));
  }

  /**
   * The text of every occurrence of the section, each with the comment lines
   * right above its header: what removeSection takes out, less the blank
   * separators. Empty when there is no such section.
   */
  sectionText(ref: SectionRef): string {
    return this.allOccurrences(ref)
      .map((section) => {
        const lines = this.lines.slice(
          this.attachedCommentStart(section.headerLine),
          section.lastContentLine + 1,
        );
        const text = joinLines(lines);
        return lines.at(-1)?.eol === "" ? `${text}${this.eol}` : text;
      })
      .join("");
  }

  /** Replaces the comment lines right above the section's header. */
  setSectionComments(ref: SectionRef, comments: readonly string[]): void {
    comments.forEach(assertWritableComment);
    const section = this.effectiveOccurrences(ref).at(-1);
    if (section === undefined) throw missingSection(ref);
    const start = this.attachedCommentStart(section.headerLine);
    this.lines.splice(
      start,
      section.headerLine - start,
      ...comments.map((text) => this.newLine(`# ${text}`)),
    );
    this.rescan();
  }

  /**
   * Sets a property: replaces the value where the key is defined (keeping the
   * line's spacing and trailing comment), or appends `key = value` after the
   * section's last property. Creates the section when it does not exist.
   */
  setProperty(ref: SectionRef, key: string, value: string): void {
    assertWritableSection(ref, this.fileKind);
    assertWritableKey(key);
    assertWritableValue(key, value);
    const occurrences = this.effectiveOccurrences(ref);
    const last = occurrences.at(-1);
    if (last === undefined) {
      this.addSection(ref, { [key]: value });
      return;
    }
    const wanted = key.toLowerCase();
    // Duplicate sections merge and the last definition wins, so that is the one to change.
    const defined = occurrences
      .flatMap((section) => section.properties)
      .filter((property) => property.key === wanted)
      .at(-1);
    if (defined === undefined) {
      this.insertLines(last.lastContentLine + 1, [
        `${key}${this.separatorStyle(last)}${value}`.trimEnd(),
      ]);
      return;
    }
    const line = this.lines[defined.firstLine] as Line;
    this.lines[defined.firstLine] = { text: replaceValue(line.text, value), eol: line.eol };
    if (defined.lastLine > defined.firstLine)
      this.deleteLines(defined.firstLine + 1, defined.lastLine);
    else this.rescan();
  }

  /** Removes every definition of the key from the section; false when there was none. */
  removeProperty(ref: SectionRef, key: string): boolean {
    const wanted = key.toLowerCase();
    let removed = false;
    for (;;) {
      const property = this.effectiveOccurrences(ref)
        .flatMap((section) => section.properties)
        .filter((candidate) => candidate.key === wanted)
        .at(-1);
      if (property === undefined) return removed;
      this.deleteLines(property.firstLine, property.lastLine);
      removed = true;
    }
  }

  /**
   * Appends a section at the end of the file, separated from what is there by
   * one blank line. Throws when the section exists already.
   */
  addSection(
    ref: SectionRef,
    properties: Readonly<Record<string, string>>,
    options: AddSectionOptions = {},
  ): void {
    assertWritableSection(ref, this.fileKind);
    const entries = Object.entries(properties);
    for (const [key, value] of entries) {
      assertWritableKey(key);
      assertWritableValue(key, value);
    }
    const comments = options.comments ?? [];
    comments.forEach(assertWritableComment);
    if (this.allOccurrences(ref).length > 0) {
      throw new ConfigError(
        `The ${ref.kind} "${ref.name}" already exists in the ${this.fileKind} file.`,
        "Remove it first or change its properties.",
      );
    }
    this.insertLines(this.lines.length, [
      ...(this.lines.length > 0 ? [""] : []),
      ...comments.map((comment) => `# ${comment}`),
      headerFor(ref, this.fileKind),
      ...entries.map(([key, value]) => `${key} = ${value}`.trimEnd()),
    ]);
  }

  /**
   * Removes every occurrence of the section (both `[default]` and
   * `[profile default]`), with the comment lines right above its header and
   * one blank line that separated it; false when there was none.
   */
  removeSection(ref: SectionRef): boolean {
    let removed = false;
    for (;;) {
      const section = this.allOccurrences(ref).at(-1);
      if (section === undefined) return removed;
      let start = this.attachedCommentStart(section.headerLine);
      let end = section.lastContentLine;
      if (start > 0 && this.isBlank(start - 1)) start -= 1;
      else if (start === 0 && this.isBlank(end + 1)) end += 1;
      this.deleteLines(start, end);
      removed = true;
    }
  }

  private allOccurrences(ref: SectionRef): ScannedSection[] {
    return this.scanned.filter(
      (section) => section.header !== undefined && sameSection(section.header, ref),
    );
  }

  /** `[profile default]` in the config file overrides every `[default]`, wherever they are. */
  private effectiveOccurrences(ref: SectionRef): ScannedSection[] {
    const all = this.allOccurrences(ref);
    const prefixed = all.filter((section) => section.header?.unprefixedDefault === false);
    return prefixed.length > 0 ? prefixed : all;
  }

  private attachedCommentStart(headerLine: number): number {
    let start = headerLine;
    while (start > 0 && /^[#;]/.test(this.lines[start - 1]?.text ?? "")) start -= 1;
    return start;
  }

  private isBlank(index: number): boolean {
    const line = this.lines[index];
    return line !== undefined && /^\p{White_Space}*$/u.test(line.text);
  }

  /** The `=` with its spacing as the section's properties write it, else " = ". */
  private separatorStyle(section: ScannedSection): string {
    for (const property of [...section.properties].reverse()) {
      const separator = separatorOf(this.lines[property.firstLine]?.text ?? "");
      if (separator !== undefined) return separator;
    }
    return " = ";
  }

  private newLine(text: string): Line {
    return { text, eol: this.eol };
  }

  /** Inserts before `index`; at the end of a file without a final line ending, the file still has none. */
  private insertLines(index: number, texts: readonly string[]): void {
    const added = texts.map((text) => this.newLine(text));
    const previous = this.lines[index - 1];
    if (
      index === this.lines.length &&
      previous !== undefined &&
      previous.eol === "" &&
      added.length > 0
    ) {
      this.lines[index - 1] = { text: previous.text, eol: this.eol };
      (added.at(-1) as Line).eol = "";
    }
    this.lines.splice(index, 0, ...added);
    this.rescan();
  }

  /** Deletes lines start..end inclusive; a file without a final line ending still has none. */
  private deleteLines(start: number, end: number): void {
    const previous = this.lines[start - 1];
    if (end === this.lines.length - 1 && previous !== undefined && this.lines[end]?.eol === "") {
      this.lines[start - 1] = { text: previous.text, eol: "" };
    }
    this.lines.splice(start, end - start + 1);
    this.rescan();
  }

  private rescan(): void {
    this.scanned = scanProfileLines(this.lines, this.fileKind);
  }
}

function readingErrors<T>(source: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ProfileSyntaxError)) throw error;
    throw new ConfigError(
      `Cannot read ${source}, line ${error.line}: ${error.reason}.`,
      `Fix line ${error.line} of ${source}; the AWS CLI and SDKs cannot read this file either.`,
    );
  }
}

/**
 * Puts a new value into a property line, keeping the key, the spacing around
 * the separator (`=`, or `:` where botocore reads one) and any trailing
 * comment (which the SEP starts at '#' or ';' after whitespace).
 */
function replaceValue(text: string, value: string): string {
  const equals = propertySeparatorIndex(text, "botocore");
  const head = text.slice(0, equals + 1);
  const afterEquals = text.slice(equals + 1);
  const leading = /^[ \t]*/.exec(afterEquals)?.[0] ?? "";
  const rest = afterEquals.slice(leading.length);
  let commentAt = rest.length;
  for (let index = 0; index < rest.length; index += 1) {
    const char = rest[index];
    if (char !== "#" && char !== ";") continue;
    const afterSpace = index === 0 ? leading !== "" : /\s/u.test(rest[index - 1] ?? "");
    if (afterSpace) {
      commentAt = index;
      break;
    }
  }
  const oldValue = trimBlankEnd(rest.slice(0, commentAt));
  const tail = rest.slice(oldValue.length);
  const comment = tail.trim() === "" ? "" : tail;
  const spacing = leading === "" && value !== "" && /[ \t][=:]$/.test(head) ? " " : leading;
  const line = `${head}${spacing}${value}${comment}`;
  return comment === "" ? line.trimEnd() : line;
}

/**
 * The first `=` with the blanks around it, when a value follows; scanned
 * rather than matched, as a pattern for it backtracks quadratically on long
 * blank runs. A line split at `:` gives no style: new lines use `=`, which
 * every SDK reads.
 */
function separatorOf(text: string): string | undefined {
  const equals = propertySeparatorIndex(text, "botocore");
  if (equals === -1 || text[equals] !== "=") return undefined;
  const end = blankRunEnd(text, equals + 1);
  const next = text[end];
  if (next === undefined || /\s/.test(next)) return undefined;
  return text.slice(blankRunStart(text, equals, 0), end);
}

function missingSection(ref: SectionRef): ConfigError {
  return new ConfigError(`There is no ${ref.kind} "${ref.name}".`, "Check the section name.");
}
