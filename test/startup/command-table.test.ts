import { CommanderError } from "commander";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/all-commands.js";
import { commandNames, commandsToRegister } from "../../src/cli/command-table.js";
import { main } from "../../src/main.js";
import { makeTempHome } from "../support/run-credo.js";
import { captureContext } from "../support/test-context.js";

const { home } = await makeTempHome();
const wholeTree = buildProgram(captureContext(home, {}));

/** Every command and subcommand path under the program ("sso login"). */
function walk(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...walk(sub, path)];
  });
}

function helpOf(command: Command): string {
  let text = "";
  command.configureOutput({ writeOut: (t) => void (text += t), writeErr: (t) => void (text += t) });
  command.outputHelp();
  return text;
}

function find(path: string[]): Command {
  let command: Command = wholeTree;
  for (const name of path) {
    const sub = command.commands.find((candidate) => candidate.name() === name);
    if (sub === undefined) throw new Error(`no command ${path.join(" ")}`);
    command = sub;
  }
  return command;
}

/** What main prints and returns, with only the commands it loads for these arguments. */
async function run(argv: string[]) {
  const ctx = captureContext(home, {});
  const code = await main(argv, ctx);
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr() };
}

const names = (argv: string[]) => commandsToRegister(argv).map((entry) => entry.name);

describe("the command table", () => {
  it("names every command of the whole tree, in the order --help lists them", () => {
    expect(commandNames).toEqual(wholeTree.commands.map((command) => command.name()));
  });

  it("registers the named command alone, none for --version, and all where help, a mistake or completion needs them", () => {
    expect(names(["export", "dev"])).toEqual(["export"]);
    expect(names(["--debug", "exec", "dev", "--", "aws", "--help"])).toEqual(["exec"]);
    expect(names(["list", "--help"])).toEqual(["list"]);
    expect(names(["--version"])).toEqual([]);
    expect(names(["-V", "--debug"])).toEqual([]);
    for (const argv of [
      [],
      ["--help"],
      ["-h", "export"],
      ["help", "export"],
      ["exprot"],
      ["--bogus", "export"],
      ["--", "export"],
      ["completion", "bash"],
      ["--debug"],
    ])
      expect(names(argv), argv.join(" ")).toEqual(commandNames);
  });
});

describe("help and errors read as with the whole tree registered", () => {
  it("credo --help", async () => {
    const result = await run(["--help"]);
    expect(result).toEqual({ code: 0, stdout: helpOf(wholeTree), stderr: "" });
  });

  it.each(walk(wholeTree))("credo %s --help", async (...path: string[]) => {
    const result = await run([...path, "--help"]);
    expect(result).toEqual({ code: 0, stdout: helpOf(find(path)), stderr: "" });
  });

  it.each([[["exprot"]], [["export", "--bogus"]], [["--bogus", "export"]], [["list", "extra"]]])(
    "credo %j: the same usage error",
    async (argv: string[]) => {
      let expected = "";
      const program = buildProgram(captureContext(home, {}));
      try {
        await program.parseAsync(argv, { from: "user" });
      } catch (error) {
        if (!(error instanceof CommanderError)) throw error;
        expected = `credo: ${error.message.replace(/^error: /, "")}\nRun \`credo --help\` for usage.\n`;
      }
      expect(expected).not.toBe("");
      expect(await run(argv)).toEqual({ code: 2, stdout: "", stderr: expected });
    },
  );
});
