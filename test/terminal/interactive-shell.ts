import { execFileSync } from "node:child_process";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";
import type { Terminal } from "../config-menu/terminal.js";
import { credoBin } from "../support/run-credo.js";

export type TestedShell = "bash" | "zsh" | "fish";

/** Each shell started interactively without the user's start-up files. */
const startCommands: Record<TestedShell, string[]> = {
  bash: ["bash", "--norc", "--noprofile", "-i"],
  zsh: ["zsh", "-f", "-i"],
  fish: ["fish", "--no-config", "-i"],
};

const setUpLines: Record<TestedShell, string> = {
  bash: 'eval "$(credo shell-init bash)"',
  zsh: 'eval "$(credo shell-init zsh)"',
  fish: "credo shell-init fish | source",
};

// The real interpreter behind the pyenv shim, so the AWS CLI runs with the test's HOME.
const pythonBin = dirname(
  execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim(),
);

/** A shell in a tmux pane, with credo's shell function loaded, driven as a person types. */
export interface InteractiveShell {
  readonly name: string;
  /** Types `line` and Enter; resolves with its exit status once the line has run. */
  run(line: string): Promise<number>;
  /** Types `line` and Enter without waiting (a prompt is expected); `finished()` waits. */
  type(line: string): { finished(): Promise<number> };
  /** The exported environment of the shell now. */
  env(): Promise<Record<string, string>>;
  /** How many times the credo program was started so far, with the arguments of each. */
  credoRuns(): Promise<string[]>;
  screen(): string;
}

/**
 * Starts `shell` with exactly `env` (plus a PATH where `credo` is a wrapper
 * that records each start and runs bin/credo.js, and `aws` the AWS CLI), and
 * loads `credo shell-init` as its start-up file would.
 */
export async function startInteractiveShell(
  terminal: Terminal,
  shell: TestedShell,
  name: string,
  scratch: string,
  env: Record<string, string>,
): Promise<InteractiveShell> {
  const bin = join(scratch, `${name}-bin`);
  const runsFile = join(scratch, `${name}.credo-runs`);
  await mkdir(bin, { recursive: true });
  await writeFile(runsFile, "");
  await writeFile(
    join(bin, "credo"),
    `#!/bin/sh\necho "$*" >>'${runsFile}'\nexec '${process.execPath}' '${credoBin}' "$@"\n`,
  );
  await chmod(join(bin, "credo"), 0o755);
  const path = [bin, pythonBin, process.env.PATH ?? "/usr/bin:/bin"].join(delimiter);
  terminal.startProgram(name, startCommands[shell], { ...env, PATH: path });
  let lines = 0;
  const status = shell === "fish" ? "$status" : "$?";
  const type = (line: string) => {
    lines += 1;
    const doneFile = join(scratch, `${name}-${lines}.done`);
    terminal.type(name, `${line}; echo ${status} >'${doneFile}'`);
    terminal.keys(name, "Enter");
    return { finished: () => terminal.waitForExit(doneFile) };
  };
  const session: InteractiveShell = {
    name,
    run: (line) => type(line).finished(),
    type,
    async env() {
      const file = join(scratch, `${name}-env-${lines + 1}`);
      const code = await session.run(`env >'${file}'`);
      if (code !== 0) throw new Error(`env failed in ${name}: ${code}`);
      return parseEnv(await readFile(file, "utf8"));
    },
    credoRuns: async () => (await readFile(runsFile, "utf8")).split("\n").filter(Boolean),
    screen: () => terminal.screen(name),
  };
  const loaded = await session.run(setUpLines[shell]);
  if (loaded !== 0) throw new Error(`shell-init failed in ${shell}:\n${session.screen()}`);
  return session;
}

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const equals = line.indexOf("=");
    if (equals > 0) env[line.slice(0, equals)] = line.slice(equals + 1);
  }
  // The last command's path, which differs with the command that printed it.
  delete env._;
  return env;
}
