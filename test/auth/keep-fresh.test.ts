import { expect, it } from "vitest";
import { keepFresh } from "../../src/auth/keep-fresh.js";
import type { KeepFreshOptions } from "../../src/auth/keep-fresh.js";
import { silentLogger } from "../../src/io/logger.js";
import type { AwsCredentials } from "../../src/aws/aws-credentials.js";

const minute = 60_000;
const start = Date.parse("2026-01-01T00:00:00Z");

/** A clock that the fake sleep moves forward: hours of keep-fresh in a few milliseconds. */
function scenario(overrides: Partial<KeepFreshOptions> = {}) {
  let now = start;
  let issued = 0;
  const writes: string[] = [];
  const said: string[] = [];
  const credentials = (): AwsCredentials => {
    issued += 1;
    return {
      accessKeyId: `ASIA${issued}`,
      secretAccessKey: "secret",
      sessionToken: "token",
      expiration: new Date(now + 60 * minute),
    };
  };
  const controller = new AbortController();
  const options: KeepFreshOptions = {
    initial: credentials(),
    source: async () => credentials(),
    write: async (fresh) =>
      void writes.push(`${fresh.accessKeyId}@${(fresh.expiration!.getTime() - start) / minute}`),
    renewableUntil: new Date(start + 180 * minute),
    clock: { now: () => now },
    logger: silentLogger,
    say: (message) => void said.push(message),
    sleep: async (ms) => void (now += ms),
    signal: controller.signal,
    advisoryWindowMs: 4 * minute,
    sessionMarginMs: 5 * minute,
    ...overrides,
  };
  return { options, writes, said, controller, elapsed: () => (now - start) / minute };
}

it("rewrites the section 4 minutes before each expiry until the MFA session can no longer renew it", async () => {
  const { options, writes, said, elapsed } = scenario();
  await expect(keepFresh(options)).resolves.toBe("session-ended");
  // Written at minutes 56, 112 and 168; the next would fall after 175 (3 h session minus the 5-minute margin).
  expect(writes).toEqual(["ASIA2@116", "ASIA3@172", "ASIA4@228"]);
  expect(elapsed()).toBe(175);
  expect(said.at(-1)).toContain("The MFA session ends at 2026-01-01T03:00:00.000Z");
});

it("stops at once when interrupted, writing nothing more", async () => {
  const { options, writes, controller } = scenario();
  const interrupted = keepFresh({
    ...options,
    sleep: async () => void controller.abort(),
  });
  await expect(interrupted).resolves.toBe("interrupted");
  expect(writes).toEqual([]);
});

it("a source that fails for good (AWS said no) ends keep-fresh with that error", async () => {
  const { CredoError } = await import("../../src/errors.js");
  const { options, writes } = scenario({
    source: async () => {
      throw new CredoError("AssumeRole was denied", { exitCode: "auth" });
    },
  });
  await expect(keepFresh(options)).rejects.toThrow("AssumeRole was denied");
  expect(writes).toEqual([]);
});
