import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveRegion } from "../../src/config/resolve-region.js";
import { selectProfile } from "../../src/config/select-profile.js";
import { memoryFileReader } from "../../src/io/file-system.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { vectorsRoot } from "./vectors-root.js";

interface Case {
  name: string;
  platform: {
    env: Record<string, string>;
    props: Record<string, string>;
    fs: Record<string, string>;
  };
  imds: Record<string, string>;
  region: string | null;
}

const cases = JSON.parse(
  readFileSync(join(vectorsRoot, "region-provider-chain/region-provider-chain-tests.json"), "utf8"),
) as Case[];

/**
 * Cases that cannot apply to a Node tool: JVM system properties (`aws.region`)
 * do not exist in Node, and credo does not ask the instance metadata service
 * for a region (a developer-machine tool; the region chain stops at
 * the profile). Cases whose IMDS entry is shadowed by env or profile still run.
 */
function notApplicable(testCase: Case): string | undefined {
  if (Object.keys(testCase.platform.props).length > 0)
    return "sets a JVM system property (aws.region)";
  if (
    Object.keys(testCase.imds).length > 0 &&
    testCase.platform.env["AWS_REGION"] === undefined &&
    Object.keys(testCase.platform.fs).length === 0
  ) {
    return "needs the region from IMDS, which credo does not query";
  }
  return undefined;
}

describe("conformance: region-provider-chain", () => {
  const applicable = cases.filter((c) => notApplicable(c) === undefined);
  it.each(applicable.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    const { env, fs } = testCase.platform;
    const { profileSet } = await loadProfileSet({
      env,
      files: memoryFileReader(new Map(Object.entries(fs))),
      homedir: "/nonexistent",
      platform: "linux",
    });
    const profile = profileSet.profiles[selectProfile(undefined, env).name];
    expect(resolveRegion(env, profile).region ?? null).toBe(testCase.region);
  });

  it.skip.each(
    cases
      .filter((c) => notApplicable(c) !== undefined)
      .map((c) => [c.name, notApplicable(c)] as const),
  )("not applicable: %s (%s)", () => undefined);
});
