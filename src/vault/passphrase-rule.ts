import { CredoError } from "../errors.js";

/**
 * The one rule for a new vault passphrase (a vault being created, or a
 * passphrase being changed), whether typed at the prompt or given in
 * CREDO_PASSPHRASE / CREDO_NEW_PASSPHRASE. Unlocking an existing vault is not
 * held to it: a vault made before the rule must still open.
 */
export const newPassphraseRule = "at least 8 characters";

export function meetsNewPassphraseRule(passphrase: string): boolean {
  // Characters as the user counts them, not UTF-16 code units.
  return [...passphrase.normalize("NFC")].length >= 8;
}

/** A new passphrase from an environment variable: refused (there is no one to ask again) when too short. */
export function requireNewPassphrase(passphrase: string, variable: string): string {
  if (meetsNewPassphraseRule(passphrase)) return passphrase;
  throw new CredoError(
    `${variable} is too short for a new vault passphrase: it must have ${newPassphraseRule}.`,
    {
      exitCode: "vault",
      hint: `Set ${variable} to a longer passphrase, or unset it to be asked on the terminal.`,
    },
  );
}
