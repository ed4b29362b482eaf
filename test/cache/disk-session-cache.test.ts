import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  cacheFileName,
  clearCache,
  diskSessionCache,
  readCachedCredentials,
} from "../../src/cache/disk-session-cache.js";
import { fixedClock } from "../../src/io/clock.js";
import type { Logger } from "../../src/io/logger.js";
import type { AwsCredentials } from "../../src/aws/aws-credentials.js";

const start = Date.UTC(2025, 5, 1, 12, 0, 0);
const hour = 3_600_000;
const key = {
  profile: "dev",
  roleArn: "arn:aws:iam::222222222222:role/Dev",
  mfaSerial: "arn:aws:iam::1:mfa/alice",
};

let home: string;
let dir: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "credo-cache-"));
  dir = join(home, "cache");
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { enabled: true, lines, debug: (message) => void lines.push(message) };
}

/** A fetch that issues numbered session credentials valid for `lifetimeMs` from the clock's now (null: no expiration). */
function countingFetch(clock: { now(): number }, lifetimeMs: number | null = hour) {
  const fetch = async (): Promise<AwsCredentials> => {
    fetch.calls += 1;
    return {
      accessKeyId: `ASIA${fetch.calls}`,
      secretAccessKey: `SECRET-KEY-${fetch.calls}`,
      sessionToken: `SESSION-TOKEN-${fetch.calls}`,
      ...(lifetimeMs === null ? {} : { expiration: new Date(clock.now() + lifetimeMs) }),
      accountId: "222222222222",
    };
  };
  fetch.calls = 0;
  return fetch;
}

