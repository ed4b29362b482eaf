import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { fixedClock } from "../../src/io/clock.js";
import { vectorsRoot } from "./vectors-root.js";

/** The vendored login-credentials suite (both copies). */
export const loginVectorsRoot = join(vectorsRoot, "login-credentials");

export type LoginOutcome =
  | {
      result: "credentials";
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken: string;
      accountId: string;
      expiresAt: string;
    }
  | { result: "error" }
  | ({ result: "cacheContents" } & Record<string, unknown>);

export interface LoginCase {
  documentation: string;
  configContents: string;
  cacheContents: Record<string, Record<string, unknown>>;
  mockApiCalls?: {
    request: { tokenInput: { clientId: string; refreshToken: string; grantType: string } };
    response?: {
      tokenOutput: {
        accessToken: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
        refreshToken: string;
        expiresIn: number;
      };
    };
    responseCode?: number;
  }[];
  outcomes: LoginOutcome[];
}

/** The suite's fixed clock. */
export const suiteNow = Date.parse("2025-11-19T00:00:00Z");

export function loginCases(copy: "botocore" | "smithy-rs"): LoginCase[] {
  return JSON.parse(
    readFileSync(join(loginVectorsRoot, copy, "login-provider-test-cases.json"), "utf8"),
  ) as LoginCase[];
}

export interface LoginCaseSetup {
  home: string;
  cacheDir: string;
  configFile: string;
  emulator: Emulator;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A case as the smithy-rs harness lays it out ($HOME/.aws/config,
 * $HOME/.aws/login/cache/<file>) with the embedded emulator as the sign-in
 * service: each mocked CreateOAuth2Token success becomes a refresh token the
 * emulator honours (bound to the case's dpopKey, so the DPoP proof is really
 * verified); a mocked failure is a refresh token the emulator does not know,
 * which it refuses with a 400 AccessDeniedException (TOKEN_EXPIRED).
 */
export async function setUpLoginCase(testCase: LoginCase): Promise<LoginCaseSetup> {
  const home = mkdtempSync(join(tmpdir(), "credo-login-"));
  const cacheDir = join(home, ".aws", "login", "cache");
  mkdirSync(cacheDir, { recursive: true });
  const configFile = join(home, ".aws", "config");
  writeFileSync(configFile, testCase.configContents);
  for (const [file, contents] of Object.entries(testCase.cacheContents))
    writeFileSync(join(cacheDir, file), JSON.stringify(contents), { mode: 0o600 });
  const emulator = await startEmulator({ clock: fixedClock(suiteNow) });
  const dpopKey = Object.values(testCase.cacheContents)[0]?.["dpopKey"];
  for (const call of testCase.mockApiCalls ?? []) {
    const output = call.response?.tokenOutput;
    if (output === undefined || typeof dpopKey !== "string") continue;
    emulator.login.grant({
      refreshToken: call.request.tokenInput.refreshToken,
      clientId: call.request.tokenInput.clientId,
      dpopKey,
      credentials: output.accessToken,
      nextRefreshToken: output.refreshToken,
    });
  }
  return {
    home,
    cacheDir,
    configFile,
    emulator,
    env: {
      HOME: home,
      AWS_PROFILE: "signin",
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL: emulator.url,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
    },
    cleanup: async () => {
      await emulator.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export function readCacheFile(setup: LoginCaseSetup, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(setup.cacheDir, file), "utf8")) as Record<string, unknown>;
}
