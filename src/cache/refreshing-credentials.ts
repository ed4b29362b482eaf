import { CredoError } from "../errors.js";
import type { Clock } from "../io/clock.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

/**
 * In-memory credentials for long-running holders (the local credentials
 * endpoint, `auth --keep-fresh`), refreshed the way the AWS SDKs' cached
 * credential providers do it; the credentials-refresh conformance suite
 * (aws-sdk-cpp copy) pins every rule below:
 * - an advisory window before expiry, chosen by lifetime (5, 15 or 60 min) or
 *   configured: one caller refreshes, others keep the current credentials;
 * - a mandatory window (and expiry, and invalidate()): callers wait for the
 *   refresh;
 * - a failed refresh (or stale credentials from the source) keeps serving the
 *   current credentials, even expired ones, and backs off before retrying;
 *   with nothing to fall back on the error is raised and the next call retries;
 * - a non-recoverable error (AWS said no) is raised at once, even with
 *   credentials at hand, and re-raised for 5 s without asking the source again.
 */
export interface RefreshingCredentialsOptions {
  source: () => Promise<AwsCredentials>;
  clock: Clock;
  logger?: Logger;
  /** Overrides the advisory window chosen from the credentials' lifetime. */
  advisoryWindowMs?: number;
  mandatoryWindowMs?: number;
  refreshBackoffMs?: number;
  /** Whether a source error is final (raise, cache 5 s) rather than transient (back off, keep serving). */
  isNonRecoverable?: (error: unknown) => boolean;
}

export interface CredentialsOutcome {
  credentials: AwsCredentials;
  /** True when this call obtained new credentials from the source. */
  refreshed: boolean;
  /** True when a refresh was due but skipped because of the refresh backoff. */
  rateLimited: boolean;
  /** The advisory window of the credentials returned; undefined when they never expire. */
  advisoryWindowMs: number | undefined;
}

/** The SDKs' mandatory window; within it nobody may use the credentials without trying to refresh. */
export const defaultMandatoryWindowMs = 60_000;
/** Kotlin's default refresh backoff (conformance README section 14). */
export const defaultRefreshBackoffMs = 7 * 60_000;
/** How long a non-recoverable error is re-raised without asking the source again. */
export const nonRecoverableErrorTtlMs = 5_000;

const minute = 60_000;

/** The suite's table: lifetime <= 20 min -> 5 min; < 90 min -> 15 min; otherwise 60 min. */
export function advisoryWindowForLifetime(lifetimeMs: number): number {
  if (lifetimeMs <= 20 * minute) return 5 * minute;
  if (lifetimeMs < 90 * minute) return 15 * minute;
  return 60 * minute;
}

/** Transient failures (network, throttling, anything unclassified) are recoverable; AWS or the user refusing is not. */
export function isNonRecoverableCredentialError(error: unknown): boolean {
  if (!(error instanceof CredoError)) return false;
  return ["auth", "config", "vault", "usage", "cancelled"].includes(error.exitCode);
}

interface Held {
  credentials: AwsCredentials;
  expiresAt: number | undefined;
  advisoryWindowMs: number | undefined;
}

type Phase = "fresh" | "advisory" | "mandatory";

export class RefreshingCredentials {
  readonly #options: RefreshingCredentialsOptions;
  readonly #logger: Logger;
  #held: Held | undefined;
  #invalidated = false;
  #backoffUntil = 0;
  #cachedError: { error: unknown; until: number } | undefined;
  #inFlight: Promise<CredentialsOutcome> | undefined;

  constructor(options: RefreshingCredentialsOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
  }

  async get(): Promise<AwsCredentials> {
    return (await this.resolve()).credentials;
  }

  /** Routes the next call through the mandatory refresh path (AWS rejected the credentials). */
  invalidate(): void {
    this.#invalidated = true;
  }

  async resolve(): Promise<CredentialsOutcome> {
    const now = this.#options.clock.now();
    if (this.#cachedError !== undefined && now < this.#cachedError.until)
      throw this.#cachedError.error;
    const held = this.#held;
    const phase = this.#phase(now);
    if (held !== undefined) {
      if (phase === "fresh") return this.#outcome(held, false, false);
      if (now < this.#backoffUntil) {
        this.#logger.debug("credentials refresh due but backing off after a failed refresh");
        return this.#outcome(held, false, true);
      }
      // In the advisory window one caller refreshes; the others need not wait for it.
      if (phase === "advisory" && this.#inFlight !== undefined)
        return this.#outcome(held, false, false);
    }
    this.#inFlight ??= this.#refresh(phase).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  #phase(now: number): Phase {
    const held = this.#held;
    if (held === undefined || this.#invalidated) return "mandatory";
    if (held.expiresAt === undefined) return "fresh";
    const remaining = held.expiresAt - now;
    if (remaining <= (this.#options.mandatoryWindowMs ?? defaultMandatoryWindowMs))
      return "mandatory";
    if (held.advisoryWindowMs !== undefined && remaining <= held.advisoryWindowMs)
      return "advisory";
    return "fresh";
  }

  async #refresh(phase: Phase): Promise<CredentialsOutcome> {
    this.#logger.debug(
      `refreshing credentials (${phase === "advisory" ? "advisory" : "mandatory"} window)`,
    );
    const startedAt = this.#options.clock.now();
    let credentials: AwsCredentials;
    try {
      credentials = await this.#options.source();
    } catch (error) {
      const isNonRecoverable = this.#options.isNonRecoverable ?? isNonRecoverableCredentialError;
      if (isNonRecoverable(error)) {
        this.#cachedError = { error, until: this.#options.clock.now() + nonRecoverableErrorTtlMs };
        throw error;
      }
      return this.#fallBack(error);
    }
    const now = this.#options.clock.now();
    const expiresAt = credentials.expiration?.getTime();
    if (expiresAt !== undefined && expiresAt <= now) {
      return this.#fallBack(
        new CredoError("The credential source returned credentials that have already expired.", {
          exitCode: "auth",
          hint: "Check the machine's clock, then try again.",
        }),
      );
    }
    const advisoryWindowMs =
      expiresAt === undefined
        ? undefined
        : (this.#options.advisoryWindowMs ?? advisoryWindowForLifetime(expiresAt - startedAt));
    this.#held = { credentials, expiresAt, advisoryWindowMs };
    this.#invalidated = false;
    this.#backoffUntil = 0;
    this.#cachedError = undefined;
    return this.#outcome(this.#held, true, false);
  }

  /** A transient failure: keep serving what we hold (even expired) and back off; with nothing held, raise. */
  #fallBack(error: unknown): CredentialsOutcome {
    const held = this.#held;
    if (held === undefined) throw error;
    this.#backoffUntil =
      this.#options.clock.now() + (this.#options.refreshBackoffMs ?? defaultRefreshBackoffMs);
    const reason = error instanceof Error ? error.message : String(error);
    this.#logger.debug(`credentials refresh failed, serving the current credentials: ${reason}`);
    return this.#outcome(held, false, false);
  }

  #outcome(held: Held, refreshed: boolean, rateLimited: boolean): CredentialsOutcome {
    return {
      credentials: held.credentials,
      refreshed,
      rateLimited,
      advisoryWindowMs: held.advisoryWindowMs,
    };
  }
}
