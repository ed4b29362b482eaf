import vm from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { profileSetOf } from "../../src/profile-files/profile-set.js";
import { trimBlank, trimBlankEnd } from "../../src/profile-files/trim-blank.js";

/**
 * Issue 11: a long run of blanks inside a line made parsing quadratic (a
 * 60,000-blank line cost seconds, 1 MiB would take hours). No wall-clock
 * assertion here: every call runs under a budget that a linear parse meets
 * in well under a second, while a quadratic one on 1 MiB does not
 * finish in hours. vm's timeout interrupts a running regular expression, so a
 * regression fails the test with "Script execution timed out" instead of
 * hanging the worker.
 */
const budgetMs = 30_000;
const MiB = 1024 * 1024;

function withinBudget<T>(work: () => T): T {
  return vm.runInNewContext("work()", { work }, { timeout: budgetMs }) as T;
}

/** The former implementation, the plain statement of what trimBlank means; only fed short strings. */
const referenceTrimBlank = (text: string): string => text.replace(/^[ \t]+|[ \t]+$/g, "");
const referenceTrimBlankEnd = (text: string): string => text.replace(/[ \t]+$/, "");

describe("trimBlank", () => {
  it("trims a 1 MiB run of blanks between two characters without backtracking", () => {
    const line = `x${" \t".repeat(MiB / 2)}y`;
    expect(withinBudget(() => trimBlank(line))).toBe(line);
    expect(withinBudget(() => trimBlank(` \t${line}\t `))).toBe(line);
    expect(withinBudget(() => trimBlankEnd(`${line}  `))).toBe(line);
    expect(withinBudget(() => trimBlank(" ".repeat(MiB)))).toBe("");
  });

  it("trims spaces and tabs only, at both ends, as the regular expression did", () => {
    const text = fc.stringMatching(/^[ \t\r\n\u00a0ab=#]{0,40}$/);
    fc.assert(
      fc.property(text, (value) => {
        expect(trimBlank(value)).toBe(referenceTrimBlank(value));
        expect(trimBlankEnd(value)).toBe(referenceTrimBlankEnd(value));
      }),
      { numRuns: 500 },
    );
  });
});

/** Runs of one character, some short and some long, up to 1 MiB in all (printed as runs when a case fails). */
const runsArbitrary = fc.array(
  fc.tuple(
    fc.constantFrom(" ", "\t", "=", "#", ";", "[", "]", "k", "v"),
    fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: MiB / 8 })),
  ),
  { minLength: 1, maxLength: 8 },
);

/** Where the long line goes: as a header, a property, a continuation, a sub-property, before any section. */
const places = [
  "[profile p]\n<line>\n",
  "[profile p]\n[<line>\nregion = a\n",
  "[profile p]\nregion = a\n<line>\n",
  "[profile p]\ns3 =\n <line>\n",
  "[profile p]\nregion = v<line>\n",
  "<line>\n[profile p]\nregion = a\n",
] as const;
const placed = fc.tuple(runsArbitrary, fc.constantFrom(...places));

function fileOf(runs: readonly [string, number][], place: string): string {
  return place.replace("<line>", runs.map(([char, count]) => char.repeat(count)).join(""));
}

/**
 * Shortens every run of one character to at most two. Whether a character is
 * a blank, where the first '=' is, whether '#' follows a blank, what a line
 * starts or ends with: none of that changes, so the short file must parse to
 * the same result once its strings are shortened the same way.
 */
const shorten = (text: string): string => text.replace(/(.)\1{2,}/gs, "$1$1");

function outcome(text: string): unknown {
  try {
    const document = ProfileDocument.parse(text, "config");
    return profileSetOf(document);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("parsing lines of up to 1 MiB", () => {
  it("parses and edits in linear time, with the result of the same file with short runs", () => {
    fc.assert(
      fc.property(placed, ([runs, place]) => {
        const text = fileOf(runs, place);
        const long = withinBudget(() => outcome(text));
        expect(JSON.parse(shorten(JSON.stringify(long)))).toEqual(outcome(shorten(text)));
        if ("error" in (long as object)) return;
        const document = withinBudget(() => ProfileDocument.parse(text, "config"));
        withinBudget(() => document.setProperty({ kind: "profile", name: "p" }, "region", "b"));
        withinBudget(() => document.setProperty({ kind: "profile", name: "p" }, "output", "json"));
        expect(profileSetOf(document).profiles["p"]).toMatchObject({
          region: "b",
          output: "json",
        });
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it("reads a value padded with 1 MiB of blanks before its comment", () => {
    const text = `[profile p]\nregion = us-east-1${" ".repeat(MiB)}# note\nkey${"\t".repeat(MiB)}= v\n`;
    const document = withinBudget(() => ProfileDocument.parse(text, "config"));
    expect(profileSetOf(document).profiles["p"]).toEqual({ region: "us-east-1", key: "v" });
    withinBudget(() => document.setProperty({ kind: "profile", name: "p" }, "region", "eu-west-1"));
    expect(document.toString()).toBe(
      `[profile p]\nregion = eu-west-1${" ".repeat(MiB)}# note\nkey${"\t".repeat(MiB)}= v\n`,
    );
  });
});