describe("diskSessionCache", () => {
  it("fetches on a miss, writes a 0600 file in a 0700 folder, and serves it on the next call", async () => {
    const clock = fixedClock(start);
    const fetch = countingFetch(clock);
    const cache = diskSessionCache({ dir, clock, logger: recordingLogger() });

    const first = await cache.getOrFetch(key, fetch);
    const second = await cache.getOrFetch(key, fetch);

    expect(first).toMatchObject({ fromCache: false, credentials: { accessKeyId: "ASIA1" } });
    expect(second).toEqual({ ...first, fromCache: true });
    expect(fetch.calls).toBe(1);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dir)).toEqual([cacheFileName(key)]);
    const path = join(dir, cacheFileName(key));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({
      Version: 1,
      AccessKeyId: "ASIA1",
      SecretAccessKey: "SECRET-KEY-1",
      SessionToken: "SESSION-TOKEN-1",
      Expiration: "2025-06-01T13:00:00.000Z",
      AccountId: "222222222222",
      CachedAt: "2025-06-01T12:00:00.000Z",
      Key: key,
    });
  });

  it("serves while more than the 5-minute margin remains and refreshes from then on", async () => {
    const clock = fixedClock(start);
    const fetch = countingFetch(clock);
    const cache = diskSessionCache({ dir, clock, logger: recordingLogger() });
    await cache.getOrFetch(key, fetch);

    clock.advance(hour - 5 * 60_000 - 1);
    expect(await cache.getOrFetch(key, fetch)).toMatchObject({
      fromCache: true,
      credentials: { accessKeyId: "ASIA1" },
    });
    clock.advance(1);
    expect(await cache.getOrFetch(key, fetch)).toMatchObject({
      fromCache: false,
      credentials: { accessKeyId: "ASIA2" },
    });
    expect(await cache.getOrFetch(key, fetch)).toMatchObject({
      fromCache: true,
      credentials: { accessKeyId: "ASIA2" },
    });
    expect(fetch.calls).toBe(2);
  });

  it("honours a configured refresh margin", async () => {
    const clock = fixedClock(start);
    const fetch = countingFetch(clock);
    const cache = diskSessionCache({
      dir,
      clock,
      logger: recordingLogger(),
      refreshMarginMs: 30 * 60_000,
    });
    await cache.getOrFetch(key, fetch);
    clock.advance(30 * 60_000);
    expect((await cache.getOrFetch(key, fetch)).fromCache).toBe(false);
    expect(fetch.calls).toBe(2);
  });

  it("never caches credentials without an expiration", async () => {
    const clock = fixedClock(start);
    const fetch = countingFetch(clock, null);
    const cache = diskSessionCache({ dir, clock, logger: recordingLogger() });
    await cache.getOrFetch(key, fetch);
    await cache.getOrFetch(key, fetch);
    expect(fetch.calls).toBe(2);
    expect((await readdir(dir)).filter((name) => name.endsWith(".json"))).toEqual([]);
  });

  it.each([
    ["garbage", "\u0000\u0001 not json at all"],
    ["truncated", '{\n  "Version": 1,\n  "AccessKeyId": "ASIAOLD",\n  "SecretAcc'],
    [
      "wrong version",
      JSON.stringify({
        Version: 2,
        AccessKeyId: "A",
        SecretAccessKey: "S",
        Expiration: "2099-01-01T00:00:00Z",
      }),
    ],
    [
      "bad expiration",
      JSON.stringify({
        Version: 1,
        AccessKeyId: "A",
        SecretAccessKey: "S",
        Expiration: "soon",
        CachedAt: "2025-01-01T00:00:00Z",
        Key: {},
      }),
    ],
    ["empty", ""],
  ])("ignores and replaces a %s cache file", async (_kind, content) => {
    const clock = fixedClock(start);
    const fetch = countingFetch(clock);
    const logger = recordingLogger();
    await mkdir(dir, { recursive: true });
    const path = join(dir, cacheFileName(key));
    await writeFile(path, content);
    const cache = diskSessionCache({ dir, clock, logger });

    expect(await cache.getOrFetch(key, fetch)).toMatchObject({
      fromCache: false,
      credentials: { accessKeyId: "ASIA1" },
    });
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({
      Version: 1,
      AccessKeyId: "ASIA1",
    });
    expect(logger.lines.some((line) => line.includes("ignoring unreadable cache file"))).toBe(true);
  });

  it("keys files by canonical keyParts: key order does not matter, any differing part does", () => {
    const reordered = { mfaSerial: key.mfaSerial, roleArn: key.roleArn, profile: "dev" };
    expect(cacheFileName(reordered)).toBe(cacheFileName(key));
    expect(cacheFileName({ ...key, roleArn: "arn:aws:iam::222222222222:role/Admin" })).not.toBe(
      cacheFileName(key),
    );
    expect(cacheFileName({ ...key, durationSeconds: 3600 })).not.toBe(cacheFileName(key));
    expect(cacheFileName({ a: { x: 1, y: 2 } })).toBe(cacheFileName({ a: { y: 2, x: 1 } }));
    expect(cacheFileName(key)).toMatch(/^[0-9a-f]{64}\.json$/);
  });

  it("stores different keyParts in different files, each served to its own key", async () => {
    const clock = fixedClock(start);
    const fetch = countingFetch(clock);
    const cache = diskSessionCache({ dir, clock, logger: recordingLogger() });
    const other = { ...key, roleArn: "arn:aws:iam::333333333333:role/Ops" };
    await cache.getOrFetch(key, fetch);
    await cache.getOrFetch(other, fetch);
    expect((await cache.getOrFetch(key, fetch)).credentials.accessKeyId).toBe("ASIA1");
    expect((await cache.getOrFetch(other, fetch)).credentials.accessKeyId).toBe("ASIA2");
    expect((await readdir(dir)).sort()).toEqual([cacheFileName(key), cacheFileName(other)].sort());
  });

  it("coalesces concurrent calls for one key in one process into one fetch", async () => {
    const clock = fixedClock(start);
    const fetch = countingFetch(clock);
    const cache = diskSessionCache({ dir, clock, logger: recordingLogger() });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => cache.getOrFetch(key, fetch)),
    );
    expect(fetch.calls).toBe(1);
    expect(new Set(results.map((r) => r.credentials.accessKeyId))).toEqual(new Set(["ASIA1"]));
  });

  it("passes a fetch failure to the caller, writes nothing, and releases the lock for the next attempt", async () => {
    const clock = fixedClock(start);
    const cache = diskSessionCache({ dir, clock, logger: recordingLogger() });
    const failure = new Error("AccessDenied");
    await expect(cache.getOrFetch(key, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect((await readdir(dir)).filter((name) => name.endsWith(".json"))).toEqual([]);
    const fetch = countingFetch(clock);
    expect(await cache.getOrFetch(key, fetch)).toMatchObject({
      fromCache: false,
      credentials: { accessKeyId: "ASIA1" },
    });
  });

  it("tightens an existing cache folder to 0700", async () => {
    await mkdir(dir, { mode: 0o755 });
    const clock = fixedClock(start);
    await diskSessionCache({ dir, clock, logger: recordingLogger() }).getOrFetch(
      key,
      countingFetch(clock),
    );
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it("keeps secrets out of the debug log and out of the recorded key", async () => {
    const clock = fixedClock(start);
    const logger = recordingLogger();
    const cache = diskSessionCache({ dir, clock, logger });
    const withSecret = {
      ...key,
      source: { accessKeyId: "AKIAHUB", secretAccessKey: "HUB-SECRET" },
    };
    await cache.getOrFetch(withSecret, countingFetch(clock));
    await cache.getOrFetch(withSecret, countingFetch(clock));
    const log = logger.lines.join("\n");
    expect(log).toContain("session cache hit");
    expect(log).toContain("written");
    for (const secret of ["SECRET-KEY-1", "SESSION-TOKEN-1", "HUB-SECRET"])
      expect(log).not.toContain(secret);
    const stored = await readCachedCredentials(dir, withSecret);
    // The source's access key id is recorded masked, as in all output.
    expect(stored?.key).toEqual({ ...key, source: { accessKeyId: "****" } });
  });

  it("readCachedCredentials reports the entry as stored, fresh or not, without fetching", async () => {
    const clock = fixedClock(start);
    await diskSessionCache({ dir, clock, logger: recordingLogger() }).getOrFetch(
      key,
      countingFetch(clock),
    );
    const stored = await readCachedCredentials(dir, key);
    expect(stored).toEqual({
      credentials: {
        accessKeyId: "ASIA1",
        secretAccessKey: "SECRET-KEY-1",
        sessionToken: "SESSION-TOKEN-1",
        expiration: new Date(start + hour),
        accountId: "222222222222",
      },
      cachedAt: new Date(start),
      key,
    });
    expect(await readCachedCredentials(dir, { profile: "none" })).toBeUndefined();
    expect(await readCachedCredentials(join(home, "missing"), key)).toBeUndefined();
  });

  it("clearCache removes the entries a predicate selects, or everything", async () => {
    const clock = fixedClock(start);
    const cache = diskSessionCache({ dir, clock, logger: recordingLogger() });
    const fetch = countingFetch(clock);
    const prod = { profile: "prod", roleArn: "arn:aws:iam::3:role/Prod" };
    await cache.getOrFetch(key, fetch);
    await cache.getOrFetch(prod, fetch);
    await writeFile(join(dir, "0000.json"), "corrupt");

    expect(await clearCache(dir, (k) => k["profile"] === "prod")).toBe(1);
    expect(await readCachedCredentials(dir, prod)).toBeUndefined();
    expect(await readCachedCredentials(dir, key)).toBeDefined();
    expect(await clearCache(dir)).toBe(2);
    expect(await readdir(dir)).toEqual([]);
    expect(await clearCache(join(home, "missing"))).toBe(0);
  });
});
