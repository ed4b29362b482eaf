import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RefreshingCredentials } from "../../src/cache/refreshing-credentials.js";
import { CredoError } from "../../src/errors.js";
import { fixedClock } from "../../src/io/clock.js";
import type { AwsCredentials } from "../../src/aws/aws-credentials.js";
import { vectorsRoot } from "../conformance/vectors-root.js";

// The credentials-refresh suite (aws-sdk-cpp copy), run straight off the file; all 24 cases apply.
const suitePath = join(
  vectorsRoot,
  "credentials-refresh/aws-sdk-cpp/credentials-refresh-tests.json",
);

type CachedState = "valid" | "advisory" | "mandatory" | "expired" | "none";
type Response = "freshCredentials" | "staleCredentials" | "error" | "nonRecoverableError";

interface Case {
  documentation: string;
  given: {
    cachedCredentials: CachedState;
    accessKeyId?: string;
    refreshBackoffSeconds?: number;
    configuredAdvisoryWindowSeconds?: number;
  };
  steps: Step[];
}

type Step =
  | {
      type: "getCredentials";
      response?: Response;
      lifetimeSeconds?: number;
      expected: {
        result:
          "cachedCredentials" | "newCredentials" | "noCredentialsError" | "nonRecoverableError";
        sourceContacted: boolean;
        rateLimited: boolean;
        advisoryWindowSeconds?: number;
      };
    }
  | { type: "advanceTime"; seconds: number }
  | { type: "invalidate" };

const cases = JSON.parse(readFileSync(suitePath, "utf8")) as Case[];

const hour = 3_600_000;
const seedLifetimeMs = 6 * hour;
// Where "given" puts the clock after seeding credentials with a 6 h lifetime (60 min advisory window).
const seedAge: Record<Exclude<CachedState, "none">, number> = {
  valid: 0,
  advisory: seedLifetimeMs - 30 * 60_000,
  mandatory: seedLifetimeMs - 30_000,
  expired: seedLifetimeMs + 60_000,
};

const transientError = new Error("connection reset");
const nonRecoverableError = new CredoError("AccessDenied", {
  exitCode: "auth",
  hint: "check the role's trust",
});

/** A source that answers each step with what the step scripts, and counts calls. */
function scriptedSource(clock: { now(): number }) {
  let next: { response: Response | undefined; lifetimeSeconds: number | undefined } | undefined;
  let calls = 0;
  let issued = 0;
  return {
    get calls() {
      return calls;
    },
    script(response: Response | undefined, lifetimeSeconds?: number) {
      next = { response, lifetimeSeconds };
    },
    async fetch(): Promise<AwsCredentials> {
      calls += 1;
      const response = next?.response;
      if (response === undefined)
        throw new Error("the source was contacted on a step that scripts no response");
      if (response === "error") throw transientError;
      if (response === "nonRecoverableError") throw nonRecoverableError;
      issued += 1;
      const lifetimeMs =
        response === "staleCredentials" ? -1_000 : (next?.lifetimeSeconds ?? 3_600) * 1_000;
      return {
        accessKeyId: `ASIA-NEW-${issued}`,
        secretAccessKey: "secret",
        sessionToken: "token",
        expiration: new Date(clock.now() + lifetimeMs),
      };
    },
  };
}

async function runCase(testCase: Case): Promise<void> {
  const { given } = testCase;
  const clock = fixedClock(Date.UTC(2025, 0, 1));
  const source = scriptedSource(clock);
  let seeding: AwsCredentials | undefined;
  const holder = new RefreshingCredentials({
    source: async () => seeding ?? source.fetch(),
    clock,
    ...(given.refreshBackoffSeconds === undefined
      ? {}
      : { refreshBackoffMs: given.refreshBackoffSeconds * 1_000 }),
    ...(given.configuredAdvisoryWindowSeconds === undefined
      ? {}
      : { advisoryWindowMs: given.configuredAdvisoryWindowSeconds * 1_000 }),
  });
  let current: string | undefined;
  if (given.cachedCredentials !== "none") {
    seeding = {
      accessKeyId: given.accessKeyId ?? "AKID-SEEDED",
      secretAccessKey: "secret",
      sessionToken: "token",
      expiration: new Date(clock.now() + seedLifetimeMs),
    };
    current = (await holder.get()).accessKeyId;
    seeding = undefined;
    clock.advance(seedAge[given.cachedCredentials]);
  }

  for (const [index, step] of testCase.steps.entries()) {
    if (step.type === "advanceTime") {
      clock.advance(step.seconds * 1_000);
      continue;
    }
    if (step.type === "invalidate") {
      holder.invalidate();
      continue;
    }
    source.script(step.response, step.lifetimeSeconds);
    const callsBefore = source.calls;
    const where = `step ${index}`;
    try {
      const outcome = await holder.resolve();
      const result =
        outcome.credentials.accessKeyId === current ? "cachedCredentials" : "newCredentials";
      expect({ where, result, rateLimited: outcome.rateLimited }).toEqual({
        where,
        result: step.expected.result,
        rateLimited: step.expected.rateLimited,
      });
      expect(outcome.refreshed).toBe(result === "newCredentials");
      if (step.expected.advisoryWindowSeconds !== undefined) {
        expect(outcome.advisoryWindowMs).toBe(step.expected.advisoryWindowSeconds * 1_000);
      }
      current = outcome.credentials.accessKeyId;
    } catch (error) {
      const result =
        error === nonRecoverableError
          ? "nonRecoverableError"
          : error === transientError
            ? "noCredentialsError"
            : String(error);
      expect({ where, result }).toEqual({ where, result: step.expected.result });
    }
    expect({ where, sourceContacted: source.calls > callsBefore }).toEqual({
      where,
      sourceContacted: step.expected.sourceContacted,
    });
  }
}

describe("credentials-refresh conformance (aws-sdk-cpp)", () => {
  it("has all 24 cases", () => {
    expect(cases).toHaveLength(24);
  });

  for (const [index, testCase] of cases.entries()) {
    it(`case ${index}: ${testCase.documentation}`, async () => {
      await runCase(testCase);
    });
  }
});
