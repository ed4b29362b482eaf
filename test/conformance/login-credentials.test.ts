import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { passThroughCache } from "../../src/cache/session-cache.js";
import { CredoError } from "../../src/errors.js";
import { fixedClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { resolveCredentials } from "../../src/providers/resolve.js";
import {
  loginCases,
  readCacheFile,
  setUpLoginCase,
  suiteNow,
  type LoginCaseSetup,
} from "./login-case.js";

let setup: LoginCaseSetup | undefined;
afterEach(async () => {
  await setup?.cleanup();
  setup = undefined;
});

async function resolveCase(current: LoginCaseSetup) {
  const env = current.env;
  const { profileSet } = await loadProfileSet({
    env,
    files: nodeFileReader,
    homedir: current.home,
    platform: "linux",
  });
  return resolveCredentials({
    env,
    profileSet,
    files: nodeFileReader,
    homedir: current.home,
    clock: fixedClock(suiteNow),
    logger: silentLogger,
    cache: passThroughCache,
    mfa: () => Promise.reject(new Error("no MFA in login cases")),
    hubCredentials: () => Promise.reject(new Error("no hub in login cases")),
  });
}

/** Python's json.dumps of the file's value: what botocore would have written. */
function pythonDumps(path: string): string {
  return execFileSync(
    "python3",
    ["-c", "import json,sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1]))))", path],
    { encoding: "utf8" },
  );
}

describe.each(["botocore", "smithy-rs"] as const)("login-credentials (%s copy)", (copy) => {
  it.each(loginCases(copy).map((c) => [c.documentation, c] as const))("%s", async (_, testCase) => {
    setup = await setUpLoginCase(testCase);
    const current = setup;
    let resolution: Awaited<ReturnType<typeof resolveCase>> | undefined;
    let failure: unknown;
    try {
      resolution = await resolveCase(current);
    } catch (error) {
      failure = error;
    }
    for (const outcome of testCase.outcomes) {
      if (outcome.result === "error") {
        expect(resolution).toBeUndefined();
        expect(failure).toBeInstanceOf(CredoError);
        // Every failure says what to run.
        expect((failure as CredoError).hint).toContain("aws login --profile signin");
      } else if (outcome.result === "credentials") {
        expect(failure).toBeUndefined();
        expect(resolution?.source).toBe("login");
        const credentials = resolution?.credentials;
        expect({
          accessKeyId: credentials?.accessKeyId,
          secretAccessKey: credentials?.secretAccessKey,
          sessionToken: credentials?.sessionToken,
          accountId: credentials?.accountId,
          expiresAt: credentials?.expiration?.toISOString().replace(".000Z", "Z"),
        }).toEqual({
          accessKeyId: outcome.accessKeyId,
          secretAccessKey: outcome.secretAccessKey,
          sessionToken: outcome.sessionToken,
          accountId: outcome.accountId,
          expiresAt: outcome.expiresAt,
        });
      } else {
        for (const [file, expected] of Object.entries(outcome)) {
          if (file === "result") continue;
          expect(readCacheFile(current, file)).toEqual(expected);
          const path = join(current.cacheDir, file);
          expect(statSync(path).mode & 0o777).toBe(0o600);
          // Byte for byte what botocore's JSONFileCache writes, so the AWS CLI reads it back.
          expect(readFileSync(path, "utf8")).toBe(pythonDumps(path));
        }
      }
    }
    expect(current.emulator.calls("signin:CreateOAuth2Token")).toBe(
      testCase.mockApiCalls?.length ?? 0,
    );
  });
});
