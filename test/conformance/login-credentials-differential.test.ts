import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fromLoginCredentials } from "@aws-sdk/credential-provider-login";
import { afterEach, describe, expect, it, vi } from "vitest";
import { passThroughCache } from "../../src/cache/session-cache.js";
import { fixedClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { resolveCredentials } from "../../src/providers/resolve.js";
import { loginCases, setUpLoginCase, suiteNow, type LoginCaseSetup } from "./login-case.js";

/**
 * credo against the JS SDK's own login provider on every vector: each runs
 * on its own copy of the case (its own home, its own emulator, so the refresh
 * token each spends is its own) and both must agree on the outcome: the same
 * credentials or both an error, and the same cache contents afterwards.
 */

interface Observed {
  credentials?: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string | undefined;
    accountId: string | undefined;
    expiresAt: number | undefined;
  };
  failed: boolean;
  cache: Record<string, unknown>;
}

const setups: LoginCaseSetup[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await Promise.all(setups.splice(0).map((setup) => setup.cleanup()));
});

function snapshotCache(setup: LoginCaseSetup): Record<string, unknown> {
  const cache: Record<string, unknown> = {};
  for (const file of readdirSync(setup.cacheDir).filter((name) => name.endsWith(".json"))) {
    const token = JSON.parse(readFileSync(join(setup.cacheDir, file), "utf8")) as {
      accessToken?: { expiresAt?: string };
    };
    // The JS SDK writes milliseconds (…00.000Z), botocore and credo seconds (…00Z): compare instants.
    if (token.accessToken?.expiresAt !== undefined)
      token.accessToken.expiresAt = new Date(token.accessToken.expiresAt).toISOString();
    cache[file] = token;
  }
  return cache;
}

async function runCredo(setup: LoginCaseSetup): Promise<Observed> {
  const { profileSet } = await loadProfileSet({
    env: setup.env,
    files: nodeFileReader,
    homedir: setup.home,
    platform: "linux",
  });
  try {
    const { credentials } = await resolveCredentials({
      env: setup.env,
      profileSet,
      files: nodeFileReader,
      homedir: setup.home,
      clock: fixedClock(suiteNow),
      logger: silentLogger,
      cache: passThroughCache,
      mfa: () => Promise.reject(new Error("no MFA")),
      hubCredentials: () => Promise.reject(new Error("no hub")),
    });
    return {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        accountId: credentials.accountId,
        expiresAt: credentials.expiration?.getTime(),
      },
      failed: false,
      cache: snapshotCache(setup),
    };
  } catch {
    return { failed: true, cache: snapshotCache(setup) };
  }
}

async function runSdk(setup: LoginCaseSetup): Promise<Observed> {
  // The SDK provider reads the cache folder from the process environment and the time from Date.
  vi.stubEnv("AWS_LOGIN_CACHE_DIRECTORY", setup.cacheDir);
  vi.useFakeTimers({ toFake: ["Date"], now: suiteNow });
  try {
    const credentials = await fromLoginCredentials({
      profile: "signin",
      configFilepath: setup.configFile,
      filepath: join(setup.home, ".aws", "credentials"),
      clientConfig: { endpoint: setup.emulator.url, region: "us-east-1" },
    })();
    return {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        accountId: credentials.accountId,
        expiresAt: credentials.expiration?.getTime(),
      },
      failed: false,
      cache: snapshotCache(setup),
    };
  } catch {
    return { failed: true, cache: snapshotCache(setup) };
  } finally {
    vi.useRealTimers();
  }
}

describe.each(["botocore", "smithy-rs"] as const)(
  "login-credentials: credo and @aws-sdk/credential-provider-login agree (%s copy)",
  (copy) => {
    it.each(loginCases(copy).map((c) => [c.documentation, c] as const))(
      "%s",
      async (_, testCase) => {
        const forCredo = await setUpLoginCase(testCase);
        const forSdk = await setUpLoginCase(testCase);
        setups.push(forCredo, forSdk);
        const credo = await runCredo(forCredo);
        const sdk = await runSdk(forSdk);
        expect(credo).toEqual(sdk);
        // Both really ran the case: a refresh vector reached the sign-in service once each.
        expect(forSdk.emulator.calls("signin:CreateOAuth2Token")).toBe(
          forCredo.emulator.calls("signin:CreateOAuth2Token"),
        );
        const expectsCredentials = testCase.outcomes.some((o) => o.result === "credentials");
        expect(credo.failed).toBe(!expectsCredentials);
      },
    );
  },
);
