import { CredoError } from "../errors.js";
import type { Prompter } from "../io/prompter.js";
import type { PassphrasePurpose } from "../vault/open-vault.js";
import { meetsNewPassphraseRule, newPassphraseRule } from "../vault/passphrase-rule.js";

/**
 * Asks for the vault passphrase on the terminal; a new one twice, so a typo
 * cannot lock the user out. Without a terminal, points to CREDO_PASSPHRASE.
 */
export function passphrasePrompt(
  prompter: Prompter | undefined,
  say: (message: string) => void,
): (purpose: PassphrasePurpose) => Promise<string> {
  return async (purpose) => {
    if (!prompter) {
      throw new CredoError("The vault needs its passphrase and there is no terminal to ask on.", {
        exitCode: "vault",
        hint: "Set CREDO_PASSPHRASE for automation, or run the command in a terminal.",
      });
    }
    if (purpose === "unlock") return prompter.secret("Vault passphrase:");
    const label = purpose === "create" ? "New vault passphrase:" : "New passphrase:";
    for (;;) {
      const first = await prompter.secret(label);
      if (!meetsNewPassphraseRule(first)) {
        say(`The passphrase must have ${newPassphraseRule}.`);
        continue;
      }
      const second = await prompter.secret("Repeat it:");
      if (first === second) return first;
      say("The two passphrases differ; try again.");
    }
  };
}
