import type { PlantedSecret, Transcript } from "./secret-registry.js";

/**
 * Commands whose job is to hand temporary credentials over: their stdout may
 * hold a session token (exec: the child's output, which a test may print on
 * purpose). Nothing may ever print a long-term secret key, a passphrase or an
 * SSO token, and no stderr may hold any secret.
 */
const credentialPrinters = new Set(["export", "process", "exec"]);

export interface Leak {
  secret: string;
  kind: PlantedSecret["kind"];
  where: string;
}

export function mayPrintSessionTokens(argv: readonly string[]): boolean {
  const command = argv.find((arg) => !arg.startsWith("-"));
  return (
    argv.includes("--show-secrets") || (command !== undefined && credentialPrinters.has(command))
  );
}

/** Every planted secret found where it must not be; names secrets by label, never by value. */
export function findLeaks(
  transcripts: readonly Transcript[],
  secrets: readonly PlantedSecret[],
): Leak[] {
  const leaks: Leak[] = [];
  for (const transcript of transcripts) {
    const run = `credo ${transcript.argv.join(" ")}`.slice(0, 200);
    for (const secret of secrets) {
      const allowedOnStdout =
        secret.kind === "session-token" && mayPrintSessionTokens(transcript.argv);
      const places: Array<[string, string]> = [
        ["argv", transcript.argv.join("\0")],
        ["stderr", transcript.stderr],
      ];
      if (!allowedOnStdout) places.push(["stdout", transcript.stdout]);
      for (const [place, text] of places)
        if (text.includes(secret.value))
          leaks.push({ secret: secret.label, kind: secret.kind, where: `${place} of ${run}` });
    }
  }
  return leaks;
}

/** Files under a home that may hold secrets by design: the vault and the temporary-credential caches. */
export function isSecretStore(relativePath: string): boolean {
  return (
    relativePath === ".credo/vault.json" ||
    relativePath.startsWith(".credo/cache/") ||
    relativePath.startsWith(".aws/sso/cache/") ||
    relativePath.startsWith(".aws/cli/cache/")
  );
}
