import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { waitIndicator } from "../../src/io/spinner.js";

function terminal() {
  const writes: string[] = [];
  return { writes, write: (text: string) => void writes.push(text), isTTY: true };
}

// Fake timers: the work's waits and the spinner's frames move together, whatever the machine's load.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timing = { delayMs: 5, intervalMs: 5 };

/** Runs `work` to its end while fake time passes in 1 ms steps. */
async function settle<T>(work: Promise<T>): Promise<T> {
  let done = false;
  const watched = work.finally(() => (done = true));
  watched.catch(() => undefined);
  while (!done) await vi.advanceTimersByTimeAsync(1);
  return watched;
}

describe("waitIndicator", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("keeps the outer text through a nested wait and clears the line when the outer one ends", async () => {
    const err = terminal();
    const indicator = waitIndicator(err, true, timing);
    const value = await settle(
      indicator.during("outer", async () => {
        await indicator.during("inner", () => sleep(30));
        return 42;
      }),
    );
    expect(value).toBe(42);
    expect(err.writes.some((text) => text.endsWith(" outer"))).toBe(true);
    expect(err.writes.some((text) => text.includes("inner"))).toBe(false);
    expect(err.writes.at(-1)).toBe("\r\u001b[K");
  });

  it("steps aside while paused (a prompt is on the screen) and comes back after", async () => {
    const err = terminal();
    const indicator = waitIndicator(err, true, timing);
    let whilePaused = -1;
    await settle(
      indicator.during("waiting", async () => {
        await sleep(20);
        const resume = indicator.pause();
        expect(err.writes.at(-1)).toBe("\r\u001b[K");
        whilePaused = err.writes.length;
        await sleep(30);
        expect(err.writes).toHaveLength(whilePaused);
        resume();
        await sleep(20);
      }),
    );
    expect(err.writes.length).toBeGreaterThan(whilePaused + 1);
  });

  it("disabled (credo process, --debug): runs the work and writes nothing", async () => {
    const err = terminal();
    const result = await settle(
      waitIndicator(err, false, timing).during("never", async () => {
        await sleep(30);
        return "done";
      }),
    );
    expect(result).toBe("done");
    expect(err.writes).toEqual([]);
  });

  it("clears its line when the work fails", async () => {
    const err = terminal();
    const failing = waitIndicator(err, true, timing).during("failing", async () => {
      await sleep(20);
      throw new Error("boom");
    });
    await expect(settle(failing)).rejects.toThrow("boom");
    expect(err.writes.at(-1)).toBe("\r\u001b[K");
  });
});
