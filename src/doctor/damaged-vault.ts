import type { DoctorInputs, Finding } from "./finding.js";

/** A vault credo refuses to read (damaged, or with fields credo never writes) is an error, never "unencrypted". */
export async function damagedVault({ vaultProtection }: DoctorInputs): Promise<Finding[]> {
  const protection = await vaultProtection();
  if (protection?.state !== "damaged") return [];
  return [
    { check: "vault-damaged", severity: "error", what: protection.problem, fix: protection.hint },
  ];
}
