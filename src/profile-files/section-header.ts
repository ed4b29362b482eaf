import { isValidIdentifier } from "./identifier.js";
import { shellWords } from "./shell-words.js";
import { trimBlank } from "./trim-blank.js";

export type FileKind = "config" | "credentials";
export type SectionKind = "profile" | "sso-session" | "services";

/** A section as credo addresses it: the header text depends on the file. */
export interface SectionRef {
  kind: SectionKind;
  name: string;
}

export interface ResolvedHeader extends SectionRef {
  /** `[default]` in the config file, which `[profile default]` overrides wholesale. */
  unprefixedDefault: boolean;
  /**
   * Only botocore (the AWS CLI) reads this section: a quoted name
   * (`[profile "personal"]`), or a name the SEP rejects in the credentials
   * file (`[my team]`). The SDKs that follow the SEP (Rust, Java, Go...) skip it.
   */
  botocoreOnly: boolean;
}

const sectionKinds: readonly SectionKind[] = ["profile", "sso-session", "services"];

/**
 * What a header's inner text (between the brackets, comment removed) names in
 * a file of this kind, or undefined when the SDKs ignore the section. This is
 * smithy-rs `SectionPair::parse` + `valid_for`: split at the first space or
 * tab; the config file needs a known prefix (or is `[default]`), the
 * credentials file takes no prefix at all, and the name must be an identifier.
 * Sections like `[AcmeAccount]` in the config file are kept in the document
 * but resolve to nothing.
 */
export function resolveSectionHeader(
  inner: string,
  fileKind: FileKind,
): ResolvedHeader | undefined {
  const trimmed = trimBlank(inner);
  const split = trimmed.search(/[ \t]/);
  const prefix = split === -1 ? undefined : trimmed.slice(0, split);
  const name = split === -1 ? trimmed : trimBlank(trimmed.slice(split + 1));
  if (!isValidIdentifier(name)) return undefined;
  const resolved = { name, unprefixedDefault: false, botocoreOnly: false };
  if (fileKind === "credentials") {
    return prefix === undefined ? { kind: "profile", ...resolved } : undefined;
  }
  if (prefix === undefined) {
    return name === "default"
      ? { kind: "profile", ...resolved, unprefixedDefault: true }
      : undefined;
  }
  const kind = sectionKinds.find((candidate) => candidate === prefix);
  return kind === undefined ? undefined : { kind, ...resolved };
}

/**
 * What botocore names a section the SEP reading skipped; `inner` is its raw
 * header text (configparser: everything between the first '[' and the last
 * ']'). In the credentials file every section is a profile of that exact
 * name (`[my team]`); in the config file botocore splits the text as a shell
 * would and takes `prefix name` (configloader `_parse_section`), so
 * `[profile "personal"]` is "personal" and `[profile my team]` is nothing.
 */
export function resolveBotocoreHeader(
  inner: string,
  fileKind: FileKind,
): ResolvedHeader | undefined {
  const resolved = { unprefixedDefault: false, botocoreOnly: true };
  if (fileKind === "credentials")
    return inner === "" ? undefined : { kind: "profile", name: inner, ...resolved };
  const words = shellWords(inner);
  const kind = sectionKinds.find((candidate) => candidate === words?.[0]);
  const name = words?.[1];
  if (kind === undefined || words?.length !== 2 || name === undefined || name === "")
    return undefined;
  return { kind, name, ...resolved };
}

/** The header credo writes for a section: `[default]`/`[profile x]` in config, `[x]` in credentials. */
export function headerFor(ref: SectionRef, fileKind: FileKind): string {
  if (fileKind === "credentials") return `[${ref.name}]`;
  if (ref.kind === "profile" && ref.name === "default") return "[default]";
  return `[${ref.kind} ${ref.name}]`;
}

export function sameSection(a: SectionRef, b: SectionRef): boolean {
  return a.kind === b.kind && a.name === b.name;
}
