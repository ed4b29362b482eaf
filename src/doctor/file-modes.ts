import { join } from "node:path";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * Files holding keys or sessions should be the owner's alone (0600), and the
 * folders holding them 0700, as the AWS CLI makes its own caches. Windows has
 * no POSIX modes, so the check does not apply there.
 */
export async function fileModes({
  locations,
  credoHome,
  platform,
  fileStatus,
}: DoctorInputs): Promise<Finding[]> {
  if (platform === "win32") return [];
  const expected: Array<[string, number]> = [
    [locations.credentialsFile, 0o600],
    [locations.configFile, 0o600],
    [credoHome, 0o700],
    [join(credoHome, "cache"), 0o700],
    [join(credoHome, "vault.json"), 0o600],
  ];
  const findings: Finding[] = [];
  for (const [path, wanted] of expected) {
    const mode = await fileStatus.permissions(path);
    if (mode === undefined || (mode & ~wanted) === 0) continue;
    const octal = (value: number) => value.toString(8).padStart(4, "0");
    findings.push({
      check: "file-modes",
      severity: "warning",
      what: `${path} has mode ${octal(mode)}: other users on this machine may read it.`,
      fix: `chmod ${octal(wanted).slice(1)} ${shellQuote(path)}`,
    });
  }
  return findings;
}

export function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
