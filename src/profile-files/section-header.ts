import { isValidIdentifier } from "./identifier.js";
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
  if (fileKind === "credentials") {
    return prefix === undefined ? { kind: "profile", name, unprefixedDefault: false } : undefined;
  }
  if (prefix === undefined) {
    return name === "default" ? { kind: "profile", name, unprefixedDefault: true } : undefined;
  }
  const kind = sectionKinds.find((candidate) => candidate === prefix);
  return kind === undefined ? undefined : { kind, name, unprefixedDefault: false };
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
