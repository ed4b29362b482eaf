/** Time, injected: tests drive expiry and refresh with a controlled clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(epochMs: number): Clock & { advance(ms: number): void } {
  let current = epochMs;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}
