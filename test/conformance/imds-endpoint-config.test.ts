import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryFileReader } from "../../src/io/file-system.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { imdsEndpoint } from "../../src/providers/instance-metadata-credentials.js";
import { vectorsRoot } from "./vectors-root.js";

interface Case {
  docs: string;
  env: Record<string, string>;
  fs: Record<string, string>;
  endpoint_override?: string;
  mode_override?: string;
  result: { Ok: string } | { Err: string };
}

const { tests } = JSON.parse(
  readFileSync(
    join(vectorsRoot, "imds-endpoint-config/imds-config/imds-endpoint-tests.json"),
    "utf8",
  ),
) as {
  tests: Case[];
};

const errorWording: Record<string, RegExp> = {
  "`error` is not a valid endpoint mode": /`error` is not a valid endpoint mode/,
  "`IPv7` is not a valid endpoint mode": /`IPv7` is not a valid endpoint mode/,
  "invalid uri character": /not a valid URL \(invalid uri character/,
};

describe("conformance: imds-endpoint-config", () => {
  it.each(tests.map((t) => [t.docs, t] as const))("%s", async (_docs, testCase) => {
    // fs keys are relative names that AWS_CONFIG_FILE points at.
    const files = memoryFileReader(new Map(Object.entries(testCase.fs)));
    const { profileSet } = await loadProfileSet({
      env: testCase.env,
      files,
      homedir: "/nonexistent",
      platform: "linux",
    });
    const overrides = {
      ...(testCase.endpoint_override === undefined ? {} : { endpoint: testCase.endpoint_override }),
      ...(testCase.mode_override === undefined ? {} : { mode: testCase.mode_override }),
    };
    const tokenUrl = () =>
      `${imdsEndpoint(testCase.env, profileSet.profiles["default"], overrides)}/latest/api/token`;
    if ("Ok" in testCase.result) expect(tokenUrl()).toBe(testCase.result.Ok);
    else expect(tokenUrl).toThrow(errorWording[testCase.result.Err] as RegExp);
  });
});
