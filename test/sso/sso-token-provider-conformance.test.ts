import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import { fixedClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import type { SsoOidcApi } from "../../src/sso/sso-oidc-api.js";
import { pythonJsonDumps } from "../../src/io/python-json.js";
import { tokenCachePath } from "../../src/sso/token-cache.js";
import { resolveSsoToken } from "../../src/sso/token-provider.js";
import { vectorsRoot } from "../conformance/vectors-root.js";

interface SuiteCase {
  documentation: string;
  currentTime: string;
  cachedToken: Record<string, string>;
  refreshResponse?: { accessToken: string; expiresIn: number; refreshToken?: string };
  expectedTokenWriteback?: Record<string, string>;
  expectedToken?: { token: string; expiration: string };
  expectedException?: string;
}

const suite = JSON.parse(
  await readFile(
    join(vectorsRoot, "sso-token-provider/sso-token-cache-behavior-tests.json"),
    "utf8",
  ),
) as { cases: SuiteCase[] };

const session = {
  name: "test-session",
  startUrl: "https://d-123.awsapps.com/start",
  region: "us-west-2",
  registrationScopes: undefined,
};

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "credo-sso-tp-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("sso-token-provider conformance (aws-sdk-kotlin vectors)", () => {
  it("has the six cases the README describes", () => {
    expect(suite.cases).toHaveLength(6);
  });

  for (const testCase of suite.cases) {
    it(testCase.documentation, async () => {
      const path = tokenCachePath(home, { sessionName: session.name, startUrl: session.startUrl });
      await mkdir(dirname(path), { recursive: true });
      const original = JSON.stringify(testCase.cachedToken, null, 2);
      await writeFile(path, original);
      const refreshCalls: unknown[] = [];
      const oidc: SsoOidcApi = {
        registerClient: () => Promise.reject(new Error("not expected")),
        startDeviceAuthorization: () => Promise.reject(new Error("not expected")),
        createToken: async (input) => {
          refreshCalls.push(input);
          if (testCase.refreshResponse === undefined)
            throw Object.assign(new Error("no"), { name: "InvalidGrantException" });
          return testCase.refreshResponse;
        },
      };
      const result = resolveSsoToken(session, {
        files: nodeFileReader,
        homedir: home,
        clock: fixedClock(Date.parse(testCase.currentTime)),
        oidc: async () => oidc,
        logger: silentLogger,
        refreshWindowMs: 0,
      });

      if (testCase.expectedException !== undefined) {
        const error = await result.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CredoError);
        // The suite's wording is Kotlin's ("SSO token for sso-session: test-session is expired");
        // credo says the same thing in its own words and names the way out.
        expect((error as CredoError).message).toMatch(/SSO session test-session has expired/);
        expect((error as CredoError).message).toContain(
          "credo sso login --sso-session test-session",
        );
        expect((error as CredoError).exitCode).toBe("auth");
        expect(await readFile(path, "utf8")).toBe(original);
        return;
      }
      const token = await result;
      expect({
        token: token.token,
        expiration: token.expiration.toISOString().replace(".000Z", "Z"),
      }).toEqual(testCase.expectedToken);
      if (testCase.expectedTokenWriteback !== undefined) {
        expect(refreshCalls).toEqual([
          {
            grantType: "refresh_token",
            clientId: testCase.cachedToken["clientId"],
            clientSecret: testCase.cachedToken["clientSecret"],
            refreshToken: testCase.cachedToken["refreshToken"],
          },
        ]);
        const written = await readFile(path, "utf8");
        expect(JSON.parse(written)).toEqual(testCase.expectedTokenWriteback);
        // Byte-compatible with botocore's JSONFileCache (json.dumps, same key order).
        expect(written).toBe(pythonJsonDumps(testCase.expectedTokenWriteback));
        expect((await stat(path)).mode & 0o777).toBe(0o600);
      } else {
        expect(refreshCalls).toEqual([]);
        expect(await readFile(path, "utf8")).toBe(original);
      }
    });
  }
});
