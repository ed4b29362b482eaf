import { CredoError } from "../errors.js";
import { planChain } from "../providers/plan-chain.js";
import { isNotConfigured } from "../providers/not-configured-error.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * Plans every profile's chain as the credential chain would and reports the
 * configuration errors it raises: a source_profile that is missing or forms a
 * cycle, half-set keys, broken SSO settings. The wording is planChain's own,
 * so doctor and a failing command say the same thing.
 */
export function profileChains({ profileSet }: DoctorInputs): Finding[] {
  const findings: Finding[] = [];
  for (const name of Object.keys(profileSet.profiles)) {
    try {
      planChain(profileSet, name);
    } catch (error) {
      // A profile with no credential settings (only a region, say) is not broken.
      if (isNotConfigured(error) || !(error instanceof CredoError)) continue;
      findings.push({
        check: "profile-chain",
        severity: "error",
        profile: name,
        what: `Profile "${name}": ${error.message}`,
        fix: error.hint ?? `Fix profile "${name}" in the AWS config file.`,
      });
    }
  }
  return findings;
}
