import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCallerIdentity } from "../../src/aws/sts.js";
import type { Emulator, EmulatedUserCredentials } from "../../src/emulator/index.js";
import { startEmulator, totp } from "../../src/emulator/index.js";
import type { MfaRequest } from "../../src/providers/mfa.js";
import { resolveCredentials } from "../../src/providers/resolve.js";
import { memorySessionCache, resolveInputsFor } from "./resolve-fixture.js";

let emulator: Emulator;
let hub: EmulatedUserCredentials;
const mfaRequests: MfaRequest[] = [];

const mfa = async (request: MfaRequest) => {
  mfaRequests.push(request);
  return totp(hub.mfaSecret ?? "", Date.now());
};

beforeAll(async () => {
  emulator = await startEmulator();
  hub = emulator.createUser({ account: "111111111111", userName: "alice", mfa: true });
  emulator.createRole({
    arn: "arn:aws:iam::222222222222:role/Admin",
    trustAccounts: ["111111111111"],
    requireMfa: true,
  });
  emulator.createRole({
    arn: "arn:aws:iam::333333333333:role/Deploy",
    trustAccounts: ["222222222222"],
  });
  emulator.createRole({
    arn: "arn:aws:iam::444444444444:role/Audit",
    trustAccounts: ["333333333333"],
    externalId: "ext-42",
  });
});

afterAll(async () => {
  await emulator.stop();
});

function files() {
  return {
    credentials: `[hub]\naws_access_key_id = ${hub.accessKeyId}\naws_secret_access_key = ${hub.secretAccessKey}\n`,
    config: [
      "[profile admin]",
      "role_arn = arn:aws:iam::222222222222:role/Admin",
      "source_profile = hub",
      `mfa_serial = ${hub.mfaSerial ?? ""}`,
      "role_session_name = alice-admin",
      "[profile deploy]",
      "role_arn = arn:aws:iam::333333333333:role/Deploy",
      "source_profile = admin",
      "duration_seconds = 900",
      "[profile audit]",
      "role_arn = arn:aws:iam::444444444444:role/Audit",
      "source_profile = deploy",
      "external_id = ext-42",
      "[profile audit-wrong-id]",
      "role_arn = arn:aws:iam::444444444444:role/Audit",
      "source_profile = deploy",
      "external_id = nope",
      "",
    ].join("\n"),
  };
}

async function identityOf(profile: string, cache = memorySessionCache()) {
  const env = { AWS_ENDPOINT_URL: emulator.url, AWS_REGION: "us-east-1" };
  const inputs = await resolveInputsFor(env, files(), { cache, mfa, profileOption: profile });
  const resolution = await resolveCredentials(inputs);
  const identity = await getCallerIdentity(
    { region: "us-east-1", endpoint: emulator.url },
    resolution.credentials,
  );
  return { resolution, identity };
}

describe("role chains against the emulator (STS query protocol, SigV4 verified)", () => {
  it("assumes a role that demands MFA (chain of 1) with the code from the MfaCodeSource", async () => {
    emulator.resetCalls();
    mfaRequests.length = 0;
    const { resolution, identity } = await identityOf("admin");
    expect(identity.arn).toBe("arn:aws:sts::222222222222:assumed-role/Admin/alice-admin");
    expect(resolution).toMatchObject({
      source: "assume-role",
      profile: "admin",
      chain: ["admin", "hub"],
    });
    expect(resolution.credentials.accountId).toBe("222222222222");
    expect(mfaRequests).toEqual([{ serial: hub.mfaSerial, profile: "admin" }]);
    expect(emulator.calls("sts:AssumeRole")).toBe(1);
  });

  it("chains three roles with an external id and a duration, one STS call per role", async () => {
    emulator.resetCalls();
    const { resolution, identity } = await identityOf("audit");
    expect(identity.arn).toMatch(/^arn:aws:sts::444444444444:assumed-role\/Audit\/credo-\d+$/);
    expect(resolution.chain).toEqual(["audit", "deploy", "admin", "hub"]);
    expect(emulator.calls("sts:AssumeRole")).toBe(3);
  });

  it("asks duration_seconds of STS (the session lasts 900 s)", async () => {
    const before = Date.now();
    const { resolution } = await identityOf("deploy");
    const lifetime = (resolution.credentials.expiration?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(880_000);
    expect(lifetime).toBeLessThanOrEqual(901_000);
  });

  it("serves a repeated resolution from the session cache: no STS call, no MFA prompt", async () => {
    const cache = memorySessionCache();
    await identityOf("audit", cache);
    emulator.resetCalls();
    mfaRequests.length = 0;
    await identityOf("audit", cache);
    expect(emulator.calls("sts:AssumeRole")).toBe(0);
    expect(mfaRequests).toHaveLength(0);
    expect(cache.keys.join("\n")).not.toContain(hub.secretAccessKey);
  });

  it("reports a wrong external id as AccessDenied with a hint", async () => {
    await expect(identityOf("audit-wrong-id")).rejects.toMatchObject({
      exitCode: "auth",
      message: expect.stringMatching(/AssumeRole arn:aws:iam::444444444444:role\/Audit was denied/),
    });
  });

  it("says a wrong MFA code may be the cause when AssumeRole with a code is denied", async () => {
    const env = { AWS_ENDPOINT_URL: emulator.url, AWS_REGION: "us-east-1" };
    const inputs = await resolveInputsFor(env, files(), {
      mfa: async () => "000000",
      profileOption: "admin",
    });
    await expect(resolveCredentials(inputs)).rejects.toMatchObject({
      exitCode: "auth",
      hint: expect.stringMatching(/MFA code may be wrong/),
    });
  });
});
