import { CredoError } from "../errors.js";
import { isValidIdentifier } from "./identifier.js";
import type { FileKind, SectionRef } from "./section-header.js";

/**
 * Checks on what credo writes, so that it never writes something the SDKs
 * would read differently. Messages name the key, never the value: values may
 * be secret keys or session tokens.
 */
export function assertWritableSection(ref: SectionRef, fileKind: FileKind): void {
  if (!isValidIdentifier(ref.name)) {
    throw writeError(
      `"${ref.name}" cannot be used as a ${ref.kind} name.`,
      "Use letters, digits and _ - / . % @ : + only; the AWS SDKs ignore sections with other characters.",
    );
  }
  if (fileKind === "credentials" && ref.kind !== "profile") {
    throw writeError(
      `A ${ref.kind} section cannot be written to the credentials file.`,
      "Write it to the config file.",
    );
  }
}

export function assertWritableKey(key: string): void {
  // ':' is an identifier character for the SEP, but botocore's configparser
  // splits a property at ':' as well as at '=', so such a key would differ there.
  if (!isValidIdentifier(key) || key.includes(":")) {
    throw writeError(
      `"${key}" cannot be used as a property name.`,
      "Use letters, digits and _ - / . % @ + only.",
    );
  }
}

export function assertWritableValue(key: string, value: string): void {
  if (/[\r\n]/.test(value)) {
    throw writeError(
      `Cannot write ${key}: its value contains a line break.`,
      "Values in the AWS config files are one line.",
    );
  }
  if (/^\p{White_Space}|\p{White_Space}$/u.test(value)) {
    throw writeError(
      `Cannot write ${key}: its value starts or ends with whitespace.`,
      "The SDKs trim it; remove it.",
    );
  }
  // The SEP parsers start an inline comment at '#' or ';' after whitespace (and
  // `key = #x` has a space before '#'), so such a value would be cut short.
  if (/^[#;]|\p{White_Space}[#;]/u.test(value)) {
    throw writeError(
      `Cannot write ${key}: a '#' or ';' at its start or after a space would start a comment.`,
      "The AWS SDKs would cut the value there; leave out that character or the space before it.",
    );
  }
}

export function assertWritableComment(comment: string): void {
  if (/[\r\n]/.test(comment)) {
    throw writeError(
      "A comment in the AWS config files must be one line.",
      "Remove the line break.",
    );
  }
}

function writeError(message: string, hint: string): CredoError {
  return new CredoError(message, { exitCode: "usage", hint });
}
