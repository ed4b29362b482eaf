import type { AwsCredentials } from "../aws/aws-credentials.js";

/**
 * A cache of temporary credentials that wraps any provider (as aws-vault's
 * CachedSessionProvider does): providers never know about it.
 *
 * `keyParts` holds everything that changes the result (profile chain, role
 * ARN, session name, MFA serial, duration, endpoint...); the cache hashes it.
 * Implementations guarantee that concurrent callers for the same key (in this
 * process or in others) call `fetch` once and share its result.
 */
export interface SessionCache {
  getOrFetch(
    keyParts: Readonly<Record<string, unknown>>,
    fetch: () => Promise<AwsCredentials>,
  ): Promise<CachedCredentials>;
}

export interface CachedCredentials {
  credentials: AwsCredentials;
  /** True when served from the cache without calling fetch. */
  fromCache: boolean;
}

/** No caching: every call fetches (conformance runs and `--no-cache`). */
export const passThroughCache: SessionCache = {
  async getOrFetch(_keyParts, fetch) {
    return { credentials: await fetch(), fromCache: false };
  },
};
