import { CredoError } from "../errors.js";
import { findSecret } from "./find-secret.js";

/** A secret the demo handled, and how to name it in what it prints. */
export interface DemoSecret {
  name: string;
  value: string;
}

/**
 * The demo's last check: every file under the home, the vault included, is
 * read byte by byte for each secret the demo handled (the hub's secret access
 * key, the SSO tokens). None may be in any of them: the vault holds the key
 * only encrypted, and `credo sso logout` removed the SSO token cache.
 */
export async function assertNothingSecretLeft(
  home: string,
  secrets: readonly DemoSecret[],
  say: (line: string) => void,
): Promise<void> {
  const holders = new Map<string, string[]>();
  let files: string[] = [];
  for (const secret of secrets) {
    const scan = await findSecret(home, secret.value);
    files = scan.files;
    for (const file of scan.holding) holders.set(file, [...(holders.get(file) ?? []), secret.name]);
  }
  for (const file of files) {
    const held = holders.get(file);
    say(held === undefined ? `  clean   ${file}` : `  FOUND   ${file} (${held.join(", ")})`);
  }
  if (holders.size > 0) {
    const found = files
      .filter((file) => holders.has(file))
      .map((file) => `${holders.get(file)?.join(", ") ?? ""} in ${file}`);
    throw new CredoError(`Secrets in plain text: ${found.join("; ")}.`, {
      hint: "This is a credo bug: report it.",
    });
  }
  say(
    `None of these ${files.length} files holds ${listOf(secrets.map((secret) => secret.name))}: only the encrypted vault holds the hub's key.`,
  );
}

function listOf(all: readonly string[]): string {
  const names = [...new Set(all)];
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1) ?? ""}`;
}
