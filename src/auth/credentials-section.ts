import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

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
 * Long-term keys: a secret key without a session token (temporary keys always
 * come with one), an IAM user's, the very thing the vault exists to hold.
 */
export function holdsLongTermKeys(document: ProfileDocument, section: string): boolean {
  const properties = profileSetOf(undefined, document).credentialsFileProfiles[section];
  return (
    nonEmptyProperty(properties, "aws_secret_access_key") !== undefined &&
    nonEmptyProperty(properties, "aws_session_token") === undefined
  );
}

/**
 * Writes temporary credentials under `section`. A section credo wrote is
 * updated in place (its position and neighbours unchanged); a new one is
 * appended; anyone else's section is refused unless `force`, and then
 * replaced whole (the caller has kept a copy of it). Long-term keys are
 * refused even with `force`: replaced, they would live on only in a copy;
 * `credo import` moves them into the vault instead.
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
    if (holdsLongTermKeys(document, section)) {
      if (force) throw longTermKeysRefused(section);
      throw notCredos(section, "overwrite", importHint(section));
    }
    if (!force)
      throw notCredos(
        section,
        "overwrite",
        "add --force to replace it (a private copy of the section is kept)",
      );
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

function longTermKeysRefused(section: string): ConfigError {
  return new ConfigError(
    `The section [${section}] of ~/.aws/credentials holds long-term access keys; credo will not replace it, even with --force.`,
    `Use another section (--as NAME), or ${importHint(section)}.`,
  );
}

function importHint(section: string): string {
  return `move its keys into credo's encrypted vault with \`credo import --profile ${section}\` (which takes them out of the file)`;
}

/**
 * A private (0600) copy of the section --force is about to replace, next to
 * the credentials file: only that section, never the rest of the file.
 */
export async function backupCredentialsSection(
  credentialsFile: string,
  sectionText: string,
  now: Date,
): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const backup = `${credentialsFile}${credentialsBackupInfix}${stamp}`;
  await writeFileAtomic(backup, sectionText, { secret: true });
  return backup;
}

/** What follows the credentials file's name in the name of a copy `credo auth --force` keeps. */
export const credentialsBackupInfix = ".credo-backup-";
