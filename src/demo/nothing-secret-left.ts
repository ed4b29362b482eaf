import { CredoError } from "../errors.js";
import { findSecret } from "./find-secret.js";

/**
 * The demo's last check: every file under the home, the vault included, is
 * read byte by byte for the hub's secret access key. It must be in none of
 * them: the vault holds it only encrypted.
 */
export async function assertNothingSecretLeft(
  home: string,
  secret: string,
  say: (line: string) => void,
): Promise<void> {
  const scan = await findSecret(home, secret);
  for (const file of scan.files)
    say(`  ${scan.holding.includes(file) ? "FOUND " : "clean "} ${file}`);
  if (scan.holding.length > 0) {
    throw new CredoError(
      `The hub's secret access key is in plain text in ${scan.holding.join(", ")}.`,
      {
        hint: "This is a credo bug: report it.",
      },
    );
  }
  say(
    `The hub's secret access key is in none of these ${scan.files.length} files: only the encrypted vault holds it.`,
  );
}
