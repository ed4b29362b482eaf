import { describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import { fixedClock } from "../../src/io/clock.js";
import { bufferStreams } from "../../src/io/streams.js";
import { runDeviceCodeFlow } from "../../src/sso/device-code-flow.js";
import type { SsoOidcApi } from "../../src/sso/sso-oidc-api.js";

const session = {
  name: "corp",
  startUrl: "https://x.awsapps.com/start",
  region: "eu-west-1",
  registrationScopes: undefined,
};
const registration = { clientId: "cid", clientSecret: "secret", expiresAt: "2099-01-01T00:00:00Z" };

/** An OIDC service that answers CreateToken from a script of exception names, then a token. */
function scriptedOidc(script: string[], interval = 2): SsoOidcApi {
  return {
    registerClient: () => Promise.reject(new Error("unused")),
    startDeviceAuthorization: async () => ({
      deviceCode: "dc",
      userCode: "ABCD-EFGH",
      verificationUriComplete: "https://device.example/?user_code=ABCD-EFGH",
      expiresIn: 600,
      interval,
    }),
    createToken: async () => {
      const next = script.shift();
      if (next === undefined) return { accessToken: "at", expiresIn: 3600 };
      throw Object.assign(new Error(next), { name: next });
    },
  };
}

function run(script: string[]) {
  const clock = fixedClock(Date.parse("2026-01-01T00:00:00Z"));
  const sleeps: number[] = [];
  const streams = bufferStreams();
  const result = runDeviceCodeFlow(session, registration, {
    oidc: scriptedOidc(script),
    clock,
    err: streams.err,
    openUrl: undefined,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  });
  return { result, sleeps, streams };
}

describe("device code polling", () => {
  it("waits the given interval while pending and 5 s longer after each slow_down", async () => {
    const { result, sleeps } = run([
      "AuthorizationPendingException",
      "SlowDownException",
      "AuthorizationPendingException",
      "SlowDownException",
    ]);
    expect(await result).toEqual({ accessToken: "at", expiresIn: 3600 });
    expect(sleeps).toEqual([2000, 7000, 7000, 12000]);
  });

  it("stops on access_denied with a clear message", async () => {
    const error = await run([
      "AuthorizationPendingException",
      "AccessDeniedException",
    ]).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredoError);
    expect((error as CredoError).message).toBe(
      "SSO login was denied: the request was not approved in the browser.",
    );
  });

  it("stops on expired_token with a clear message", async () => {
    const error = await run(["ExpiredTokenException"]).result.catch((e: unknown) => e);
    expect((error as CredoError).message).toBe(
      "SSO login timed out: the device code expired before it was approved.",
    );
    expect((error as CredoError).exitCode).toBe("auth");
  });

  it("gives up at the device code's expiry even if the service keeps saying pending", async () => {
    const { result, sleeps } = run(
      Array.from({ length: 1000 }, () => "AuthorizationPendingException"),
    );
    const error = await result.catch((e: unknown) => e);
    expect((error as CredoError).message).toMatch(/expired before it was approved/);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(600_000);
  });

  it("shows the user code and the URL to open on another device", async () => {
    const { result, streams } = run([]);
    await result;
    expect(streams.stderr()).toContain(
      "Open this URL on any device:\n\n  https://device.example/?user_code=ABCD-EFGH\n",
    );
    expect(streams.stderr()).toContain("ABCD-EFGH");
  });
});
