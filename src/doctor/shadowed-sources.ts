import { stringProperty } from "../profile-files/profile-property.js";
import type { Properties } from "../profile-files/types.js";
import type { CredentialSourceName } from "../providers/credentials.js";
import { applicableProfileSources } from "../providers/plan-chain.js";
import type { DoctorInputs, Finding } from "./finding.js";

const settingsOf: Record<CredentialSourceName, string> = {
  "assume-role": "role_arn",
  "assume-role-with-web-identity": "web_identity_token_file",
  sso: "the sso_* settings",
  "shared-credentials-file": "the access keys in the credentials file",
  login: "login_session",
  "custom-process": "credential_process",
  "config-file": "the access keys in the config file",
  env: "the environment keys",
  "container-role": "the container endpoint",
  "iam-role": "instance metadata",
  "credo-vault": "credo's vault",
};

/**
 * A profile that names more than one source uses only the first in
 * botocore's order (plan-chain's rules: role_arn, web identity, SSO,
 * credentials-file keys, login_session, credential_process, config-file keys); the rest are
 * dead settings a reader of the file may believe in. The one deliberate
 * overlap, a role whose source_profile is itself with keys of its own, is the
 * SDKs' documented pattern and not reported.
 */
export function shadowedSources({ profileSet }: DoctorInputs): Finding[] {
  const findings: Finding[] = [];
  for (const [name, properties] of Object.entries(profileSet.profiles)) {
    const [winner, ...shadowed] = applicableProfileSources(profileSet, name);
    if (winner === undefined || shadowed.length === 0) continue;
    const selfSourced =
      winner === "assume-role" && stringProperty(properties, "source_profile") === name;
    const ignored = shadowed.filter(
      (source) =>
        !(selfSourced && source.endsWith("-file")) &&
        // The rules read the merged profile; keys only in the credentials file do not make config-file keys.
        !(source === "config-file" && !hasKeys(profileSet.configFileProfiles[name])),
    );
    if (ignored.length === 0) continue;
    findings.push({
      check: "shadowed-source",
      severity: "warning",
      profile: name,
      what: `Profile "${name}" uses ${describe(winner)}; ${ignored.map(describe).join(" and ")} ${ignored.length === 1 ? "is" : "are"} ignored by every AWS tool.`,
      fix: `Remove the ignored settings from "${name}", or move them to a profile of their own.`,
    });
  }
  return findings;
}

function hasKeys(properties: Properties | undefined): boolean {
  return (
    stringProperty(properties, "aws_access_key_id") !== undefined ||
    stringProperty(properties, "aws_secret_access_key") !== undefined
  );
}

function describe(source: CredentialSourceName): string {
  return settingsOf[source];
}
