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
  let frame = 0;
  let drawn = false;
  let interval: NodeJS.Timeout | undefined;
  const draw = () => {
    drawn = true;
    stream.write(`\r${frames[frame % frames.length]} ${text}`);
    frame += 1;
  };
  // Whether stderr is a terminal is asked only when the first frame is due: a
  // quick wait (a cached session) never loads the terminal internals to know.
  const delay = setTimeout(() => {
    if (!stream.isTTY) return;
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

/**
 * The spinner of a command's network waits, in one place: `during` shows it
 * while work runs (a nested wait keeps the outer spinner and its text), and
 * `pause` takes it off the screen while a prompt or a message is drawn
 * there, putting it back afterwards. Disabled, it only runs the work.
 */
export interface WaitIndicator {
  during<T>(text: string, work: () => Promise<T>): Promise<T>;
  pause(): () => void;
}

export function waitIndicator(
  stream: OutputStream,
  enabled: boolean,
  options: { delayMs?: number; intervalMs?: number } = {},
): WaitIndicator {
  let text: string | undefined;
  let spinner: Spinner | undefined;
  let paused = 0;
  const show = () => {
    if (enabled && text !== undefined && paused === 0 && spinner === undefined)
      spinner = startSpinner(stream, text, options);
  };
  const hide = () => {
    spinner?.stop();
    spinner = undefined;
  };
  return {
    async during(label, work) {
      if (text !== undefined) return work();
      text = label;
      show();
      try {
        return await work();
      } finally {
        hide();
        text = undefined;
      }
    },
    pause() {
      paused += 1;
      hide();
      let resumed = false;
      return () => {
        if (resumed) return;
        resumed = true;
        paused -= 1;
        show();
      };
    },
  };
}
