import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allNodes, completionTree } from "../../src/completion/command-tree.js";
import { buildProgram } from "../../src/cli/all-commands.js";
import { credoOnPath } from "../support/credo-on-path.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import { captureContext } from "../support/test-context.js";
import { lacks } from "../support/external-tool.js";

const zsh = !lacks("zsh");
const fish = !lacks("fish");

let home: string;
let cleanup: () => Promise<void>;
let env: Record<string, string>;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  ({ home, cleanup } = await makeTempHome());
  await mkdir(join(home, ".aws"));
  await writeFile(
    join(home, ".aws/config"),
    "[profile acme]\ncredential_process = credo process acme\n\n[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/D\nsource_profile = acme\n\n[profile data-lake]\nregion = eu-west-1\n",
  );
  const { path } = await credoOnPath(home);
  env = homeEnv(home, { PATH: path });
  for (const shell of ["bash", "zsh", "fish"]) {
    const run = await runCredo(["completion", shell], { env });
    expect(run.code).toBe(0);
    scripts[shell] = join(home, `completion.${shell}`);
    await writeFile(scripts[shell], run.stdout);
  }
});
afterAll(async () => cleanup());

/** Runs the real bash completion function with COMP_WORDS/COMP_CWORD as bash sets them on Tab. */
function bashComplete(line: string): string[] {
  const words = line.split(" ");
  const script = `source ${JSON.stringify(scripts.bash)}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")})
COMP_CWORD=${words.length - 1}
_credo_completion
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync("bash", ["-c", script], { env, encoding: "utf8" });
  return out.split("\n").filter(Boolean).sort();
}

describe("bash completion, run in bash", () => {
  it("completes commands, nested subcommands and their options from the commander tree", () => {
    expect(bashComplete("credo ")).toEqual(
      expect.arrayContaining(["completion", "doctor", "list", "policy", "sso", "whoami"]),
    );
    expect(bashComplete("credo po")).toEqual(["policy"]);
    expect(bashComplete("credo policy t")).toEqual(["trust"]);
    expect(bashComplete("credo policy trust --")).toEqual([
      "--external-id",
      "--help",
      "--hub-account",
      "--role-arn",
      "--team",
    ]);
    expect(bashComplete("credo doctor --online --")).toEqual(["--help", "--json", "--online"]);
  });

  it("does not offer hidden options (list --names)", () => {
    expect(bashComplete("credo list --")).toEqual(["--help", "--json", "--tree"]);
  });

  it("completes profile names from `credo list --names`, after a command that takes one and after --profile", () => {
    expect(bashComplete("credo whoami d")).toEqual(["data-lake", "dev"]);
    expect(bashComplete("credo exec --profile a")).toEqual(["acme"]);
    expect(bashComplete("credo whoami --json d")).toEqual(["data-lake", "dev"]);
    // An option's value is not a subcommand: `policy trust --hub-account <Tab>` offers nothing.
    expect(bashComplete("credo policy trust --hub-account ")).toEqual([]);
  });
});

describe("zsh and fish scripts", () => {
  it.skipIf(!zsh)("zsh parses the script (zsh -n)", () => {
    expect(spawnSync("zsh", ["-n", scripts.zsh ?? ""], { encoding: "utf8" }).stderr).toBe("");
  });

  it.skipIf(!zsh)(
    "zsh completes through the function, with compadd and _describe stubbed to print",
    () => {
      const complete = (line: string) => {
        const words = line.split(" ");
        const script = `compdef() { :; }
compadd() { while [[ "$1" != "--" ]]; do shift; done; shift; print -l -- "$@"; }
_describe() { local name="$4"; print -l -- \${(P)name%%:*}; }
source ${scripts.zsh}
words=(${words.map((word) => `'${word}'`).join(" ")})
CURRENT=${words.length}
_credo`;
        return execFileSync("zsh", ["-f", "-c", script], { env, encoding: "utf8" })
          .split("\n")
          .filter((entry) => entry !== "" && entry.startsWith(words.at(-1) ?? ""))
          .sort();
      };
      expect(complete("credo policy t")).toEqual(["trust"]);
      expect(complete("credo doctor --o")).toEqual(["--online"]);
      expect(complete("credo whoami d")).toEqual(["data-lake", "dev"]);
      expect(complete("credo exec --profile a")).toEqual(["acme"]);
    },
  );

  it.skipIf(!fish)("fish parses the script and completes through it (complete -C)", () => {
    expect(spawnSync("fish", ["-n", scripts.fish ?? ""], { encoding: "utf8" }).stderr).toBe("");
    const complete = (line: string) =>
      execFileSync(
        "fish",
        ["--no-config", "-c", `source ${scripts.fish}; complete -C ${JSON.stringify(line)}`],
        { env, encoding: "utf8" },
      )
        .split("\n")
        .filter(Boolean)
        .map((entry) => entry.split("\t")[0])
        .sort();
    expect(complete("credo policy t")).toEqual(["trust"]);
    expect(complete("credo sso lo")).toEqual(["login", "logout"]);
    expect(complete("credo saml ")).toEqual(["add", "roles", "sync"]);
    expect(complete("credo whoami d")).toEqual(["data-lake", "dev"]);
    expect(complete("credo list --t")).toEqual(["--tree"]);
  });

  it("every shell's script names every command path of the program", () => {
    const tree = completionTree(buildProgram(captureContext(home, {})));
    const paths = allNodes(tree)
      .map((node) => node.path)
      .filter(Boolean);
    expect(paths).toEqual(
      expect.arrayContaining([
        "list",
        "doctor",
        "policy hub",
        "policy trust",
        "policy spoke",
        "completion",
      ]),
    );
    for (const shell of ["bash", "zsh", "fish"] as const) {
      const text = execFileSync("cat", [scripts[shell] ?? ""], { encoding: "utf8" });
      for (const path of paths)
        expect(text, `${shell}: ${path}`).toContain(
          `'${shell === "fish" ? `credo ${path}` : path}'`,
        );
    }
  });

  it("refuses an unknown shell with a usage error", async () => {
    const run = await runCredo(["completion", "tcsh"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown shell "tcsh"');
  });
});
