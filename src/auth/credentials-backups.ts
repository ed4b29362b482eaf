import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import type { FileReader } from "../io/file-system.js";
import { isNotFound } from "../io/file-system.js";
import { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import { credentialsBackupInfix } from "./credentials-section.js";

export interface CredentialsBackup {
  path: string;
  /** A secret key without a session token: an IAM user's keys, not a session's. */
  longTermKeys: boolean;
}

/**
 * The copies `credo auth --force` kept next to the credentials file that hold
 * keys (long-term or a session's), in name order. Copies without keys are not
 * secrets and are left out.
 */
export async function credentialsBackupsWithKeys(
  credentialsFile: string,
  files: FileReader,
): Promise<CredentialsBackup[]> {
  const folder = dirname(credentialsFile);
  const prefix = `${basename(credentialsFile)}${credentialsBackupInfix}`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const backups: CredentialsBackup[] = [];
  for (const name of names.filter((entry) => entry.startsWith(prefix)).sort()) {
    const path = join(folder, name);
    const text = await files.readText(path);
    if (text === undefined) continue;
    const keys = keysIn(text);
    if (keys !== "none") backups.push({ path, longTermKeys: keys === "long-term" });
  }
  return backups;
}

function keysIn(text: string): "none" | "session" | "long-term" {
  let profiles;
  try {
    profiles = profileSetOf(
      undefined,
      ProfileDocument.parse(text, "credentials"),
    ).credentialsFileProfiles;
  } catch {
    // A copy no SDK could parse may still hold a key: judge it by its lines.
    if (!/^\s*aws_secret_access_key\s*=\s*\S/im.test(text)) return "none";
    return /^\s*aws_session_token\s*=\s*\S/im.test(text) ? "session" : "long-term";
  }
  let found: "none" | "session" | "long-term" = "none";
  for (const properties of Object.values(profiles)) {
    if (nonEmptyProperty(properties, "aws_secret_access_key") === undefined) continue;
    if (nonEmptyProperty(properties, "aws_session_token") === undefined) return "long-term";
    found = "session";
  }
  return found;
}
