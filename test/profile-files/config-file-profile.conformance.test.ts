import { describe, expect, it } from "vitest";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { profileSetOf } from "../../src/profile-files/profile-set.js";
import type { Properties } from "../../src/profile-files/types.js";
import { readVectorsJson } from "../conformance/vectors-root.js";

interface ProfileSuite {
  testSuites: {
    profiles: Record<string, Record<string, string>>;
    regionTests: { name: string; profile: string; output: { region: string } };
    credentialsTests: { name: string; profile: string; output: { credentialType: string } }[];
  }[];
}

/** Renders the suite's profiles as a config file, so they go through the real parser. */
function configText(profiles: Record<string, Record<string, string>>): string {
  return Object.entries(profiles)
    .map(([name, properties]) => {
      const header = name === "default" ? "[default]" : `[profile ${name}]`;
      return [
        header,
        ...Object.entries(properties).map(([key, value]) => `${key} = ${value}`),
      ].join("\n");
    })
    .join("\n\n");
}

/**
 * The order the SEP gives (role settings > session keys > basic keys, even when
 * a role profile also holds keys). The credential chain itself lives in
 * src/providers; this checks that the parsed view carries what it decides on.
 */
function credentialTypeOf(profile: Properties): string {
  if (profile["role_arn"] !== undefined) return "assumeRole";
  if (profile["aws_session_token"] !== undefined) return "session";
  if (profile["aws_access_key_id"] !== undefined) return "basic";
  return "none";
}

const suite = readVectorsJson(
  "config-file-profile-tests/aws-sdk-ruby-pr3064/config-file-profile-tests.json",
) as ProfileSuite;

suite.testSuites.forEach((testSuite, suiteIndex) => {
  describe(`config-file-profile conformance (suite ${suiteIndex})`, () => {
    const { profiles } = profileSetOf(
      ProfileDocument.parse(configText(testSuite.profiles), "config"),
    );

    it(testSuite.regionTests.name, () => {
      expect(profiles[testSuite.regionTests.profile]?.["region"]).toBe(
        testSuite.regionTests.output.region,
      );
    });

    it.each(testSuite.credentialsTests.map((test) => [test.name, test] as const))(
      "%s",
      (_name, test) => {
        const profile = profiles[test.profile];
        expect(profile).toBeDefined();
        expect(credentialTypeOf(profile ?? {})).toBe(test.output.credentialType);
      },
    );
  });
});
