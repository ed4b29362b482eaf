import {
  defaultScryptCost,
  describeScryptCost,
  isBelowMinimumCost,
} from "../vault/vault-cipher.js";
import type { DoctorInputs, Finding } from "./finding.js";

/** A vault key derived below the minimum scrypt cost is cheaper to guess; any write re-derives it. */
export async function weakVaultKey({
  vaultProtection,
  credoHome,
}: DoctorInputs): Promise<Finding[]> {
  const protection = await vaultProtection();
  if (protection?.state !== "encrypted" || protection.kdf === undefined) return [];
  if (!isBelowMinimumCost(protection.kdf)) return [];
  return [
    {
      check: "vault-key-cost",
      severity: "warning",
      what: `The vault in ${credoHome} derives its key with scrypt ${describeScryptCost(protection.kdf)}, below the minimum of ${describeScryptCost(defaultScryptCost)}.`,
      fix: "The vault's next change strengthens it; `credo crypto change-passphrase` does so now.",
    },
  ];
}
