import { credentialsBackupsWithKeys } from "../auth/credentials-backups.js";
import { shellQuote } from "./file-modes.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * Copies of credentials sections that `credo auth --force` kept next to the
 * credentials file (and, in earlier versions, copies of the whole file) are
 * plain-text keys that no tool reads and nobody looks at.
 */
export async function credentialsBackups({ locations, files }: DoctorInputs): Promise<Finding[]> {
  const backups = await credentialsBackupsWithKeys(locations.credentialsFile, files);
  return backups.map(({ path, longTermKeys }) => ({
    check: "credentials-backups",
    severity: "warning" as const,
    what: `${path} is a copy credo made of ~/.aws/credentials and holds ${longTermKeys ? "long-term access keys" : "session keys"} in plain text.`,
    fix: longTermKeys
      ? `Move any keys still in use into the vault (put their section back into ~/.aws/credentials, then credo import), then delete the copy: rm ${shellQuote(path)}`
      : `Delete it once you no longer need it: rm ${shellQuote(path)}`,
  }));
}
