import type { OutputStream } from "./streams.js";

export interface Spinner {
  /** Clears the line; the caller prints any result itself. */
  stop(): void;
}

const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * A one-line spinner on stderr while credo waits (network, SSO polling).
 * Written here rather than taken from ora/yocto-spinner: neither is installed,
 * and the need is twenty lines. Only on a terminal: piped stderr and logs get
 * nothing, so scripts never see control characters. The first frame appears
 * after `delayMs`, so quick waits draw nothing at all.
 */
export function startSpinner(
  stream: OutputStream,
  text: string,
  options: { delayMs?: number; intervalMs?: number } = {},
): Spinner {
  if (!stream.isTTY) return { stop: () => undefined };
  let frame = 0;
  let drawn = false;
  let interval: NodeJS.Timeout | undefined;
  const draw = () => {
    drawn = true;
    stream.write(`\r${frames[frame % frames.length]} ${text}`);
    frame += 1;
  };
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, options.intervalMs ?? 80);
    interval.unref();
  }, options.delayMs ?? 150);
  delay.unref();
  return {
    stop() {
      clearTimeout(delay);
      if (interval !== undefined) clearInterval(interval);
      if (drawn) stream.write("\r\u001b[K");
    },
  };
}
