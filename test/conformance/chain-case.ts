import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect } from "vitest";
import { passThroughCache } from "../../src/cache/session-cache.js";
import { fixedClock } from "../../src/io/clock.js";
import type { Env } from "../../src/io/env.js";
import { silentLogger } from "../../src/io/logger.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import type { AwsCredentials } from "../../src/aws/aws-credentials.js";
import { planChain } from "../../src/providers/plan-chain.js";
import type { ResolveInputs } from "../../src/providers/resolve.js";
import { chainContext, resolveCredentials } from "../../src/providers/resolve.js";
import { resolveChainPlan } from "../../src/providers/resolve-chain-plan.js";
import type { RecordedExchange } from "./http-replay.js";
import { exchangesFromDvr, exchangesFromKotlin, replayTransport } from "./http-replay.js";
import { virtualFs } from "./virtual-fs.js";

export interface CaseOutcome {
  credentials?: Record<string, unknown>;
  error?: Error;
  unserved: number;
  requests: string[];
}

/**
 * Runs one smithy-rs directory case: env.json only, fs/ mounted at "/",
 * recorded traffic replayed to both the metadata clients and the SDK, clock
 * at epoch 0 (earlier than every recorded Expiration).
 */
export async function runChainCase(
  caseDir: string,
  scope: "default-chain" | "profile-only",
): Promise<CaseOutcome> {
  const env = JSON.parse(readFileSync(join(caseDir, "env.json"), "utf8")) as Env;
  const files = virtualFs(caseDir);
  const transport = replayTransport(recordedTraffic(caseDir));
  const homedir = env["HOME"] ?? "/";
  const outcome = (partial: Omit<CaseOutcome, "unserved" | "requests">): CaseOutcome => ({
    ...partial,
    unserved: transport.unserved(),
    requests: transport.log,
  });
  try {
    const { profileSet } = await loadProfileSet({ env, files, homedir, platform: "linux" });
    const inputs: ResolveInputs = {
      env,
      profileSet,
      files,
      homedir,
      clock: fixedClock(0),
      logger: silentLogger,
      cache: passThroughCache,
      mfa: () => Promise.reject(new Error("no MFA in conformance cases")),
      hubCredentials: () => Promise.reject(new Error("no hub in conformance cases")),
      http: transport,
    };
    if (scope === "default-chain")
      return outcome({ credentials: suiteShape((await resolveCredentials(inputs)).credentials) });
    // The profile-provider suite tests the profile file provider alone.
    const profileName = env["AWS_PROFILE"] ?? "default";
    const plan = planChain(profileSet, profileName);
    return outcome({
      credentials: suiteShape(await resolveChainPlan(plan, chainContext(inputs, profileName))),
    });
  } catch (error) {
    return outcome({ error: error as Error });
  }
}

function recordedTraffic(caseDir: string): RecordedExchange[] {
  const path = join(caseDir, "http-traffic.json");
  if (!existsSync(path)) return [];
  const traffic: unknown = JSON.parse(readFileSync(path, "utf8"));
  return Array.isArray(traffic)
    ? exchangesFromKotlin(traffic)
    : exchangesFromDvr(traffic as Parameters<typeof exchangesFromDvr>[0]);
}

/** credo's credentials in the suite's shape: absent fields stay absent. */
function suiteShape(credentials: AwsCredentials): Record<string, unknown> {
  return {
    access_key_id: credentials.accessKeyId,
    secret_access_key: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { session_token: credentials.sessionToken }),
    ...(credentials.accountId === undefined ? {} : { account_id: credentials.accountId }),
    ...(credentials.expiration === undefined
      ? {}
      : { expiry: Math.floor(credentials.expiration.getTime() / 1000) }),
  };
}

export interface SuiteCase {
  name: string;
  result: { Ok: Record<string, unknown> } | { ErrorContains: string };
}

export function readSuiteCase(caseDir: string): SuiteCase {
  const raw = JSON.parse(readFileSync(join(caseDir, "test-case.json"), "utf8")) as SuiteCase;
  if (!("Ok" in raw.result)) return raw;
  // The Kotlin extras spell the account "accountId" and add a Kotlin-only business_metrics list.
  const rest = { ...raw.result.Ok };
  const accountId = rest["accountId"];
  delete rest["accountId"];
  delete rest["business_metrics"];
  return {
    ...raw,
    result: { Ok: accountId === undefined ? rest : { ...rest, account_id: accountId } },
  };
}

/**
 * Runs a directory case and checks its outcome: the expected credentials with
 * every recorded request used, or an error in credo's wording for the case
 * (the suite's wording is the Rust SDK's).
 */
export async function expectChainCase(
  caseDir: string,
  scope: "default-chain" | "profile-only",
  errorWording: Readonly<Record<string, RegExp>>,
): Promise<void> {
  const expected = readSuiteCase(caseDir);
  const outcome = await runChainCase(caseDir, scope);
  if ("Ok" in expected.result) {
    expect(outcome.error?.message).toBeUndefined();
    expect(outcome.credentials).toEqual(expected.result.Ok);
    expect(outcome.unserved, `requests made: ${outcome.requests.join(", ")}`).toBe(0);
  } else {
    const caseName = basename(caseDir);
    const wording = errorWording[caseName];
    expect(
      wording,
      `no wording mapped for ${caseName}: ${expected.result.ErrorContains}`,
    ).toBeDefined();
    expect(outcome.error?.message).toMatch(wording as RegExp);
  }
}
