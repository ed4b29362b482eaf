import { describe, expect, it } from "vitest";
import { RefreshingCredentials } from "../../src/cache/refreshing-credentials.js";
import { fixedClock } from "../../src/io/clock.js";
import type { AwsCredentials } from "../../src/aws/aws-credentials.js";

const start = Date.UTC(2025, 0, 1);

/** A source whose calls stay pending until the test releases them. */
function gatedSource(clock: { now(): number }, lifetimeMs: number | undefined) {
  const pending: (() => void)[] = [];
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    releaseAll() {
      for (const release of pending.splice(0)) release();
    },
    fetch(): Promise<AwsCredentials> {
      calls += 1;
      const credentials: AwsCredentials = {
        accessKeyId: `ASIA-${calls}`,
        secretAccessKey: "secret",
        ...(lifetimeMs === undefined ? {} : { expiration: new Date(clock.now() + lifetimeMs) }),
      };
      return new Promise((resolve) => pending.push(() => resolve(credentials)));
    },
  };
}

describe("RefreshingCredentials under concurrency", () => {
  it("makes one source call for many callers with nothing held, and gives all the same credentials", async () => {
    const clock = fixedClock(start);
    const source = gatedSource(clock, 3_600_000);
    const holder = new RefreshingCredentials({ source: () => source.fetch(), clock });
    const callers = Array.from({ length: 10 }, () => holder.get());
    source.releaseAll();
    const results = await Promise.all(callers);
    expect(source.calls).toBe(1);
    expect(new Set(results.map((c) => c.accessKeyId))).toEqual(new Set(["ASIA-1"]));
  });

  it("in the advisory window lets one caller refresh while the others keep the current credentials", async () => {
    const clock = fixedClock(start);
    const source = gatedSource(clock, 3_600_000);
    const holder = new RefreshingCredentials({ source: () => source.fetch(), clock });
    const first = holder.get();
    source.releaseAll();
    await first;
    clock.advance(3_600_000 - 10 * 60_000); // 10 minutes left: inside the 15-minute advisory window
    const refreshing = holder.get();
    const others = await Promise.all([holder.get(), holder.get()]);
    expect(others.map((c) => c.accessKeyId)).toEqual(["ASIA-1", "ASIA-1"]);
    source.releaseAll();
    expect((await refreshing).accessKeyId).toBe("ASIA-2");
    expect(source.calls).toBe(2);
  });

  it("never refreshes credentials that do not expire, and invalidate() forces one refresh", async () => {
    const clock = fixedClock(start);
    const source = gatedSource(clock, undefined);
    const holder = new RefreshingCredentials({ source: () => source.fetch(), clock });
    const first = holder.get();
    source.releaseAll();
    await first;
    clock.advance(365 * 86_400_000);
    expect((await holder.resolve()).refreshed).toBe(false);
    holder.invalidate();
    const forced = holder.resolve();
    source.releaseAll();
    expect(await forced).toMatchObject({ refreshed: true, credentials: { accessKeyId: "ASIA-2" } });
    expect((await holder.resolve()).refreshed).toBe(false);
    expect(source.calls).toBe(2);
  });
});
