import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/all-commands.js";
import { makeTempHome } from "../support/run-credo.js";
import { captureContext } from "../support/test-context.js";

/** Every command and subcommand under the program, with its full name ("sso login"). */
function walk(command: Command, prefix = ""): Array<[string, Command]> {
  return command.commands.flatMap((sub) => {
    const name = `${prefix}${sub.name()}`;
    return [[name, sub] as [string, Command], ...walk(sub, `${name} `)];
  });
}

/** The help text exactly as `credo NAME --help` prints it, addHelpText sections included. */
function helpOf(command: Command): string {
  let text = "";
  command.configureOutput({ writeOut: (t) => void (text += t), writeErr: (t) => void (text += t) });
  command.outputHelp();
  return text;
}

const { home } = await makeTempHome();
const program = buildProgram(captureContext(home, {}));
const commands = walk(program);

describe("every command's --help has a description and at least one example", () => {
  it("finds the commands", () => {
    expect(commands.map(([name]) => name)).toEqual(
      expect.arrayContaining(["list", "doctor", "policy trust", "completion"]),
    );
  });

  it.each(commands)("credo %s", (_name, command) => {
    expect(command.description().trim(), "description").not.toBe("");
    const help = helpOf(command);
    const examples = help.split("\nExamples:\n")[1]?.split("\n\n")[0] ?? "";
    expect(
      examples.split("\n").filter((line) => /^ {2}.*\bcredo \S/.test(line)).length,
      "examples",
    ).toBeGreaterThan(0);
  });
});
