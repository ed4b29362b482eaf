import { botocoreOnlyLines } from "./botocore-only-lines.js";
import { clockSkew } from "./clock-skew.js";
import { credentialsBackups } from "./credentials-backups.js";
import { environmentKeys } from "./environment-keys.js";
import { expiredSessions } from "./expired-sessions.js";
import { fileModes } from "./file-modes.js";
import { loginSessions } from "./login-sessions.js";
import type { DoctorCheck, DoctorInputs, Finding } from "./finding.js";
import { plainVault } from "./plain-vault.js";
import { plaintextKeys } from "./plaintext-keys.js";
import { processPaths } from "./process-paths.js";
import { profileChains } from "./profile-chains.js";
import { regionVariables } from "./region-variables.js";
import { shadowedSources } from "./shadowed-sources.js";

/** Every check, in the order findings are printed (the environment first: it overrides everything else). */
export const doctorChecks: readonly DoctorCheck[] = [
  environmentKeys,
  regionVariables,
  plaintextKeys,
  credentialsBackups,
  fileModes,
  botocoreOnlyLines,
  profileChains,
  shadowedSources,
  processPaths,
  expiredSessions,
  loginSessions,
  plainVault,
  clockSkew,
];

export async function runDoctor(inputs: DoctorInputs): Promise<Finding[]> {
  const results = await Promise.all(doctorChecks.map(async (check) => check(inputs)));
  return results.flat();
}

/** 0 nothing found, 1 warnings only, 2 at least one error (documented in `credo doctor --help`). */
export function doctorExitCode(findings: readonly Finding[]): 0 | 1 | 2 {
  if (findings.some((finding) => finding.severity === "error")) return 2;
  return findings.length > 0 ? 1 : 0;
}
