import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import { splitCommandLine } from "../../src/io/split-command-line.js";

/** Python's shlex.split over many inputs in ONE python3 process: null where it raises. */
function shlexSplitAll(inputs: readonly string[]): (string[] | null)[] {
  const script = [
    "import json, shlex, sys",
    "out = []",
    "for s in json.load(sys.stdin):",
    "    try: out.append(shlex.split(s))",
    "    except ValueError: out.append(None)",
    "json.dump(out, sys.stdout)",
  ].join("\n");
  const stdout = execFileSync("python3", ["-c", script], {
    input: JSON.stringify(inputs),
    encoding: "utf8",
  });
  return JSON.parse(stdout) as (string[] | null)[];
}

function splitOrNull(input: string): string[] | null {
  try {
    return splitCommandLine(input);
  } catch (error) {
    if (error instanceof CredoError) return null;
    throw error;
  }
}

// Characters that matter to shlex, plus ones that must stay literal (no shell).
const alphabet = [
  "a",
  "b",
  "1",
  "-",
  "/",
  " ",
  "  ",
  "\t",
  "\n",
  "\r",
  "'",
  '"',
  "\\",
  "$",
  "`",
  ";",
  "|",
  "&",
  "*",
  "#",
  "(",
  ")",
  "$(",
  "\u00a0",
  "\u000b",
  "é",
  "=",
];

const quirks = [
  "",
  "   ",
  "ykman oath accounts code -s 'AWS dev'",
  "a''b",
  "''",
  '""',
  'a "" b',
  '"a\\$b"',
  '"a\\"b"',
  '"a\\\\b"',
  "'a\\b'",
  "a\\ b",
  "a\\\nb",
  "echo $(rm -rf /); ls",
  "# not a comment",
  "unterminated 'quote",
  'unterminated "quote',
  "trailing\\",
  '"trailing\\',
  "x\u00a0y",
];

describe("splitCommandLine", () => {
  it("splits exactly as python's shlex.split for quirks and 600 generated command lines", () => {
    const generated = fc.sample(
      fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((parts) => parts.join("")),
      { numRuns: 600, seed: 20_240_601 },
    );
    const inputs = [...quirks, ...generated];
    const expected = shlexSplitAll(inputs);
    const mismatches = inputs
      .map((input, index) => ({ input, expected: expected[index], actual: splitOrNull(input) }))
      .filter((row) => JSON.stringify(row.expected) !== JSON.stringify(row.actual));
    expect(mismatches).toEqual([]);
    // The sample must exercise both outcomes, or the comparison proves little.
    expect(expected.filter((row) => row === null).length).toBeGreaterThan(20);
    expect(expected.filter((row) => row !== null).length).toBeGreaterThan(200);
  });

  it("reports a syntax error as a config error without echoing the command line", () => {
    let caught: unknown;
    try {
      splitCommandLine("get-code --token 'sekrit");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CredoError);
    const error = caught as CredoError;
    expect(error.exitCode).toBe("config");
    expect(error.message).toContain("no closing quotation");
    expect(error.message).not.toContain("sekrit");
    expect(error.hint).toBeTruthy();
  });
});
