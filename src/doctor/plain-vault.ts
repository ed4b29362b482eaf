import type { DoctorInputs, Finding } from "./finding.js";

/** A vault in plain mode holds the hub keys as readable as ~/.aws/credentials would. */
export async function plainVault({ vaultProtection, credoHome }: DoctorInputs): Promise<Finding[]> {
  const protection = await vaultProtection();
  if (protection?.state !== "plain") return [];
  return [
    {
      check: "plain-vault",
      severity: "warning",
      what: `The vault in ${credoHome} is not encrypted: anyone who can read the file has the hub keys.`,
      fix: "Encrypt it with a passphrase: credo crypto enable",
    },
  ];
}
