import { RefreshingCredentials } from "../cache/refreshing-credentials.js";
import type { Clock } from "../io/clock.js";
import type { Logger } from "../io/logger.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

export interface KeepFreshOptions {
  /** The credentials already written by `credo auth`. */
  initial: AwsCredentials;
  /** New credentials for the same profile (through the cache and the hub's MFA session). */
  source(): Promise<AwsCredentials>;
  /** Rewrites the section (atomically, under the file lock). */
  write(credentials: AwsCredentials): Promise<void>;
  /** When the MFA session behind the credentials ends; undefined when they renew without one (SSO...). */
  renewableUntil: Date | undefined;
  clock: Clock;
  logger: Logger;
  say(message: string): void;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  signal: AbortSignal;
  /** How long before expiry to rewrite. */
  advisoryWindowMs: number;
  /** The disk cache's margin: within it the hub session would be fetched again, which needs a new MFA code. */
  sessionMarginMs: number;
}

export type KeepFreshEnd = "interrupted" | "session-ended" | "no-expiry";

/**
 * `credo auth --keep-fresh`: rewrites the section ahead of expiry, as the
 * SDKs' refreshing providers do (RefreshingCredentials), until interrupted
 * or until the MFA session behind it can no longer renew it without a new code.
 */
export async function keepFresh(options: KeepFreshOptions): Promise<KeepFreshEnd> {
  const { clock } = options;
  let pending: AwsCredentials | undefined = options.initial;
  const holder = new RefreshingCredentials({
    clock,
    logger: options.logger,
    advisoryWindowMs: options.advisoryWindowMs,
    source: async () => {
      const ready = pending;
      pending = undefined;
      return ready ?? options.source();
    },
  });
  await holder.resolve();
  const limit =
    options.renewableUntil === undefined
      ? Number.POSITIVE_INFINITY
      : options.renewableUntil.getTime() - options.sessionMarginMs;
  for (;;) {
    const outcome = await holder.resolve();
    const expiration = outcome.credentials.expiration;
    if (outcome.refreshed) {
      await options.write(outcome.credentials);
      options.say(
        `Refreshed the credentials; they expire at ${expiration?.toISOString() ?? "never"}.`,
      );
    }
    if (expiration === undefined) return "no-expiry";
    const wakeAt = Math.min(expiration.getTime() - options.advisoryWindowMs, limit);
    // At least a second between rounds, so credentials shorter-lived than the window never spin the loop.
    await options.sleep(Math.max(wakeAt - clock.now(), 1000), options.signal);
    if (options.signal.aborted) return "interrupted";
    if (clock.now() >= limit) {
      options.say(
        `The MFA session ends at ${options.renewableUntil?.toISOString() ?? ""}; the credentials written last expire at ${expiration.toISOString()}. Run \`credo auth\` again for a new session.`,
      );
      return "session-ended";
    }
  }
}

/** A timer that ends early on abort (setTimeout caps at about 24.8 days, far above any session). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
