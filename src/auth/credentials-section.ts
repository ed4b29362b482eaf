import { chmod, copyFile } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import type { ProfileDocument } from "../profile-files/document.js";
import type { AwsCredentials } from "../providers/credentials.js";

/**
 * credo marks the ~/.aws/credentials sections it writes with a comment line
 * right above the header (not a key, as in ~/.aws/config: the credentials
 * file is the seed's hand-off to tools that read only it, and the comment
 * also tells a reader when the keys expire). Only sections whose attached
 * comments include a line with this prefix are credo's.
 */
export const credentialsMarkerPrefix = "credo: temporary credentials from `credo auth";

export function credentialsMarker(profile: string, expiration: Date | undefined): string {
  const expiry = expiration === undefined ? "" : `, expire ${expiration.toISOString()}`;
  return `${credentialsMarkerPrefix} ${profile}\`${expiry}; \`credo unauth\` removes them`;
}

export function isCredoSection(document: ProfileDocument, section: string): boolean {
  return document
    .sectionComments({ kind: "profile", name: section })
    .some((line) => line.startsWith(credentialsMarkerPrefix));
}

/** Sections credo wrote, in file order. */
export function credoSections(document: ProfileDocument): string[] {
  const names = document
    .sections()
    .flatMap((section) => (section.header === undefined ? [] : [section.header.name]));
  return [...new Set(names)].filter((name) => isCredoSection(document, name));
}

/**
 * Writes temporary credentials under `section`. A section credo wrote is
 * updated in place (its position and neighbours unchanged); a new one is
 * appended; anyone else's section is refused unless `force`, and then
 * replaced whole (the caller has kept a backup).
 */
export function writeCredentialsSection(
  document: ProfileDocument,
  section: string,
  credentials: AwsCredentials,
  marker: string,
  force: boolean,
): void {
  const ref = { kind: "profile" as const, name: section };
  const properties = {
    aws_access_key_id: credentials.accessKeyId,
    aws_secret_access_key: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined
      ? {}
      : { aws_session_token: credentials.sessionToken }),
  };
  if (document.hasSection(ref) && isCredoSection(document, section)) {
    document.setSectionComments(ref, [marker]);
    if (credentials.sessionToken === undefined) document.removeProperty(ref, "aws_session_token");
    for (const [key, value] of Object.entries(properties)) document.setProperty(ref, key, value);
    return;
  }
  if (document.hasSection(ref)) {
    if (!force)
      throw notCredos(section, "overwrite", "add --force to replace it (a backup is kept)");
    document.removeSection(ref);
  }
  document.addSection(ref, properties, { comments: [marker] });
}

export function notCredos(section: string, verb: string, hint: string): ConfigError {
  return new ConfigError(
    `The section [${section}] of ~/.aws/credentials was not written by credo; credo will not ${verb} it.`,
    `Use another section (--as NAME), or ${hint}.`,
  );
}

/** A private copy of the credentials file before --force replaces someone else's section. */
export async function backupCredentialsFile(path: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const backup = `${path}.credo-backup-${stamp}`;
  await copyFile(path, backup);
  await chmod(backup, 0o600);
  return backup;
}
