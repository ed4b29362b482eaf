import type { RegisterCommand } from "./commands.js";

interface CommandEntry {
  name: string;
  load: () => Promise<RegisterCommand>;
  /** Reads the whole command tree (completion), so every command is registered with it. */
  needsEveryCommand?: boolean;
}

/**
 * Every top-level command, in the order `credo --help` lists them, with its
 * module loaded only when the command runs: a run of `credo export` never
 * loads the modules of the other 23 commands (all-commands.ts holds the same
 * list loaded eagerly, for tests and tools that need the whole tree at once).
 */
export const commandTable: readonly CommandEntry[] = [
  { name: "explain", load: async () => (await import("./explain.js")).registerExplain },
  { name: "whoami", load: async () => (await import("./whoami.js")).registerWhoami },
  { name: "export", load: async () => (await import("./export.js")).registerExport },
  { name: "exec", load: async () => (await import("./exec.js")).registerExec },
  { name: "use", load: async () => (await import("./use.js")).registerUse },
  {
    name: "shell-init",
    load: async () => (await import("./shell-init.js")).registerShellInit,
  },
  { name: "process", load: async () => (await import("./process.js")).registerProcess },
  { name: "serve", load: async () => (await import("./serve.js")).registerServe },
  { name: "aws-config", load: async () => (await import("./aws-config.js")).registerAwsConfig },
  { name: "hub", load: async () => (await import("./hub.js")).registerHub },
  { name: "role", load: async () => (await import("./role.js")).registerRole },
  { name: "crypto", load: async () => (await import("./crypto.js")).registerCrypto },
  { name: "auth", load: async () => (await import("./auth.js")).registerAuth },
  { name: "unauth", load: async () => (await import("./unauth.js")).registerUnauth },
  { name: "import", load: async () => (await import("./import.js")).registerImport },
  { name: "rotate", load: async () => (await import("./rotate.js")).registerRotate },
  { name: "reset", load: async () => (await import("./reset.js")).registerReset },
  { name: "sso", load: async () => (await import("./sso.js")).registerSso },
  { name: "saml", load: async () => (await import("./saml.js")).registerSaml },
  { name: "team", load: async () => (await import("./team.js")).registerTeam },
  { name: "web", load: async () => (await import("./web.js")).registerWeb },
  { name: "config", load: async () => (await import("./config.js")).registerConfig },
  { name: "list", load: async () => (await import("./list.js")).registerList },
  { name: "doctor", load: async () => (await import("./doctor.js")).registerDoctor },
  { name: "policy", load: async () => (await import("./policy.js")).registerPolicy },
  {
    name: "completion",
    load: async () => (await import("./completion.js")).registerCompletion,
    needsEveryCommand: true,
  },
  { name: "demo", load: async () => (await import("./demo.js")).registerDemo },
];

const programFlags = ["--debug", "-V", "--version"];

export const commandNames: readonly string[] = commandTable.map((entry) => entry.name);

/**
 * The commands a run needs registered, from its arguments: the one it names,
 * or none for `credo --version`. Anything else (no command, --help before the
 * command, `help X`, a typo that deserves a suggestion, completion) registers
 * them all, so help, suggestions, errors and completion see the whole tree as
 * before. The program's own options (--debug, -V) take no value, so the first
 * argument that is not one of them names the command; any other option before
 * it (--help, a mistake) registers them all too.
 */
export function commandsToRegister(argv: readonly string[]): readonly CommandEntry[] {
  for (const arg of argv) {
    if (programFlags.includes(arg)) continue;
    if (arg.startsWith("-")) return commandTable;
    const entry = commandTable.find((candidate) => candidate.name === arg);
    return entry === undefined || entry.needsEveryCommand === true ? commandTable : [entry];
  }
  const versionOnly = argv.some((arg) => arg === "-V" || arg === "--version");
  return versionOnly ? [] : commandTable;
}

export async function loadCommands(
  entries: readonly CommandEntry[],
): Promise<readonly RegisterCommand[]> {
  return Promise.all(entries.map((entry) => entry.load()));
}
