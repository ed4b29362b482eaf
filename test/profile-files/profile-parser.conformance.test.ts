import { describe, expect, it } from "vitest";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { profileSetOf, type ProfileSetOptions } from "../../src/profile-files/profile-set.js";
import type { ProfileSet } from "../../src/profile-files/types.js";
import { readVectorsJson } from "../conformance/vectors-root.js";

interface ParserCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: {
    profiles?: unknown;
    ssoSessions?: unknown;
    config?: { profiles?: unknown; sso_sessions?: unknown };
    errorContaining?: string;
  };
}

function parse(input: ParserCase["input"], options: ProfileSetOptions): ProfileSet {
  const config = ProfileDocument.parse(input.configFile ?? "", "config");
  const credentials = ProfileDocument.parse(input.credentialsFile ?? "", "credentials");
  // The suite states the SEP SDKs' reading; credo's default also reads the sections only botocore names.
  return profileSetOf(config, credentials, { ...options, reading: "sep" });
}

/**
 * The copies word errors differently ("Expected a profile definition" in
 * smithy-rs and ruby, "Expected a section definition" in smithy-python;
 * "defining a sub-property" vs "defining a property in sub-property"), so
 * both sides are brought to the newest wording before comparing.
 */
function normaliseError(message: string): string {
  return message
    .toLowerCase()
    .replaceAll("profile definition", "section definition")
    .replace("defining a sub-property", "defining a property in sub-property")
    .replace("sub-property did not have a name", "property did not have a name in sub-property")
    .replace("must end with ']'", "must end with ]");
}

function expectParseError(input: ParserCase["input"], expected: string): void {
  expect(() => parse(input, {})).toThrow();
  try {
    parse(input, {});
  } catch (error) {
    expect(normaliseError((error as Error).message)).toContain(normaliseError(expected));
  }
}

const copies = [
  { copy: "smithy-python", file: "profile-parser/smithy-python/config-file-parser-tests.json" },
  {
    copy: "aws-sdk-ruby-pr3064",
    file: "profile-parser/aws-sdk-ruby-pr3064/config-file-parser-tests.json",
  },
] as const;

for (const { copy, file } of copies) {
  describe(`profile-parser conformance (${copy})`, () => {
    const { tests } = readVectorsJson(file) as { tests: ParserCase[] };
    it.each(tests.map((test, index) => [index, test.name, test] as const))(
      "#%i %s",
      (_index, _name, test) => {
        const { output } = test;
        if (output.errorContaining !== undefined) {
          expectParseError(test.input, output.errorContaining);
          return;
        }
        const result = parse(test.input, {});
        if (output.profiles !== undefined) expect(result.profiles).toEqual(output.profiles);
        if (output.ssoSessions !== undefined)
          expect(result.ssoSessions).toEqual(output.ssoSessions);
      },
    );
  });
}

describe("profile-parser conformance (smithy-rs, sub-properties kept raw)", () => {
  const { tests } = readVectorsJson("profile-parser/smithy-rs/profile-parser-tests.json") as {
    tests: ParserCase[];
  };
  it.each(tests.map((test, index) => [index, test.name, test] as const))(
    "#%i %s",
    (_index, _name, test) => {
      const { output } = test;
      if (output.errorContaining !== undefined) {
        expectParseError(test.input, output.errorContaining);
        return;
      }
      const result = parse(test.input, { subProperties: "raw" });
      if (output.config?.profiles !== undefined)
        expect(result.profiles).toEqual(output.config.profiles);
      if (output.config?.sso_sessions !== undefined)
        expect(result.ssoSessions).toEqual(output.config.sso_sessions);
    },
  );
});

describe("parse errors name the file and the line", () => {
  it("reports the line of a property before any section", () => {
    expect(() =>
      ProfileDocument.parse("# ok\n\nregion = us-east-1\n", "config", "/home/u/.aws/config"),
    ).toThrow("Cannot read /home/u/.aws/config, line 3: Expected a section definition.");
  });

  it("is a ConfigError with a hint to fix that line", () => {
    try {
      ProfileDocument.parse("[profile a]\nregion us-east-1\n", "config", "/c");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        name: "ConfigError",
        exitCode: "config",
        hint: expect.stringContaining("line 2 of /c"),
      });
    }
  });
});
