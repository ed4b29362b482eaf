/**
 * Profile, sso-session and property names the SDKs accept: the profile-file
 * SEP (smithy-rs `validate_identifier`, the Java SDK's ProfileFileReader)
 * allows letters, digits and `_ - / . % @ : +`. Sections and keys with any
 * other character are ignored when reading ("Invalid profile names are
 * ignored", "Invalid property names are ignored" in the parser suite).
 */
const identifierPattern = /^[A-Za-z0-9_\-/.%@:+]+$/;

export function isValidIdentifier(name: string): boolean {
  return identifierPattern.test(name);
}
