import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { containerCredentialsUrl } from "../../src/providers/container-credentials.js";
import { isNotConfigured } from "../../src/providers/not-configured-error.js";
import { vectorsRoot } from "./vectors-root.js";

interface Case {
  docs: string;
  env: Record<string, string>;
  result: { Ok: string } | { ErrorContains: string };
}

const { tests } = JSON.parse(
  readFileSync(join(vectorsRoot, "ecs-credentials-config/ecs-tests.json"), "utf8"),
) as { tests: Case[] };

const errorWording: Record<string, RegExp> = {
  "No environment variables were set to configure ECS provider":
    /AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set/,
  "URI did not specify a host": /the URI did not specify a host/,
};

describe("conformance: ecs-credentials-config", () => {
  it.each(tests.map((t) => [t.docs, t] as const))("%s", (_docs, testCase) => {
    if ("Ok" in testCase.result) {
      expect(containerCredentialsUrl(testCase.env)).toBe(testCase.result.Ok);
    } else {
      expect(() => containerCredentialsUrl(testCase.env)).toThrow(
        errorWording[testCase.result.ErrorContains] as RegExp,
      );
    }
  });

  it("treats unset variables as 'not configured here' (the chain goes on) and a bad URI as broken", () => {
    const notSet = (() => {
      try {
        return containerCredentialsUrl({});
      } catch (error) {
        return error;
      }
    })();
    expect(isNotConfigured(notSet)).toBe(true);
    expect(() =>
      containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://example.com/creds" }),
    ).toThrow(/must use https/);
  });
});
