import type { FileReader } from "../io/file-system.js";
import { updateProfileFile } from "../profile-files/update.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import {
  backupCredentialsSection,
  credentialsMarker,
  holdsLongTermKeys,
  isCredoSection,
  writeCredentialsSection,
} from "./credentials-section.js";

export interface WriteAuthSectionRequest {
  credentialsFile: string;
  section: string;
  /** The profile the credentials are for (named in the marker comment). */
  profile: string;
  credentials: AwsCredentials;
  force: boolean;
  now: Date;
  files: FileReader;
}

/**
 * Writes the section under the credentials file's lock, atomically. With
 * --force over a section credo did not write (and that holds no long-term
 * keys: those are refused), that section alone is first copied to a private
 * file (taken under the same lock, so it is the section as it was just before
 * the change). Returns the copy's path when one was made.
 */
export async function writeAuthSection(
  request: WriteAuthSectionRequest,
): Promise<{ backup: string | undefined }> {
  let backup: string | undefined;
  await updateProfileFile(
    request.credentialsFile,
    "credentials",
    async (document) => {
      const ref = { kind: "profile" as const, name: request.section };
      if (
        request.force &&
        document.hasSection(ref) &&
        !isCredoSection(document, request.section) &&
        !holdsLongTermKeys(document, request.section)
      ) {
        backup = await backupCredentialsSection(
          request.credentialsFile,
          document.sectionText(ref),
          request.now,
        );
      }
      writeCredentialsSection(
        document,
        request.section,
        request.credentials,
        credentialsMarker(request.profile, request.credentials.expiration),
        request.force,
      );
    },
    { files: request.files },
  );
  return { backup };
}
