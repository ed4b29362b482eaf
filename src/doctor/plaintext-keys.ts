import { nonEmptyProperty } from "../profile-files/profile-property.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * Long-term access keys in plain text: keys without a session token are an
 * IAM user's (temporary keys always come with one), the very thing the vault
 * exists to hold instead.
 */
export function plaintextKeys({ profileSet, locations }: DoctorInputs): Finding[] {
  const files = [
    [locations.credentialsFile, profileSet.credentialsFileProfiles],
    [locations.configFile, profileSet.configFileProfiles],
  ] as const;
  return files.flatMap(([path, profiles]) =>
    Object.entries(profiles)
      .filter(
        ([, properties]) =>
          nonEmptyProperty(properties, "aws_secret_access_key") !== undefined &&
          nonEmptyProperty(properties, "aws_session_token") === undefined,
      )
      .map(([name]) => ({
        check: "plaintext-keys",
        severity: "warning" as const,
        profile: name,
        what: `Profile "${name}" keeps long-term access keys in plain text in ${path}.`,
        fix: `Move them into credo's encrypted vault: credo import --profile ${name}`,
      })),
  );
}
