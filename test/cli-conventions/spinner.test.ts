import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSpinner } from "../../src/io/spinner.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, write: (text: string) => void writes.push(text), isTTY };
}

// Fake timers: the spinner's delay and frames move with the test, not the machine's load.
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("startSpinner", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("draws frames on a terminal after the delay and clears its line on stop", async () => {
    const err = stream(true);
    const spinner = startSpinner(err, "Waiting for AWS", { delayMs: 10, intervalMs: 10 });
    await sleep(60);
    spinner.stop();
    const drawn = err.writes.length;
    expect(drawn).toBeGreaterThan(2);
    expect(err.writes[0]).toMatch(/^\r\S Waiting for AWS$/);
    expect(err.writes.at(-1)).toBe("\r\u001b[K");
    await sleep(30);
    expect(err.writes).toHaveLength(drawn);
  });

  it("draws nothing for a wait shorter than the delay", async () => {
    const err = stream(true);
    startSpinner(err, "quick", { delayMs: 50 }).stop();
    await sleep(70);
    expect(err.writes).toEqual([]);
  });

  it("writes nothing at all when stderr is not a terminal", async () => {
    const err = stream(false);
    const spinner = startSpinner(err, "piped", { delayMs: 0, intervalMs: 5 });
    await sleep(30);
    spinner.stop();
    expect(err.writes).toEqual([]);
  });
});
